import Fluent
@testable import GaoxinApp
import SQLKit
import XCTest

/// An import's transaction runs in bulk-write mode on SQLite — a big page cache — and its
/// connection, which goes back to the pool, is put back after, failure or not.
final class BulkWriteModeTests: XCTestCase {
    func pragma(_ name: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("PRAGMA \(unsafeRaw: name)").first(decodingColumn: name, as: Int.self) ?? -1
    }

    func testBulkModeHoldsOnlyForItsTransactionEvenWhenItFails() async throws {
        try await withApp { app, _ in
            struct Refused: Error {}
            let isSQLite = (app.db as! any SQLDatabase).dialect.name == "sqlite"
            let inside = try await SQLiteConnectionSetup.bulkTransaction(on: app.db) { tx in
                let sql = tx as! any SQLDatabase
                return isSQLite ? [try await self.pragma("cache_size", on: sql), try await self.pragma("temp_store", on: sql)] : []
            }
            do {
                _ = try await SQLiteConnectionSetup.bulkTransaction(on: app.db) { tx -> Int in
                    try await (tx as! any SQLDatabase).raw("CREATE TABLE bulk_refused (id INTEGER PRIMARY KEY)").run()
                    throw Refused()
                }
                XCTFail("the work's error comes through")
            } catch is Refused {}
            let tables = try await (app.db as! any SQLDatabase).raw(isSQLite
                ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'bulk_refused'"
                : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'bulk_refused'").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(tables, 0, "the failed work is rolled back")
            guard isSQLite else { return }
            XCTAssertEqual(inside, [-SQLiteConnectionSetup.bulkCacheKibibytes, 0], "256 MiB; temporary storage stays on disk (BENCHMARKS.md)")
            // Every connection of the pool is back in its ordinary mode.
            for _ in 0..<16 {
                let sql = app.db as! any SQLDatabase
                let cache = try await self.pragma("cache_size", on: sql)
                XCTAssertEqual(cache, -SQLiteConnectionSetup.cacheKibibytes)
            }
        }
    }
}
