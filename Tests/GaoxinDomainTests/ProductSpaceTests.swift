import GaoxinDomain
import XCTest

final class ProductSpaceTests: XCTestCase {
    /// Four products: 0–1 and 2–3 are close pairs, 1–2 the strongest bridge between them.
    let proximity: [Double] = [
        1.0, 0.9, 0.1, 0.2,
        0.9, 1.0, 0.6, 0.1,
        0.1, 0.6, 1.0, 0.8,
        0.2, 0.1, 0.8, 1.0,
    ]

    func testSpanningTreeKeepsTheStrongestLinksAndConnectsEveryProduct() {
        let graph = ProductSpaceGraph(proximity: proximity, count: 4, extraThreshold: 0.95)
        let pairs = Set(graph.edges.map { "\($0.a)-\($0.b)" })
        XCTAssertEqual(pairs, ["0-1", "2-3", "1-2"])
        XCTAssertEqual(graph.edges.count, 3, "a spanning tree of 4 nodes has 3 edges and nothing else passes 0.95")
    }

    func testExtraEdgesAboveTheThresholdAreAddedAndCapped() {
        let dense: [Double] = [1, 0.7, 0.7, 0.7, 1, 0.7, 0.7, 0.7, 1]
        XCTAssertEqual(ProductSpaceGraph(proximity: dense, count: 3, extraThreshold: 0.5).edges.count, 3)
        XCTAssertEqual(ProductSpaceGraph(proximity: dense, count: 3, extraThreshold: 0.5, maxExtraEdges: 0).edges.count, 2)
        XCTAssertEqual(ProductSpaceGraph(proximity: dense, count: 3, extraThreshold: 0.8).edges.count, 2)
    }

    func testLayoutIsDeterministicInsideTheUnitSquareAndPullsNeighboursTogether() {
        let graph = ProductSpaceGraph(proximity: proximity, count: 4, extraThreshold: 0.95)
        let edges = graph.edges.map { ($0.a, $0.b, $0.weight) }
        let first = ForceLayout.layout(nodeCount: 4, edges: edges)
        let second = ForceLayout.layout(nodeCount: 4, edges: edges)
        XCTAssertEqual(first, second)
        for point in first { XCTAssertTrue((0...1).contains(point.x) && (0...1).contains(point.y), "\(point)") }
        func distance(_ a: Int, _ b: Int) -> Double { ((first[a].x - first[b].x) * (first[a].x - first[b].x) + (first[a].y - first[b].y) * (first[a].y - first[b].y)).squareRoot() }
        let linked = graph.edges.map { distance($0.a, $0.b) }
        let unlinked = [(0, 2), (0, 3), (1, 3)].map { distance($0.0, $0.1) }
        XCTAssertLessThan(linked.reduce(0, +) / Double(linked.count), unlinked.reduce(0, +) / Double(unlinked.count),
                          "on average, linked products sit closer than unlinked ones")
    }

    func testEmptyAndSingleNodeLayouts() {
        XCTAssertEqual(ForceLayout.layout(nodeCount: 0, edges: []), [])
        XCTAssertEqual(ForceLayout.layout(nodeCount: 1, edges: []), [ForceLayout.Point(x: 0.5, y: 0.5)])
    }
}
