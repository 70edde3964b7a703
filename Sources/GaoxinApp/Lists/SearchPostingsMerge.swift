import Fluent
import SQLKit

/// Moves the recent postings (`SearchIndex.recent`, an import's new records) into the main ones.
///
/// An import appends its postings to the small recent table; filing them straight into the main
/// table put nearly every posting on its own page of a b-tree far larger than any cache (50,000
/// new enterprises at province scale: 52 s, against 3.8 s into the recent table). Moved many at a
/// time and in key order, a chunk covers a narrow range of grams, so the main table's pages it
/// touches are few and neighbouring, and each is rewritten once for all the postings it takes.
///
/// A chunk is one transaction (on SQLite a few seconds of the write lock at most), so other
/// writers interleave between chunks; a posting is in one table or the other at any moment, and
/// every read takes both. Servers merge from their periodic sweep once enough postings wait
/// (`JobSweeper`), `gaoxin import` after its commit, and a rebuild empties the table.
enum SearchPostingsMerge {
    /// Postings that may wait in the recent table (≈ 90,000 enterprises, a tree of ≈ 250 MB)
    /// before a merge is due: below it reads and the next import's appends stay cheap.
    static let threshold = 2_000_000
    /// Postings moved per transaction.
    static let chunk = 50_000

    /// How many postings wait, counted no further than `limit`.
    static func waiting(upTo limit: Int, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM search_grams_recent LIMIT \(unsafeRaw: String(limit))) r
            """).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Merges every recent posting when at least `threshold` wait; the number moved. Stops between
    /// chunks when its task is cancelled (what was moved stays moved).
    @discardableResult
    static func mergeIfDue(on db: any Database, threshold: Int = Self.threshold, chunk: Int = Self.chunk,
                           announce: (@Sendable (Int) -> Void)? = nil) async throws -> Int {
        guard try await waiting(upTo: threshold, on: db as! any SQLDatabase) >= threshold else { return 0 }
        return try await chunks(announce: announce) { after in
            try await SQLiteConnectionSetup.bulkTransaction(on: db) { tx in
                try await moveChunk(on: tx as! any SQLDatabase, chunk: chunk, after: after)
            }
        }
    }

    /// Every recent posting moved in the caller's transaction, chunk by chunk as a merge moves
    /// them: `gaoxin bench import` times it and rolls it back.
    static func moveAll(on sql: any SQLDatabase, chunk: Int = Self.chunk) async throws -> Int {
        try await chunks { after in try await moveChunk(on: sql, chunk: chunk, after: after) }
    }

    /// Runs `step` from the table's beginning, each time after the last key it moved, until a step
    /// reaches the end (or the task is cancelled); the number moved.
    private static func chunks(announce: (@Sendable (Int) -> Void)? = nil,
                               _ step: (Key?) async throws -> (moved: Int, last: Key?)) async throws -> Int {
        var moved = 0
        var after: Key?
        while !Task.isCancelled {
            let done = try await step(after)
            moved += done.moved
            announce?(moved)
            guard let last = done.last else { break }
            after = last
        }
        return moved
    }

    /// A posting's whole key: where the next chunk starts.
    struct Key: Sendable {
        let tbl: String
        let gram: String
        let sortKey: String
        let recordID: Int
    }

    /// The first `chunk` recent postings in key order after `after` (all of them when fewer) moved,
    /// inside the caller's transaction; how many, and the last one's key when more may follow.
    /// Each chunk starts after the last one's key rather than at the table's beginning: on
    /// PostgreSQL the rows a chunk deleted stay in the index until vacuumed, and finding the next
    /// bound from the beginning stepped over all of them again (a merge of 2,000,000 postings in
    /// one transaction: 42 s). A merge runs each chunk in its own transaction, in bulk-write mode
    /// on SQLite (a 256 MiB page cache: a chunk touches many pages of the main table).
    private static func moveChunk(on sql: any SQLDatabase, chunk: Int, after: Key?) async throws -> (moved: Int, last: Key?) {
        func row(_ key: Key) -> SQLQueryString {
            "(\(bind: key.tbl), \(bind: key.gram), \(bind: key.sortKey), \(bind: key.recordID))"
        }
        let start: SQLQueryString = after.map { "(tbl, gram, sort_key, record_id) > \(row($0))" } ?? "1 = 1"
        let bound = try await sql.raw("""
            SELECT tbl, gram, sort_key, record_id FROM search_grams_recent WHERE \(start) ORDER BY 1, 2, 3, 4 LIMIT 1 OFFSET \(unsafeRaw: String(chunk - 1))
            """).first().map {
                Key(tbl: try $0.decode(column: "tbl", as: String.self), gram: try $0.decode(column: "gram", as: String.self),
                    sortKey: try $0.decode(column: "sort_key", as: String.self), recordID: try $0.decode(column: "record_id", as: Int.self))
            }
        var range: SQLQueryString = "WHERE \(start)"
        if let bound { range.appendInterpolation(SQLQueryString(" AND (tbl, gram, sort_key, record_id) <= \(row(bound))")) }
        if sql.dialect.name == "sqlite" {
            // One writer at a time: nothing changes the recent table between these statements.
            // OR IGNORE keeps SQLite from journalling the statement (a posting cannot be in both).
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM search_grams_recent \(range)").first(decodingColumn: "n", as: Int.self) ?? 0
            try await sql.raw("""
                INSERT OR IGNORE INTO search_grams (tbl, gram, sort_key, record_id)
                SELECT tbl, gram, sort_key, record_id FROM search_grams_recent \(range) ORDER BY 1, 2, 3, 4
                """).run()
            try await sql.raw("DELETE FROM search_grams_recent \(range)").run()
            return (count, bound)
        }
        // The chunk's sort in memory (the default 4 MB spilled 50,000 postings to disk).
        try await sql.raw("SET LOCAL work_mem = '64MB'").run()
        // Deleted and inserted by one statement: a posting another transaction is taking out
        // (`SearchIndex.remove`, recent table first) is either gone before the delete sees it
        // or waits for this merge and is then taken out of the main table.
        let moved = try await sql.raw("""
            WITH moved AS (DELETE FROM search_grams_recent \(range) RETURNING tbl, gram, sort_key, record_id),
            filed AS (INSERT INTO search_grams (tbl, gram, sort_key, record_id) SELECT * FROM moved ORDER BY 1, 2, 3, 4 ON CONFLICT DO NOTHING)
            SELECT COUNT(*) AS n FROM moved
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        return (moved, bound)
    }
}
