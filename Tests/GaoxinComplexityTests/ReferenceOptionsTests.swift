import XCTest
@testable import GaoxinComplexity

/// The reference's numbers under each of its options. The scenarios are in ScenarioCatalog.
final class ReferenceOptionsTests: XCTestCase {
    func testHigherThreshold() throws {
        try ReferenceComparison.check(ScenarioCatalog.threshold)
    }

    /// Locations with no product at the threshold: the reference's ECI, PCI and COG are NaN for
    /// the whole year, and a note says why.
    func testLocationsWithoutPresence() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.noPresence).first)
        XCTAssertTrue(result.notes.contains(.noPresence(year: "2020", codes: ["L-mean", "L-mean2"])))
        XCTAssertFalse(result.notes.contains { if case .nowherePresent = $0 { return true } else { return false } })
        XCTAssertTrue(result.eci.allSatisfy(\.isNaN))
        XCTAssertFalse(result.coi.allSatisfy(\.isNaN), "COI survives when two or more locations have no presence")
    }

    /// Exactly one such location: the reference's re-insertion of NaN fails on a 0-d index, so
    /// every ECI and PCI (and hence COI) is NaN.
    func testSingleLocationWithoutPresence() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.oneIdle).first)
        XCTAssertTrue(result.notes.contains(.noPresence(year: "2020", codes: ["L-mean"])))
        XCTAssertTrue(result.coi.allSatisfy(\.isNaN))
    }

    func testPresenceByPopulation() throws {
        let results = try ReferenceComparison.check(ScenarioCatalog.rpop)
        XCTAssertNotNil(results.first?.rpop)
    }

    func testPresenceByBothTests() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.both).first)
        XCTAssertTrue(result.mcp.storage.contains(2), "under \"both\" the reference adds the two tests")
    }

    func testManualPresence() throws {
        try ReferenceComparison.check(ScenarioCatalog.manualBinary)
        try ReferenceComparison.check(ScenarioCatalog.manualGraded)
    }

    func testContinuousProximity() throws {
        try ReferenceComparison.check(ScenarioCatalog.continuous)
    }

    func testAsymmetricProximity() throws {
        let result = try XCTUnwrap(ReferenceComparison.check(ScenarioCatalog.asymmetric).first)
        XCTAssertNotEqual(result.proximity, result.proximity.transposed())
    }

    /// The reference's proximity() ignores a given proximity, so only the grid is compared.
    func testGivenProximity() throws {
        try ReferenceComparison.check(ScenarioCatalog.given, compareProximity: false)
    }

    func testCoercePolicyMatchesReference() throws {
        let results = try ReferenceComparison.check(ScenarioCatalog.coerce)
        let table = try ComplexityTable.read(csvPath: ReferenceBatch.directory.appendingPathComponent("coerce-input.csv").path,
                                             policy: .coerce)
        XCTAssertEqual(table.notes.count, 2)
        XCTAssertFalse(results.isEmpty)
    }
}
