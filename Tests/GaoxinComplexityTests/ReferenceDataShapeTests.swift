import XCTest
@testable import GaoxinComplexity

/// The reference's numbers on inputs of different shapes (default options). The scenarios are
/// in ScenarioCatalog.
final class ReferenceDataShapeTests: XCTestCase {
    func testDenseMatrix() throws {
        try ReferenceComparison.check(ScenarioCatalog.dense)
    }

    func testSparseMatrixWithAbsentCells() throws {
        try ReferenceComparison.check(ScenarioCatalog.sparse)
    }

    func testLocationAndProductWithAllZeros() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.zeros).first)
        XCTAssertEqual(result.droppedLocations, ["L-zero"])
        XCTAssertEqual(result.droppedProducts, ["P-zero"])
        XCTAssertTrue(result.notes.contains(.zeroLocations(year: "2020", codes: ["L-zero"])))
        XCTAssertTrue(result.notes.contains(.zeroProducts(year: "2020", codes: ["P-zero"])))
        XCTAssertFalse(result.notes.contains { if case .disconnectedNetwork = $0 { return true } else { return false } },
                       "the scenario must stay connected for COI and COG to be comparable")
    }

    func testTies() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.ties).first)
        let mean = try XCTUnwrap(result.locations.firstIndex(of: "L-mean"))
        XCTAssertTrue((0..<result.products.count).allSatisfy { result.rca[mean, $0] == 1 }, "RCA exactly 1")
        XCTAssertTrue((0..<result.products.count).allSatisfy { result.mcp[mean, $0] == 1 }, "RCA ≥ 1 counts as present")
        let first = try XCTUnwrap(result.locations.firstIndex(of: "L001"))
        let twin = try XCTUnwrap(result.locations.firstIndex(of: "L-twin"))
        XCTAssertEqual(result.eci[first], result.eci[twin], accuracy: 1e-12)
    }

    func testSeveralYearsWithDifferentCodes() throws {
        let results = try ReferenceComparison.check(ScenarioCatalog.years)
        XCTAssertEqual(results.map(\.year), ["2019", "2020", "2021"])
        XCTAssertEqual(results.map(\.locations.count), [17, 18, 18])
        XCTAssertEqual(results.map(\.products.count), [13, 14, 15])
    }

    func testCodesWithLeadingZerosStayText() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.leadingZeros).first)
        XCTAssertEqual(result.locations, ScenarioCatalog.leadingZeroLocations.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        XCTAssertEqual(Set(result.products), Set(ScenarioCatalog.leadingZeroProducts))
    }

    func testMoreProductsThanLocations() throws {
        try ReferenceComparison.check(ScenarioCatalog.wide)
    }

    func testLongRowsWithExactTies() throws {
        try ReferenceComparison.check(ScenarioCatalog.longRows)
    }

    /// The reference's eigenvector is the indicator of one part, which one depending on
    /// rounding. ECI and PCI come out the same either way; COI and COG do not, and a note says so.
    func testDisconnectedNetwork() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.disconnected, ignoring: ["coi", "cog"]).first)
        XCTAssertTrue(result.notes.contains {
            if case .disconnectedNetwork(_, 2, let chosen) = $0 { return chosen.count == 10 } else { return false }
        })
    }
}
