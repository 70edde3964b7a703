import Fluent
import Foundation
@testable import GaoxinApp
import SQLKit
import XCTest

/// An import's transaction runs in bulk-write mode on SQLite — a big page cache, temporary storage
/// in memory, set before the transaction begins — and its connection, which goes back to the pool,
/// is put back after, failure or not.
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
            XCTAssertEqual(inside, [-SQLiteConnectionSetup.bulkCacheKibibytes, 2], "256 MiB, MEMORY")
            // Every connection of the pool is back in its ordinary mode.
            for _ in 0..<16 {
                let sql = app.db as! any SQLDatabase
                let cache = try await self.pragma("cache_size", on: sql)
                let temp = try await self.pragma("temp_store", on: sql)
                XCTAssertEqual(cache, -SQLiteConnectionSetup.cacheKibibytes)
                XCTAssertEqual(temp, 0, "DEFAULT: a large sort may spill to a file again")
            }
        }
    }

    #if os(Linux)
    /// The statement journal of a bulk transaction stays in memory. SQLite chooses where it goes
    /// when the write transaction starts — at `BEGIN IMMEDIATE` — so the mode must be set before
    /// it: set inside, the journal of the same work is a (deleted) temporary file, as the ordinary
    /// transaction here shows.
    func testTheStatementJournalOfABulkTransactionIsNotATemporaryFile() async throws {
        try await withApp { app, _ in
            guard (app.db as! any SQLDatabase).dialect.name == "sqlite" else { return }
            @Sendable func rewriteTwice(_ tx: any Database) async throws -> Int {
                let sql = tx as! any SQLDatabase
                try await sql.raw("CREATE TABLE IF NOT EXISTS bulk_probe (id INTEGER PRIMARY KEY, v TEXT UNIQUE)").run()
                try await sql.raw("DELETE FROM bulk_probe").run()
                try await sql.raw("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                    INSERT INTO bulk_probe (id, v) SELECT i, printf('%0100d', i) FROM n
                    """).run()
                // Rewrites pages this transaction already changed, in a statement that may fail half-way (the
                // unique index): each page is kept in the statement journal.
                try await sql.raw("UPDATE bulk_probe SET v = printf('x%0100d', id)").run()
                return Self.openTemporaryFiles()
            }
            let ordinary = try await app.db.transaction { tx in try await rewriteTwice(tx) }
            XCTAssertGreaterThan(ordinary, 0, "the probe makes SQLite journal statements to a file in an ordinary transaction")
            let bulk = try await SQLiteConnectionSetup.bulkTransaction(on: app.db) { tx in try await rewriteTwice(tx) }
            XCTAssertEqual(bulk, 0, "in bulk mode the statement journal is in memory")
        }
    }

    /// Deleted files this process holds open, other than databases: SQLite's temporary files,
    /// which it unlinks as soon as it opens them (Linux shows `/var/tmp/#inode (deleted)`).
    static func openTemporaryFiles() -> Int {
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return descriptors.filter { name in
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)")) ?? ""
            return target.hasSuffix(" (deleted)") && !target.contains(".sqlite")
        }.count
    }
    #endif
}
