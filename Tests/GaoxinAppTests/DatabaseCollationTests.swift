import Foundation
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTest

/// `gaoxin migrate` refuses a PostgreSQL database whose collation does not compare text as bytes
/// (a code prefix search would find nothing there), and accepts the byte-ordered ones.
final class DatabaseCollationTests: XCTestCase {
    /// The pairs are in byte order: each rule the check asks of PostgreSQL holds in Swift's own
    /// comparison of the UTF-8 bytes (and so in SQLite's BINARY collation).
    func testEveryProbedPairIsInByteOrder() {
        for (first, second) in DatabaseCollation.byteOrderedPairs {
            XCTAssertTrue(Array(first.utf8).lexicographicallyPrecedes(Array(second.utf8)), "\(first) < \(second)")
        }
    }

    func testMigrateRefusesADatabaseOrderedByPinyinAndAcceptsAByteOrderedOne() async throws {
        let base = try TestDatabase.requirePostgres()
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let chinese = "gx_zh_\(suffix)", bytes = "gx_c_\(suffix)"
        try await TestDatabase.admin(base) { sql in
            // An ICU Chinese collation, as a zone's DBA might choose: orders 丁 (dīng) before 一 (yī).
            try await sql.raw("""
                CREATE DATABASE \(unsafeRaw: chinese) TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' LOCALE_PROVIDER icu ICU_LOCALE 'zh-Hans-CN'
                """).run()
            try await sql.raw("CREATE DATABASE \(unsafeRaw: bytes) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'").run()
        }
        func drop() async throws {
            try await TestDatabase.admin(base) { sql in
                for name in [chinese, bytes] { try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            }
        }
        do {
            let refused = try CLITests.gaoxin(["migrate"], databaseURL: TestDatabase.replaceDatabase(base, with: chinese))
            XCTAssertNotEqual(refused.status, 0, refused.output)
            XCTAssertTrue(refused.output.contains("排序规则"), refused.output)
            XCTAssertTrue(refused.output.contains("--locale=C.UTF-8"), refused.output)
            // Nothing was created in the refused database.
            var tables = -1
            try await TestDatabase.withApplication(TestDatabase.replaceDatabase(base, with: chinese)) { app in
                tables = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'").first(decodingColumn: "n", as: Int.self) ?? -1
            }
            XCTAssertEqual(tables, 0)

            let accepted = try CLITests.gaoxin(["migrate"], databaseURL: TestDatabase.replaceDatabase(base, with: bytes))
            XCTAssertEqual(accepted.status, 0, accepted.output)
            XCTAssertTrue(accepted.output.contains("migrations applied"), accepted.output)
        } catch {
            try? await drop()
            throw error
        }
        try await drop()
    }
}
