@testable import GaoxinApp
import XCTest

/// The pure part of the audit entry page: two snapshots → a row per field, changed ones apart,
/// values as a person reads them.
final class AuditDiffTests: XCTestCase {
    func testChangedFieldsAreFoundInDeclaredOrderAndNestedObjectsFlatten() {
        let before = #"{"active":true,"annualTarget":1234567,"leaderWeights":{"growth":20,"scale":35},"name":"集成电路","note":null}"#
        let after = #"{"active":false,"annualTarget":2500000,"leaderWeights":{"growth":25,"scale":35},"name":"集成电路","note":"改"}"#
        let diff = AuditDiff(before: before, after: after, order: ["name", "annualTarget", "leaderWeights.growth"])
        XCTAssertEqual(diff.changed.map(\.key), ["annualTarget", "leaderWeights.growth", "active", "note"], "declared first, then the rest alphabetically")
        XCTAssertEqual(diff.unchanged.map(\.key), ["name", "leaderWeights.scale"])
        let target = diff.rows.first { $0.key == "annualTarget" }
        XCTAssertEqual(target?.before, .integer(1_234_567))
        XCTAssertEqual(target?.after, .integer(2_500_000))
    }

    func testACreationOrADeletionComparesWithNothing() {
        let created = AuditDiff(before: nil, after: #"{"name":"新单位","code":null}"#)
        XCTAssertEqual(created.changed.map(\.key), ["name"])
        XCTAssertEqual(created.changed.first?.before, .null)
        XCTAssertEqual(created.unchanged.map(\.key), ["code"], "null on both sides is no change")
        XCTAssertEqual(AuditDiff(before: #"{"name":"旧"}"#, after: nil).changed.first?.after, .null)
        XCTAssertTrue(AuditDiff(before: String?.none, after: String?.none).rows.isEmpty)
        XCTAssertTrue(AuditDiff(before: "not json", after: "[1,2]").rows.isEmpty, "only objects are snapshots")
    }

    func testValuesReadAsText() {
        let row = AuditDiff(before: #"{"a":true,"b":1,"c":null,"d":["unit","leader"],"e":[],"f":1.5,"g":""}"#, after: nil).rows
        let text = Dictionary(uniqueKeysWithValues: row.map { ($0.key, $0.before.text(.zh)) })
        XCTAssertEqual(text, ["a": "是", "b": "1", "c": "—", "d": "unit、leader", "e": "—", "f": "1.5", "g": "—"])
        XCTAssertEqual(AuditJSON.bool(false).text(.en), "No")
        XCTAssertEqual(AuditJSON.array([.string("unit"), .string("leader")]).text(.en), "unit, leader")
        XCTAssertEqual(AuditJSON.array([.object(["k": .integer(1)])]).text(.en), "{k: 1}", "nested objects stay compact")
        XCTAssertNotEqual(AuditJSON.object(#"{"x":1}"#)?["x"], .bool(true), "a number is never read as a boolean")
    }
}
