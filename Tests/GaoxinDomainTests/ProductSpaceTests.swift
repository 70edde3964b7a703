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

    func testLayoutIsDeterministicInsideTheUnitSquareAndKeepsClustersApart() {
        // Two triangles joined by one weak bridge (2–3).
        let edges: [(Int, Int, Double)] = [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.9), (3, 4, 0.9), (4, 5, 0.9), (3, 5, 0.9), (2, 3, 0.2)]
        let first = ForceLayout.layout(nodeCount: 6, edges: edges)
        XCTAssertEqual(first, ForceLayout.layout(nodeCount: 6, edges: edges), "the same graph always gets the same picture")
        for point in first { XCTAssertTrue((0...1).contains(point.x) && (0...1).contains(point.y), "\(point)") }
        func distance(_ a: Int, _ b: Int) -> Double { ((first[a].x - first[b].x) * (first[a].x - first[b].x) + (first[a].y - first[b].y) * (first[a].y - first[b].y)).squareRoot() }
        let inside = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)].map { distance($0.0, $0.1) }
        let across = [(0, 4), (0, 5), (1, 4), (1, 5)].map { distance($0.0, $0.1) }
        XCTAssertLessThan(inside.max()!, across.min()!, "products of one cluster sit closer together than products of different clusters")
    }

    func testEmptyAndSingleNodeLayouts() {
        XCTAssertEqual(ForceLayout.layout(nodeCount: 0, edges: []), [])
        XCTAssertEqual(ForceLayout.layout(nodeCount: 1, edges: []), [ForceLayout.Point(x: 0.5, y: 0.5)])
    }
}

final class UnitTreeKeyTests: XCTestCase {
    func testKeysOrderSiblingsBySortOrderThenIdAndChildrenAfterTheirParent() {
        let parent = UnitTreeKey.key(parentKey: nil, sortOrder: 0, id: 1)
        let nine = UnitTreeKey.key(parentKey: parent, sortOrder: 0, id: 9)
        let ten = UnitTreeKey.key(parentKey: parent, sortOrder: 0, id: 10)
        let first = UnitTreeKey.key(parentKey: parent, sortOrder: -5, id: 99)
        let childOfNine = UnitTreeKey.key(parentKey: nine, sortOrder: 1_000_000, id: 1)
        let ordered = [parent, first, nine, childOfNine, ten]
        XCTAssertEqual(ordered.shuffled().sorted(), ordered)
        XCTAssertEqual(nine.count, 2 * UnitTreeKey.segmentLength)
        XCTAssertEqual(UnitTreeKey.segment(sortOrder: -9_999_999, id: 1), UnitTreeKey.segment(sortOrder: -1_000_000, id: 1), "out-of-range orders clamp")
    }
}
