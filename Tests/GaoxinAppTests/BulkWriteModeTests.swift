import Fluent
@testable import GaoxinApp
import SQLKit
import XCTest

/// An import's transaction runs in bulk-write mode on SQLite — a big page cache, temporary storage
/// in memory — and its connection, which goes back to the pool, is put back after, failure or not.
final class BulkWriteModeTests: XCTestCase {
    func pragma(_ name: String, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("PRAGMA \(unsafeRaw: name)").first(decodingColumn: name, as: Int.self) ?? -1
    }

    func testBulkModeHoldsOnlyForItsWorkEvenWhenTheWorkFails() async throws {
        try await withApp { app, _ in
            struct Refused: Error {}
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                let isSQLite = sql.dialect.name == "sqlite"
                let inside = try await SQLiteConnectionSetup.withBulkCache(on: tx) {
                    isSQLite ? (try await self.pragma("cache_size", on: sql), try await self.pragma("temp_store", on: sql)) : (0, 0)
                }
                do {
                    _ = try await SQLiteConnectionSetup.withBulkCache(on: tx) { () async throws -> Int in throw Refused() }
                    XCTFail("the work's error comes through")
                } catch is Refused {}
                guard isSQLite else { return }
                XCTAssertEqual(inside.0, -SQLiteConnectionSetup.bulkCacheKibibytes)
                XCTAssertEqual(inside.1, 2, "MEMORY")
                let cache = try await self.pragma("cache_size", on: sql)
                let temp = try await self.pragma("temp_store", on: sql)
                XCTAssertEqual(cache, -SQLiteConnectionSetup.cacheKibibytes)
                XCTAssertEqual(temp, 0, "DEFAULT: a large sort may spill to a file again")
            }
        }
    }
}
