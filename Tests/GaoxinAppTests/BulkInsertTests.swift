import Foundation
@testable import GaoxinApp
import SQLKit
import XCTest

/// `BulkInsert` binds values as stored, without SQLKit's encoder: the rows it writes must be the
/// rows SQLKit's own multi-row insert writes from the same Swift values — same types, same
/// values, NULLs where nil — on both engines, across statement boundaries, with `RETURNING`.
final class BulkInsertTests: XCTestCase {
    private struct Sample {
        var count: Int64?
        var name: String?
        var flag: Bool?
        var at: Date?
        var ratio: Double?
    }

    private let samples: [Sample] = [
        Sample(count: 0, name: "", flag: false, at: Date(timeIntervalSince1970: 0), ratio: 0),
        Sample(count: Int64.max, name: "超长的中文企业名称（含“引号”和 'apostrophe' 以及 \\ 反斜杠）有限公司", flag: true,
               at: Date(timeIntervalSince1970: 1_765_000_000.123456), ratio: -1.5),
        Sample(count: nil, name: nil, flag: nil, at: nil, ratio: nil),
        Sample(count: -42, name: "😀 emoji\nnewline\ttab", flag: true, at: Date(timeIntervalSince1970: 2_000_000_000), ratio: 1e-9),
    ]

    func testBulkRowsEqualSQLKitRowsOnEitherEngine() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            for table in ["bulk_via_sqlkit", "bulk_via_values", "bulk_via_copy"] {
                let id = sql.dialect.name == "sqlite" ? "id INTEGER PRIMARY KEY" : "id BIGSERIAL PRIMARY KEY"
                let at = sql.dialect.name == "sqlite" ? "REAL" : "TIMESTAMPTZ"
                try await sql.raw("""
                    CREATE TABLE \(unsafeRaw: table) (\(unsafeRaw: id), count BIGINT, name TEXT, flag BOOLEAN, at \(unsafeRaw: at), ratio DOUBLE PRECISION)
                    """).run()
            }
            // Twelve rows, three a statement: four statements.
            let rows = (0..<3).flatMap { _ in self.samples }
            let columns = ["count", "name", "flag", "at", "ratio"]
            for chunk in rows.chunked(3) {
                let insert = sql.insert(into: "bulk_via_sqlkit").columns(columns)
                for row in chunk {
                    insert.values(SQLBind(row.count), SQLBind(row.name), SQLBind(row.flag), SQLBind(row.at), SQLBind(row.ratio))
                }
                try await insert.run()
            }
            let values = rows.flatMap { [BulkValue($0.count), BulkValue($0.name), BulkValue($0.flag), BulkValue($0.at), BulkValue($0.ratio)] }
            let returned = try await BulkInsert(into: "bulk_via_values", columns: columns, rowsPerStatement: 3)
                .run(values, returning: ["id", "name"], on: sql)
            XCTAssertEqual(try returned.map { try $0.int("id") }.sorted(), Array(1...12))
            // Without RETURNING: PostgreSQL copies the rows (`BulkCopy`), SQLite inserts them.
            let nothing = try await BulkInsert(into: "bulk_via_copy", columns: columns, rowsPerStatement: 3).run(values, on: sql)
            XCTAssertTrue(nothing.isEmpty)
            XCTAssertEqual(try returned.map { try $0.optionalString("name") ?? "<nil>" }.sorted(),
                           rows.map { $0.name ?? "<nil>" }.sorted())

            // Each column's stored value as text, and on SQLite its storage class too.
            let typed = sql.dialect.name == "sqlite"
                ? "typeof(count) || ':' || COALESCE(CAST(count AS TEXT), '') || '|' || typeof(name) || ':' || COALESCE(name, '') || '|' || typeof(flag) || ':' || COALESCE(CAST(flag AS TEXT), '') || '|' || typeof(at) || ':' || COALESCE(CAST(at AS TEXT), '') || '|' || typeof(ratio) || ':' || COALESCE(CAST(ratio AS TEXT), '')"
                : "COALESCE(CAST(count AS TEXT), 'null') || '|' || COALESCE(name, 'null') || '|' || COALESCE(CAST(flag AS TEXT), 'null') || '|' || COALESCE(CAST(at AS TEXT), 'null') || '|' || COALESCE(CAST(ratio AS TEXT), 'null')"
            func stored(_ table: String) async throws -> [String] {
                try await sql.raw("SELECT \(unsafeRaw: typed) AS v FROM \(unsafeRaw: table) ORDER BY id").all().map { try $0.decode(column: "v", as: String.self) }
            }
            let viaSQLKit = try await stored("bulk_via_sqlkit")
            XCTAssertEqual(viaSQLKit.count, 12)
            let viaValues = try await stored("bulk_via_values")
            XCTAssertEqual(viaValues, viaSQLKit)
            let viaCopy = try await stored("bulk_via_copy")
            XCTAssertEqual(viaCopy, viaSQLKit)
            // And the values read back as they went in.
            let back = try await sql.raw("SELECT count, name, flag, at, ratio FROM bulk_via_values ORDER BY id").all()
            for (row, sample) in zip(back, rows) {
                XCTAssertEqual(try row.decodeNil(column: "count") ? nil : row.decode(column: "count", as: Int64.self), sample.count)
                XCTAssertEqual(try row.decodeNil(column: "name") ? nil : row.decode(column: "name", as: String.self), sample.name)
                XCTAssertEqual(try row.decodeNil(column: "flag") ? nil : row.decode(column: "flag", as: Bool.self), sample.flag)
                let at = try row.decodeNil(column: "at") ? nil : row.decode(column: "at", as: Date.self)
                XCTAssertEqual(at?.timeIntervalSince1970 ?? -1, sample.at?.timeIntervalSince1970 ?? -1, accuracy: 1e-5)
                XCTAssertEqual(try row.decodeNil(column: "ratio") ? nil : row.decode(column: "ratio", as: Double.self), sample.ratio)
            }
        }
    }

    /// `COPY`'s text form of an instant: the microsecond PostgresNIO binds, in UTC, either side of 2000.
    func testCopiedInstantsAreWrittenInUTCToTheMicrosecond() {
        XCTAssertEqual(BulkCopy.timestamp(Date(timeIntervalSince1970: 0)), "1970-01-01 00:00:00.000000+00")
        XCTAssertEqual(BulkCopy.timestamp(Date(timeIntervalSince1970: 946_684_800)), "2000-01-01 00:00:00.000000+00")
        XCTAssertEqual(BulkCopy.timestamp(Date(timeIntervalSince1970: 951_782_400.5)), "2000-02-29 00:00:00.500000+00")
        XCTAssertEqual(BulkCopy.timestamp(Date(timeIntervalSince1970: 1_765_000_000.25)), "2025-12-06 05:46:40.250000+00")
        XCTAssertEqual(BulkCopy.timestamp(Date(timeIntervalSince1970: 946_684_799)), "1999-12-31 23:59:59.000000+00")
        XCTAssertEqual(BulkCopy.timestamp(Date(timeIntervalSince1970: -0.5)), "1969-12-31 23:59:59.500000+00")
        var line = ""
        BulkCopy.append(.text("a\\b\tc\nd\re"), to: &line)
        BulkCopy.append(.null, to: &line)
        XCTAssertEqual(line, #"a\\b\tc\nd\re\N"#)
    }

    /// A statement holds at most 30,000 parameters whatever is asked, and the text has one
    /// placeholder a value.
    func testStatementsStayUnderTheParameterLimits() {
        let wide = BulkInsert(into: "t", columns: (1...12).map { "c\($0)" }, rowsPerStatement: 10_000)
        XCTAssertEqual(wide.rowsPerStatement, 2_500)
        let text = BulkInsert(into: "t", columns: ["a", "b"], rowsPerStatement: 2).statement(rows: 2, returning: ["id"])
        XCTAssertEqual(text, #"INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?) RETURNING "id""#)
    }
}
