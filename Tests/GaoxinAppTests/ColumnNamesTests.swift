@testable import GaoxinApp
import SQLKit
import XCTest

/// The remembered property → column rule is SQLKit's own: every case its `convertFromSnakeCase`
/// handles gives the same column, so lists read the same fields as before.
final class ColumnNamesTests: XCTestCase {
    func testTheRuleIsSQLKitsCamelToSnakeRule() {
        let cases = ["id": "id", "unitName": "unit_name", "recentRevenue": "recent_revenue", "revenueThrough": "revenue_through",
                     "a": "a", "aB": "a_b", "myURLProperty": "my_uRL_property", "unitID": "unit_iD", "x2Y": "x2_y", "": "",
                     "lastLoginAt": "last_login_at", "isOK": "is_oK"]
        for (property, column) in cases {
            XCTAssertEqual(ColumnNames.snakeCase(property), column, property)
            XCTAssertEqual(ColumnNames.column(for: property), column, "remembered: \(property)")
            XCTAssertEqual(ColumnNames.column(for: property), column, "asked again: \(property)")
        }
    }

    /// Against SQLKit itself: its encoder writes a value's keys with the forward rule.
    func testEveryListRowKeyMatchesSQLKitsEncoder() throws {
        struct Probe: Encodable {
            var unitName = 1, recentRevenue = 2, myURLProperty = 3, unitID = 4, x2Y = 5, lastLoginAt = 6, isOK = 7
        }
        let encoded = try SQLQueryEncoder(keyEncodingStrategy: .convertToSnakeCase).encode(Probe())
        let columns = Set(encoded.map(\.0))
        for property in ["unitName", "recentRevenue", "myURLProperty", "unitID", "x2Y", "lastLoginAt", "isOK"] {
            XCTAssertTrue(columns.contains(ColumnNames.snakeCase(property)), "\(property) → \(ColumnNames.snakeCase(property)), SQLKit: \(columns.sorted())")
        }
    }
}
