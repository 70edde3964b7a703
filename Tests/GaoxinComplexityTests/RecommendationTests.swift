import XCTest
@testable import GaoxinComplexity

final class RecommendationTests: XCTestCase {
    private func result() throws -> ComplexityYearResult {
        var builder = ComplexityTableBuilder()
        for (index, row) in Scenarios.random("rec", locations: 20, products: 16, seed: 60).rows.enumerated() {
            try builder.append(year: row.year, location: row.location, product: row.product, valueText: row.value, line: index + 2)
        }
        try builder.append(year: "2020", location: "L-zero", product: "P001", value: 0, line: 999)
        return try XCTUnwrap(EconomicComplexity.compute(builder.build()).first)
    }

    func testRanksAbsentProductsWithEveryComponentShown() throws {
        let result = try result()
        let list = try TargetRecommendation.rank(result, location: "L003")
        let c = try XCTUnwrap(result.locationIndex("L003"))
        let absent = result.products.indices.filter { result.mcp[c, $0] == 0 }.map { result.products[$0] }
        XCTAssertEqual(Set(list.items.map(\.product)), Set(absent))
        XCTAssertEqual(list.items.map(\.rank), Array(1...list.items.count))
        XCTAssertTrue(zip(list.items, list.items.dropFirst()).allSatisfy { $0.score >= $1.score })
        for item in list.items {
            let p = try XCTUnwrap(result.productIndex(item.product))
            XCTAssertEqual(item.density, result.density[c, p])
            XCTAssertEqual(item.pci, result.pci[p])
            XCTAssertEqual(item.cog, result.cog[c, p])
            XCTAssertEqual(item.densityContribution + item.pciContribution + item.cogContribution, item.score, accuracy: 1e-12)
            XCTAssertEqual(item.densityContribution, item.densityScore * list.weights.density, accuracy: 1e-12)
        }
        let z = list.items.map(\.densityScore)
        XCTAssertEqual(z.reduce(0, +) / Double(z.count), 0, accuracy: 1e-12, "components are standardised over the candidates")
    }

    func testWeightsShiftTheRanking() throws {
        let result = try result()
        let feasibility = try TargetRecommendation.rank(result, location: "L005", weights: RecommendationWeights(density: 1, pci: 0, cog: 0))
        XCTAssertEqual(feasibility.items.map(\.product),
                       feasibility.items.sorted { $0.density != $1.density ? $0.density > $1.density : $0.product < $1.product }.map(\.product))
        let value = try TargetRecommendation.rank(result, location: "L005", weights: RecommendationWeights(density: 0, pci: 2, cog: 0))
        XCTAssertEqual(value.weights, RecommendationWeights(density: 0, pci: 1, cog: 0), "weights are normalised")
        XCTAssertEqual(value.items.first?.product, value.items.max { $0.pci < $1.pci }?.product)
    }

    func testErrors() throws {
        let result = try result()
        XCTAssertThrowsError(try TargetRecommendation.rank(result, location: "nowhere")) {
            XCTAssertEqual($0 as? RecommendationError, .unknownLocation(location: "nowhere", year: "2020"))
        }
        XCTAssertThrowsError(try TargetRecommendation.rank(result, location: "L-zero")) {
            XCTAssertEqual($0 as? RecommendationError, .locationWithoutData(location: "L-zero", year: "2020"))
        }
        XCTAssertThrowsError(try TargetRecommendation.rank(result, location: "L001", weights: RecommendationWeights(density: -1, pci: 1, cog: 1)))
        XCTAssertThrowsError(try TargetRecommendation.rank(result, location: "L001", weights: RecommendationWeights(density: 0, pci: 0, cog: 0)))
    }

    func testChainGapsAreMarked() throws {
        let list = try TargetRecommendation.rank(result(), location: "L003")
        let top = list.items.prefix(3).map(\.product)
        let nodes = [
            ChainNodeProducts(nodeID: "n1", name: "芯片设计", strength: .missing, productCodes: [top[1]]),
            ChainNodeProducts(nodeID: "n2", name: "封装测试", strength: .strong, productCodes: [top[0]]),
            ChainNodeProducts(nodeID: "n3", name: "材料", strength: .weak, productCodes: [top[0], top[2]]),
            ChainNodeProducts(nodeID: "n4", name: "设备", strength: .missing, productCodes: ["X999"]),
        ]
        let marks = ChainGapMarker.mark(list.items, nodes: nodes)
        XCTAssertEqual(marks.count, list.items.count)
        XCTAssertEqual(marks[0].fills.map(\.nodeID), ["n3"], "a strong node is no gap")
        XCTAssertEqual(marks[1].fills.map(\.nodeID), ["n1"])
        XCTAssertEqual(marks[2].fills.map(\.nodeID), ["n3"])
        XCTAssertFalse(marks.dropFirst(3).contains(where: \.fillsGap))

        let gaps = ChainGapMarker.gaps(list.items, nodes: nodes)
        XCTAssertEqual(gaps.map(\.node.nodeID), ["n1", "n4", "n3"], "missing nodes first")
        XCTAssertEqual(gaps[2].candidates.map(\.product), [top[0], top[2]])
        XCTAssertEqual(gaps[1].candidates, [], "no recommendation fills n4")
    }

    func testPrefixMatchingForCoarserChains() {
        let node = ChainNodeProducts(nodeID: "c39", name: "计算机、通信和其他电子设备制造业", strength: .weak, productCodes: ["C39"])
        XCTAssertTrue(ChainGapMarker.covers(node, "C3911", .prefix))
        XCTAssertFalse(ChainGapMarker.covers(node, "C3911", .exact))
        XCTAssertFalse(ChainGapMarker.covers(node, "C40", .prefix))
    }
}
