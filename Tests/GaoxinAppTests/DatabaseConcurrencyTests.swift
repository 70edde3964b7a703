import Fluent
import Foundation
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTest

/// Other users keep working while one writes (issue 11): a reader is answered from the last commit
/// while a write transaction is open, and two transactions that each read and then write both
/// succeed, one after the other. On SQLite this needs WAL, several connections and transactions
/// that take the write lock up front; PostgreSQL gives it by design, and must keep giving it.
final class DatabaseConcurrencyTests: XCTestCase {
    /// Gives up on a wait that would otherwise hang the suite (a deadlock), not a speed limit.
    static let deadlockCeiling: UInt64 = 60_000_000_000

    func testAReaderIsAnsweredWhileAWriteTransactionIsOpen() async throws {
        try await withApp { app, _ in
            let before = try await Probe.count(app, "units")
            let reader = Gate()
            let seenInside = try await app.db.transaction { tx -> Int in
                try await (tx as! any SQLDatabase).raw("""
                    INSERT INTO units (name, kind, path, sort_order, active, created_at, updated_at)
                    VALUES ('并发写入中的单位', 'department', '/', 0, \(bind: true), \(bind: Date()), \(bind: Date()))
                    """).run()
                // Another request on the same event loop, while this transaction holds its write:
                // it must not wait for us (before WAL and several connections it waited for the
                // loop's only connection, then timed out).
                let sameLoop = app.databases.database(logger: app.logger, on: tx.eventLoop)!
                Task { await reader.open(with: (try? await Probe.count(on: sameLoop, "units")) ?? -1) }
                return try await reader.wait(ceiling: Self.deadlockCeiling)
            }
            XCTAssertEqual(seenInside, before, "the reader sees the last commit, not the open transaction")
            let after = try await Probe.count(app, "units")
            XCTAssertEqual(after, before + 1)
        }
    }

    func testTwoTransactionsThatReadThenWriteBothSucceed() async throws {
        try await withApp { app, _ in
            let before = try await Probe.count(app, "units")
            // Each reads the count, yields (so the other can start and read too), then writes a row
            // named after what it read. Deferred SQLite transactions fail the second with
            // SQLITE_BUSY_SNAPSHOT; taking the write lock at BEGIN serialises them instead.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        try await app.db.transaction { tx in
                            let seen = try await Probe.count(on: tx, "units")
                            try await Task.sleep(nanoseconds: 50_000_000)
                            try await (tx as! any SQLDatabase).raw("""
                                INSERT INTO units (name, kind, path, sort_order, active, created_at, updated_at)
                                VALUES (\(bind: "写入者\(writer)-读到\(seen)"), 'department', '/', 0, \(bind: true), \(bind: Date()), \(bind: Date()))
                                """).run()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let names = try await (app.db as! any SQLDatabase).raw("SELECT name FROM units WHERE name LIKE '写入者%'").all()
                .map { try $0.decode(column: "name", as: String.self) }
            XCTAssertEqual(names.count, 4)
            let after = try await Probe.count(app, "units")
            XCTAssertEqual(after, before + 4)
            if app.engine == .sqlite {
                // Serialised: each saw the rows of those before it, so every count is different.
                let seen = Set(names.map { $0.components(separatedBy: "读到").last! })
                XCTAssertEqual(seen, Set((0..<4).map { String(before + $0) }))
            }
        }
    }

    func testSQLiteConnectionsUseWALAndWaitForTheWriteLock() async throws {
        // SQLite's own settings, checked in the PostgreSQL run too (on a SQLite file).
        try await withApp(engine: .sqlite) { app, _ in
            // Several statements at once spread over several connections; each must be prepared.
            try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await app.db.withConnection { connection in
                            let sql = connection as! any SQLDatabase
                            let mode = try await sql.raw("PRAGMA journal_mode").first()!.decode(column: "journal_mode", as: String.self)
                            let timeout = try await sql.raw("PRAGMA busy_timeout").first()!.decode(column: "timeout", as: Int.self)
                            try await Task.sleep(nanoseconds: 20_000_000)
                            return (mode, timeout)
                        }
                    }
                }
                for try await (mode, timeout) in group {
                    XCTAssertEqual(mode, "wal")
                    XCTAssertEqual(timeout, SQLiteConnectionSetup.busyTimeoutMilliseconds)
                }
            }
            let mapped = try await (app.db as! any SQLDatabase).raw("PRAGMA mmap_size").first()?.decode(column: "mmap_size", as: Int.self)
            XCTAssertEqual(mapped, 0, "no memory map unless configured")
        }
        // GAOXIN_SQLITE_MMAP_MB reaches every connection.
        XCTAssertEqual(try AppConfig.fromEnvironment(["GAOXIN_SQLITE_MMAP_MB": "64"]).sqliteMmapMegabytes, 64)
        XCTAssertThrowsError(try AppConfig.fromEnvironment(["GAOXIN_SQLITE_MMAP_MB": "-1"]))
        try await withApp(engine: .sqlite, configure: { $0.sqliteMmapMegabytes = 64 }) { app, _ in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await app.db.withConnection { connection in
                            let size = try await (connection as! any SQLDatabase).raw("PRAGMA mmap_size").first()!.decode(column: "mmap_size", as: Int.self)
                            try await Task.sleep(nanoseconds: 20_000_000)
                            return size
                        }
                    }
                }
                for try await size in group { XCTAssertEqual(size, 64 * 1024 * 1024) }
            }
        }
    }
}

/// A one-shot hand-over between two tasks, with a ceiling so a deadlock fails instead of hanging.
private actor Gate {
    private var value: Int?
    private var waiter: CheckedContinuation<Int, Error>?

    func open(with value: Int) {
        self.value = value
        waiter?.resume(returning: value)
        waiter = nil
    }

    func wait(ceiling: UInt64) async throws -> Int {
        if let value { return value }
        let timer = Task { [weak self] in
            try await Task.sleep(nanoseconds: ceiling)
            await self?.fail()
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { waiter = $0 }
    }

    private func fail() {
        waiter?.resume(throwing: CancellationError())
        waiter = nil
    }
}
