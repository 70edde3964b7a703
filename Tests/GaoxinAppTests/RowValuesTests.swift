import Foundation
@testable import GaoxinApp
import FluentSQLiteDriver
import SQLKit
import XCTest

/// A register's rows read by type straight from SQLiteNIO's rows (`DirectRows`, `RowValues`) are
/// the records SQLKit's decoder made of the same rows: every declared register with the demo's
/// records (texts, numbers, flags, dates, timestamps, references, empty values), and the
/// enterprises' list facts. On PostgreSQL both sides are SQLKit's rows.
final class RowValuesTests: XCTestCase {
    func testRowsReadByTypeAreWhatTheDecoderMadeOfThem() async throws {
        try await withDemoApp { app in
            let sql = app.db as! any SQLDatabase
            var compared = 0
            for declaration in Registers.all {
                let fields = RegisterStore.columns(declaration)
                let facts = declaration.listFacts
                let factColumns = facts?.facts.map { "\($0.sql(sql.dialect.name == "postgresql")) AS \($0.column)" } ?? []
                let statement = "SELECT \((["r.*"] + factColumns).joined(separator: ", ")) FROM \(declaration.table) r \(facts?.join ?? "") ORDER BY r.id"
                let direct = try await DirectRows.all("\(unsafeRaw: statement)", on: sql)
                let decoded = try await sql.raw("\(unsafeRaw: statement)").all().map { SQLKitRowValues(row: $0) }
                XCTAssertEqual(direct.count, decoded.count, declaration.key)
                for (fast, slow) in zip(direct, decoded) {
                    XCTAssertEqual(try RegisterStore.decode(fields, fast), try RegisterStore.decode(fields, slow), declaration.key)
                    if let facts {
                        XCTAssertEqual(try facts.decode(fast, columns: facts.columns), try facts.decode(slow, columns: facts.columns), declaration.key)
                    }
                    compared += 1
                }
            }
            XCTAssertGreaterThan(compared, 100, "the demo holds records of many registers")
            if sql.dialect.name == "sqlite" {
                let rows = try await DirectRows.all("SELECT 1 AS id", on: sql)
                XCTAssertTrue(rows.first is SQLiteRow, "SQLite's rows are read directly")
            }
        }
    }
}
