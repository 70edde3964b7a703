import Fluent
import SQLKit

/// What every SQLite connection gets before its first statement.
enum SQLiteConnectionSetup {
    /// How long a writer waits for the write lock before giving up with `SQLITE_BUSY` (answered
    /// 503 "系统繁忙"): longer than any ordinary write takes, shorter than a client's patience.
    static let busyTimeoutMilliseconds = 15_000

    static func prepare(_ connection: any Database, mmapBytes: Int = 0) async throws {
        let sql = connection as! any SQLDatabase
        // Replaces SQLiteNIO's spin-forever busy handler with SQLite's sleeping one.
        try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
        // WAL: readers see the last commit while a writer works. Persistent in the file; switching
        // needs no other connection mid-transaction, which holds at the first statement of a
        // process (migrations), and is a no-op afterwards.
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        // In WAL, NORMAL is durable against a crash of the process (not of the machine's power
        // within the last checkpoint interval), the documented choice for WAL applications.
        try await sql.raw("PRAGMA synchronous = NORMAL").run()
        // A write transaction of an import touches many index pages: a page cache of 32 MiB (not
        // SQLite's 2 MiB) keeps fewer of them spilling to the WAL and being read back (a 50,000-row
        // enterprise import: 50.6 → 42.1 s). At most 32 MiB × the connections (8 on 2 cores).
        try await sql.raw("PRAGMA cache_size = -\(unsafeRaw: String(cacheKibibytes))").run()
        // Reads through a memory map: the pages of the file are shared by every connection instead
        // of copied into each one's cache (GAOXIN_SQLITE_MMAP_MB; off by default).
        if mmapBytes > 0 { try await sql.raw("PRAGMA mmap_size = \(unsafeRaw: String(mmapBytes))").run() }
    }

    static let cacheKibibytes = 32 * 1024

    /// The page cache of a connection while it runs a bulk write (an import's transaction).
    static let bulkCacheKibibytes = 256 * 1024

    /// Runs `work` in a transaction in bulk-write mode, and puts the connection back after,
    /// whatever happens: the page cache raised to `bulkCacheKibibytes`. An import writes more
    /// pages than 32 MiB hold, and pages spilled to the WAL mid-transaction are read back at each
    /// later touch (a 50,000-row enterprise import: 42 → 31 s with 256 MiB). Only the one
    /// importing connection changes, and only for its import. On PostgreSQL a plain transaction
    /// (its shared buffers are the server's).
    ///
    /// Temporary storage stays on disk. Bulk mode used to set `temp_store = MEMORY` too, to keep
    /// the statement journals of the multi-row statements in memory, but set inside a transaction
    /// that had begun `IMMEDIATE` it never took effect (SQLite places the journal when the write
    /// transaction starts). Set before `BEGIN`, it did: the same 50,000-row import took as long
    /// (18.3 s against 18.7–19.8 s) and its peak memory rose from 504 to 746 MiB (BENCHMARKS.md).
    static func bulkTransaction<T: Sendable>(on db: any Database, _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await db.transaction(work) }
        return try await db.withConnection { connection in
            let pinned = connection as! any SQLDatabase
            try await pinned.raw("PRAGMA cache_size = -\(unsafeRaw: String(bulkCacheKibibytes))").run()
            do {
                let result = try await connection.transaction(work)
                try await pinned.raw("PRAGMA cache_size = -\(unsafeRaw: String(cacheKibibytes))").run()
                return result
            } catch {
                try? await pinned.raw("PRAGMA cache_size = -\(unsafeRaw: String(cacheKibibytes))").run()
                throw error
            }
        }
    }
}
