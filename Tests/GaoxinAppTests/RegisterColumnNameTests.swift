@testable import GaoxinApp
import SQLKit
import XCTest

/// A field's column is the snake_case of its key (done on bytes: it is asked for every field of
/// every row a list decodes), and every declared register's columns exist in its table.
final class RegisterColumnNameTests: XCTestCase {
    func testAKeyBecomesItsSnakeCaseColumn() {
        XCTAssertEqual(RegisterField.snakeCase("issueDate"), "issue_date")
        XCTAssertEqual(RegisterField.snakeCase("owningUnitId"), "owning_unit_id")
        XCTAssertEqual(RegisterField.snakeCase("note"), "note")
        XCTAssertEqual(RegisterField.snakeCase("completionPercent2"), "completion_percent2")
        XCTAssertEqual(RegisterField.snakeCase("aB"), "a_b")
        XCTAssertEqual(RegisterField.snakeCase(""), "")
    }

    func testEveryDeclaredFieldIsAColumnOfItsTable() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            for declaration in Registers.declared {
                for field in declaration.singleFields {
                    // A query naming the column fails if the table lacks it.
                    _ = try await sql.raw("SELECT \(unsafeRaw: field.column) FROM \(unsafeRaw: declaration.table) LIMIT 1").all()
                }
            }
        }
    }
}
