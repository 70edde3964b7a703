@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// No index may begin with `active`: nearly every row is active, yet without statistics SQLite
/// takes such an index for any `active = true` test — a draft of M0042 led with it and the target
/// progress walked every project through it (60 ms to 9 s at province scale).
final class IndexShapeTests: XCTestCase {
    func testNoIndexBeginsWithTheActiveFlag() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let definitions: [(name: String, definition: String)]
            if sql.dialect.name == "postgresql" {
                definitions = try await sql.raw("SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema()").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
            } else {
                definitions = try await sql.raw("SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
            }
            XCTAssertGreaterThan(definitions.count, 50, "the migrated schema's indexes were read")
            for (name, definition) in definitions {
                guard let open = definition.firstIndex(of: "(") else { continue }
                let first = definition[definition.index(after: open)...].prefix { $0 != "," && $0 != ")" }
                    .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "").lowercased()
                XCTAssertNotEqual(first, "active", "\(name) begins with active: \(definition)")
            }
        }
    }
}
