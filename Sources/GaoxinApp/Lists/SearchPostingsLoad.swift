import SQLKit

/// Postings of very many records loaded at once (a rebuild of the whole index): each record's
/// grams staged as one row, then every posting inserted by one statement in the postings' key
/// order, with the by-record index dropped during the load and built again after.
///
/// Inserting 22,500,000 postings (1,000,000 enterprises) 5,000 at a time into the clustered
/// b-tree put each one at a random page of a tree far larger than the page cache, and kept a
/// second index up to date at each: over 16 minutes. Sorted, each page is written once, and an
/// index is built by a sort, not by 22 million descents (BENCHMARKS.md, "Rebuilding the search
/// postings"). The database sorts with its own external sorter, so memory stays flat.
struct SearchPostingsLoad {
    static let staging = "search_grams_staging"
    let sql: any SQLDatabase
    private var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// Empties the postings of `tables` (every table's when `all`) and prepares the staging
    /// table. Inside a transaction, on one connection.
    func begin(replacing tables: [String], all: Bool) async throws {
        if isSQLite {
            // The postings are derived from rows that stay: freed pages need not be overwritten
            // with zeros (the driver's build turns secure_delete on), which wrote each page of the
            // dropped index and the emptied table to the statement journal and the WAL (gigabytes).
            try await sql.raw("PRAGMA secure_delete = OFF").run()
        }
        // The by-record index goes before the postings: deleted with it in place, each posting was
        // also sought and deleted there, at random (a rebuild of 22.5 million postings was still
        // deleting after 6 minutes).
        try await sql.raw("DROP INDEX IF EXISTS search_grams_record").run()
        if !isSQLite {
            // PostgreSQL builds a b-tree by sorting too: the key is added back after the load.
            try await sql.raw("ALTER TABLE search_grams DROP CONSTRAINT search_grams_pkey").run()
        }
        if all {
            // Without a WHERE, SQLite frees the table's pages whole instead of deleting row by row.
            try await sql.raw(isSQLite ? "DELETE FROM search_grams" : "TRUNCATE search_grams").run()
        } else {
            for table in tables {
                try await sql.delete(from: SearchIndex.table).where("tbl", .equal, SQLBind(table)).run()
            }
        }
        try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: Self.staging)").run()
        try await sql.raw("CREATE TEMPORARY TABLE \(unsafeRaw: Self.staging) (tbl TEXT NOT NULL, record_id BIGINT NOT NULL, sort_key TEXT NOT NULL, grams TEXT NOT NULL)").run()
    }

    /// The connection's secure_delete as the driver's build has it (after `begin`, whatever happened).
    func restore() async throws {
        if isSQLite { try await sql.raw("PRAGMA secure_delete = ON").run() }
    }

    /// Stages records: one row each, its grams as a JSON array.
    func add(_ table: String, _ records: [SearchIndex.Filed]) async throws {
        // 4 parameters a row: well under SQLite's 32,766 and PostgreSQL's 65,535.
        for start in stride(from: 0, to: records.count, by: 2_000) {
            let insert = sql.insert(into: Self.staging).columns("tbl", "record_id", "sort_key", "grams")
            var any = false
            for record in records[start..<min(records.count, start + 2_000)] {
                var grams = Set<String>()
                for text in record.texts { if let text { grams.formUnion(SearchIndex.grams(text)) } }
                guard !grams.isEmpty else { continue }
                insert.values(SQLBind(table), SQLBind(record.id), SQLBind(record.sortKey), SQLBind(Self.jsonArray(grams)))
                any = true
            }
            if any { try await insert.run() }
        }
    }

    /// Every staged posting into the index in its key order, the indexes made again, the staging gone.
    func finish() async throws {
        let unnest = isSQLite ? "json_each(s.grams) g" : "json_array_elements_text(s.grams::json) AS g(value)"
        let order = isSQLite ? "ORDER BY 1, 2, 3, 4" : ""
        // OR IGNORE on SQLite: a statement that may fail half-way keeps a statement journal of
        // every page it changes that existed when it began, and the load reuses the freed pages of
        // the postings it replaces: 6 GB of journal at province scale. It ignores nothing: a
        // record's grams are a set and each record is staged once.
        let verb = isSQLite ? "INSERT OR IGNORE" : "INSERT"
        try await sql.raw("""
            \(unsafeRaw: verb) INTO search_grams (tbl, gram, sort_key, record_id)
            SELECT s.tbl, g.value, s.sort_key, s.record_id FROM \(unsafeRaw: Self.staging) s, \(unsafeRaw: unnest) \(unsafeRaw: order)
            """).run()
        try await sql.raw("DROP TABLE \(unsafeRaw: Self.staging)").run()
        if !isSQLite {
            try await sql.raw("ALTER TABLE search_grams ADD CONSTRAINT search_grams_pkey PRIMARY KEY (tbl, gram, sort_key, record_id)").run()
        }
        try await sql.raw("CREATE INDEX search_grams_record ON search_grams (tbl, record_id)").run()
    }

    /// A JSON array of strings, escaped as JSON requires (quote, backslash, control characters).
    static func jsonArray(_ strings: some Sequence<String>) -> String {
        var out = "["
        for string in strings {
            if out.utf8.count > 1 { out += "," }
            out += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        }
        return out + "]"
    }
}
