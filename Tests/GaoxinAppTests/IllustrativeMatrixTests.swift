import Foundation
import GaoxinComplexity
@testable import GaoxinApp
import XCTVapor
import XCTest
import Fluent

/// The demo's recommendation page must not show a degenerate ranking (issue 12 item 8): the
/// illustrative province matrix separates every city and scores its candidates apart, and every
/// note a ranking can carry has a plain explanation an official can act on.
final class IllustrativeMatrixTests: XCTestCase {
    func result() throws -> ComplexityYearResult {
        var builder = ComplexityTableBuilder(policy: .strict)
        for (index, o) in IllustrativeMatrix.observations.enumerated() {
            try builder.append(year: IllustrativeMatrix.year, location: o.location, product: o.product, value: o.value, line: index + 1)
        }
        return try EconomicComplexity.computeYear(try XCTUnwrap(try builder.build().years.first))
    }

    func testTheMatrixRanksEveryCityApartWithoutWarnings() throws {
        XCTAssertEqual(IllustrativeMatrix.observations.count, 13 * 34)
        XCTAssertTrue(IllustrativeMatrix.observations.allSatisfy { $0.value > 0 })
        let result = try result()
        XCTAssertEqual(result.notes, [], "no sign, uniqueness or connectivity warning")
        XCTAssertEqual(result.locations.count, 13)
        let eci = Dictionary(uniqueKeysWithValues: zip(result.locations, result.eci))
        XCTAssertEqual(Set(result.eci.map { ($0 * 1_000).rounded() }).count, 13, "13 distinct ECIs to three decimals: \(eci)")
        XCTAssertFalse(result.eci.allSatisfy { abs(abs($0) - 1) < 0.001 }, "not the ±1 of a two-block matrix")
        XCTAssertGreaterThan(try XCTUnwrap(eci["苏州"]), try XCTUnwrap(eci["宿迁"]), "the most capable city ranks above the least")
        XCTAssertGreaterThan(try XCTUnwrap(eci["南京"]), try XCTUnwrap(eci["连云港"]))

        let ranking = try TargetRecommendation.rank(result, location: IllustrativeMatrix.defaultLocation, weights: .balanced)
        XCTAssertGreaterThanOrEqual(ranking.items.count, 5, "无锡 has industries to attract")
        XCTAssertTrue(ranking.items.allSatisfy { $0.rca < 1 })
        let top = ranking.items.prefix(10).map { ($0.score * 1_000).rounded() }
        XCTAssertEqual(Set(top).count, top.count, "no two of the first ten tie: \(ranking.items.prefix(10).map { ($0.product, $0.score) })")
        XCTAssertFalse(ranking.items.contains { $0.product == "39" }, "electronics is 无锡's strength, not a target")
    }

    func testEveryNoteHasAPlainExplanationWithoutTheMethodsJargon() {
        let notes: [ComplexityNote] = [
            .coercedValues(count: 3, firstLine: 2, example: "x"), .proximityFilled(missingPairs: 4, missingDiagonal: 1), .droppedDuplicates(count: 2, firstLine: 5),
            .zeroLocations(year: "2024", codes: ["甲"]), .zeroProducts(year: "2024", codes: ["01"]),
            .noPresence(year: "2024", codes: ["甲"]), .nowherePresent(year: "2024", codes: ["01"]),
            .signUndefined(year: "2024"), .signArbitrary(year: "2024"), .eigenvectorUnavailable(year: "2024"),
            .eigenvectorNotUnique(year: "2024", eigenvalues: [1, 1]), .disconnectedNetwork(year: "2024", parts: 2, chosenLocations: ["甲"]),
            .undefinedProximity(year: "2024", codes: ["01"]),
        ]
        for note in notes {
            XCTAssertFalse(note.plainZh.isEmpty || note.plainEn.isEmpty)
            for jargon in ["特征值", "特征向量", "参考实现", "RCA", "ECI", "PCI", "COG", "邻近度"] {
                XCTAssertFalse(note.plainZh.contains(jargon), "\(note): \(jargon) in “\(note.plainZh)”")
            }
            XCTAssertNotEqual(note.plainZh, note.messageZh)
        }
    }
}

/// The illustrative matrix as the demo ships it.
extension DemoDataTests {
    func testTheDemoShipsTheIllustrativeMatrixLabelledAndOpensOnTheZonesCityWithIndustryNames() async throws {
        try await withDemo { app in
            let datasets = try await ComplexityDataset.query(on: app.db).filter(\.$source == Optional(IllustrativeMatrix.source)).all()
            XCTAssertEqual(datasets.count, 1)
            let dataset = try XCTUnwrap(datasets.first)
            XCTAssertTrue(dataset.name.contains("虚构数据") && (dataset.description ?? "").contains("不是统计数据"))
            let office = try await User.query(on: app.db).filter(\.$username == "office").first()
            let api = try await APIClient.forUser(try XCTUnwrap(office?.id), app: app)
            let index = try await api.send(.GET, Site.complexity)
            XCTAssertTrue(index.text.contains("示意数据，非统计"))
            let page = try await api.send(.GET, Site.complexityDataset(dataset.id!))
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("地区 无锡 的经济复杂度指数"), "opens on the demo zone's city")
            XCTAssertTrue(page.text.contains("制造业"), "industries by their GB/T names, not bare codes")
            XCTAssertFalse(page.text.contains("技术说明"), "no warning on this matrix")
        }
    }
}
