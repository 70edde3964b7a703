import SQLKit

/// Postings of very many records loaded at once: each record staged as one row (its sort key and
/// its grams as a JSON array), then every posting inserted by one statement in the postings' key
/// order, and each record's filing (`search_filings`: what it is filed under, so a later write
/// can take exactly those postings out) beside it. Two uses:
/// - a rebuild of the index (`begin(replacing:all:)` … `finish()`): the postings and filings of
///   the tables named are replaced;
/// - records never filed, in bulk — an import's slice (`beginAppend()` … `finishAppend()`): their postings
///   go into the recent postings (`SearchIndex.recent`), one sorted pass instead of one per few
///   thousand records.
///
/// Inserting 22,500,000 postings (1,000,000 enterprises) 5,000 at a time into the clustered
/// b-tree put each one at a random page of a tree far larger than the page cache, and kept a
/// second index up to date at each: over 16 minutes. Sorted, each page is written once; the
/// database sorts with its own external sorter, so memory stays flat (BENCHMARKS.md,
/// "Rebuilding the search postings").
///
/// On SQLite a rebuild loads into new tables that then replace the old ones, all in the caller's
/// transaction: pages freed earlier in a transaction are read back before they are used again
/// (their old content may be needed for a rollback), so loading into the emptied table read the
/// whole old index back from the WAL page by page. A new table's pages come from the end of the
/// file. On PostgreSQL the tables are emptied (`TRUNCATE`) and the postings' key added back after
/// the load.
struct SearchPostingsLoad {
    static let staging = "search_grams_staging"
    static let next = "search_grams_next"
    static let nextFilings = "search_filings_next"
    let sql: any SQLDatabase
    private var isSQLite: Bool { sql.dialect.name == "sqlite" }

    /// The postings table as the migration makes it, under `name`.
    static func createTable(_ name: String, on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TABLE \(unsafeRaw: name) (tbl TEXT NOT NULL, gram TEXT NOT NULL, sort_key TEXT NOT NULL, record_id INTEGER NOT NULL,
                PRIMARY KEY (tbl, gram, sort_key, record_id)) WITHOUT ROWID
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE \(unsafeRaw: name) (tbl TEXT NOT NULL, gram TEXT NOT NULL, sort_key TEXT NOT NULL, record_id BIGINT NOT NULL,
                CONSTRAINT \(unsafeRaw: name)_pkey PRIMARY KEY (tbl, gram, sort_key, record_id))
                """).run()
        }
    }

    /// Each filed record's sort key and grams (a JSON array), keyed by table and record: how a
    /// record's postings are found again when it is renamed. It replaced an index of the postings
    /// by record, which on a rowid-less table carries every posting's whole key (a sort key of
    /// about 110 bytes), was written at random places, and took half of an import's postings time.
    static func createFilingsTable(_ name: String, on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TABLE \(unsafeRaw: name) (tbl TEXT NOT NULL, record_id INTEGER NOT NULL, sort_key TEXT NOT NULL, grams TEXT NOT NULL,
                PRIMARY KEY (tbl, record_id)) WITHOUT ROWID
                """).run()
        } else {
            try await sql.raw("""
                CREATE TABLE \(unsafeRaw: name) (tbl TEXT NOT NULL, record_id BIGINT NOT NULL, sort_key TEXT NOT NULL, grams TEXT NOT NULL,
                CONSTRAINT \(unsafeRaw: name)_pkey PRIMARY KEY (tbl, record_id))
                """).run()
        }
    }

    /// The postings' index by record as M0025 made it: on a new database M0025's own rebuild drops
    /// it again (every rebuild does); on an existing one M0060 replaces it by the filings.
    static func createRecordIndex(on sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE INDEX search_grams_record ON search_grams (tbl, record_id)").run()
    }

    /// Prepares the load of `tables` (every table's postings when `all`; the others' are kept).
    /// Inside a transaction, on one connection.
    func begin(replacing tables: [String], all: Bool) async throws {
        if isSQLite {
            // The postings are derived from rows that stay: freed pages need not be overwritten
            // with zeros (the driver's build turns secure_delete on), which wrote each page of the
            // old postings to the statement journal and the WAL (gigabytes).
            try await sql.raw("PRAGMA secure_delete = OFF").run()
            try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: Self.next)").run()
            try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: Self.nextFilings)").run()
            try await Self.createTable(Self.next, on: sql)
            try await Self.createFilingsTable(Self.nextFilings, on: sql)
            // The recent postings of the tables refiled go too (their records are filed anew in the
            // main table); a whole rebuild makes the recent table again, empty.
            if all {
                try await sql.raw("DROP TABLE \(unsafeRaw: SearchIndex.recent)").run()
                try await Self.createTable(SearchIndex.recent, on: sql)
            } else {
                try await sql.delete(from: SearchIndex.recent).where("tbl", .in, SQLBind.group(tables)).run()
                try await sql.raw("""
                    INSERT INTO \(unsafeRaw: Self.next) SELECT tbl, gram, sort_key, record_id FROM search_grams
                    WHERE tbl NOT IN \(SQLBind.group(tables)) ORDER BY 1, 2, 3, 4
                    """).run()
                try await sql.raw("""
                    INSERT INTO \(unsafeRaw: Self.nextFilings) SELECT tbl, record_id, sort_key, grams FROM search_filings
                    WHERE tbl NOT IN \(SQLBind.group(tables)) ORDER BY 1, 2
                    """).run()
            }
        } else {
            // The key goes first: a b-tree is built faster by a sort than by millions of insertions,
            // and kept, each deleted posting is sought in it too. (The by-record index M0025 made on
            // a new database goes for good.)
            try await sql.raw("DROP INDEX IF EXISTS search_grams_record").run()
            try await sql.raw("ALTER TABLE search_grams DROP CONSTRAINT search_grams_pkey").run()
            if all {
                try await sql.raw("TRUNCATE search_grams, search_grams_recent, search_filings").run()
            } else {
                try await sql.delete(from: SearchIndex.table).where("tbl", .in, SQLBind.group(tables)).run()
                try await sql.delete(from: SearchIndex.recent).where("tbl", .in, SQLBind.group(tables)).run()
                try await sql.delete(from: SearchIndex.filings).where("tbl", .in, SQLBind.group(tables)).run()
            }
        }
        try await createStaging()
    }

    /// Prepares the filing of records never filed (an import's new rows) beside the index's
    /// others. Inside a transaction, on one connection.
    func beginAppend() async throws {
        try await createStaging()
    }

    private func createStaging() async throws {
        try await sql.raw("DROP TABLE IF EXISTS \(unsafeRaw: Self.staging)").run()
        try await sql.raw("CREATE TEMPORARY TABLE \(unsafeRaw: Self.staging) (tbl TEXT NOT NULL, record_id BIGINT NOT NULL, sort_key TEXT NOT NULL, grams TEXT NOT NULL)").run()
    }

    /// Stages records: one row each, its grams as a JSON array.
    func add(_ table: String, _ records: [SearchIndex.Filed]) async throws {
        // 4 parameters a row: well under SQLite's 32,766 and PostgreSQL's 65,535.
        for start in stride(from: 0, to: records.count, by: 2_000) {
            var values: [BulkValue] = []
            values.reserveCapacity(8_000)
            for record in records[start..<min(records.count, start + 2_000)] {
                let grams = record.grams
                guard !grams.isEmpty else { continue }
                values += [.text(table), BulkValue(record.id), .text(record.sortKey), .text(JSONText.array(grams))]
            }
            try await Self.stagingInsert.run(values, on: sql)
        }
    }

    private static let stagingInsert = BulkInsert(into: staging, columns: ["tbl", "record_id", "sort_key", "grams"], rowsPerStatement: 2_000)

    /// Every staged posting into the index in its key order and every staged filing beside it,
    /// the tables swapped in (SQLite) or the postings' key added back (PostgreSQL), the staging gone.
    func finish() async throws {
        if isSQLite {
            // OR IGNORE: a statement that may fail half-way keeps a statement journal of every page
            // it changes that existed when it began. It ignores nothing: a record's grams are a
            // set and each record is staged once.
            try await sql.raw("""
                INSERT OR IGNORE INTO \(unsafeRaw: Self.next) (tbl, gram, sort_key, record_id)
                SELECT s.tbl, g.value, s.sort_key, s.record_id FROM \(unsafeRaw: Self.staging) s, json_each(s.grams) g ORDER BY 1, 2, 3, 4
                """).run()
            try await sql.raw("""
                INSERT OR IGNORE INTO \(unsafeRaw: Self.nextFilings) (tbl, record_id, sort_key, grams)
                SELECT tbl, record_id, sort_key, grams FROM \(unsafeRaw: Self.staging) ORDER BY 1, 2
                """).run()
            try await sql.raw("DROP TABLE \(unsafeRaw: Self.staging)").run()
            try await sql.raw("DROP TABLE search_grams").run()
            try await sql.raw("DROP TABLE search_filings").run()
            try await sql.raw("ALTER TABLE \(unsafeRaw: Self.next) RENAME TO search_grams").run()
            try await sql.raw("ALTER TABLE \(unsafeRaw: Self.nextFilings) RENAME TO search_filings").run()
        } else {
            try await sql.raw("""
                INSERT INTO search_grams (tbl, gram, sort_key, record_id)
                SELECT s.tbl, g.value, s.sort_key, s.record_id FROM \(unsafeRaw: Self.staging) s, json_array_elements_text(s.grams::json) AS g(value)
                """).run()
            try await sql.raw("""
                INSERT INTO search_filings (tbl, record_id, sort_key, grams) SELECT tbl, record_id, sort_key, grams FROM \(unsafeRaw: Self.staging)
                """).run()
            try await sql.raw("DROP TABLE \(unsafeRaw: Self.staging)").run()
            try await sql.raw("ALTER TABLE search_grams ADD CONSTRAINT search_grams_pkey PRIMARY KEY (tbl, gram, sort_key, record_id)").run()
        }
    }

    /// The staged records' postings into the recent postings (`SearchIndex.recent`) in their key
    /// order and their filings beside them, the staging gone. For records never filed (an import's
    /// new rows). The recent table is small, so a slice's sorted postings append to it instead of
    /// landing on most pages of the main one (`SearchPostingsMerge` moves them there later, many at
    /// a time). On PostgreSQL a plain insert, as `ON CONFLICT DO NOTHING` made each posting a
    /// speculative insertion (a slice's 1.1 million postings: 18.6 s against 13.1 s).
    func finishAppend() async throws {
        if isSQLite {
            // OR IGNORE on the postings for the statement journal, as in `finish` (nothing is
            // ignored: new records).
            try await sql.raw("""
                INSERT OR IGNORE INTO search_grams_recent (tbl, gram, sort_key, record_id)
                SELECT s.tbl, g.value, s.sort_key, s.record_id FROM \(unsafeRaw: Self.staging) s, json_each(s.grams) g ORDER BY 1, 2, 3, 4
                """).run()
            // A plain insert: a record filed already is the caller's mistake, refused on both engines.
            try await sql.raw("""
                INSERT INTO search_filings (tbl, record_id, sort_key, grams)
                SELECT tbl, record_id, sort_key, grams FROM \(unsafeRaw: Self.staging) ORDER BY 1, 2
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO search_grams_recent (tbl, gram, sort_key, record_id)
                SELECT s.tbl, g.value, s.sort_key, s.record_id FROM \(unsafeRaw: Self.staging) s, json_array_elements_text(s.grams::json) AS g(value)
                ORDER BY 1, 2, 3, 4
                """).run()
            try await sql.raw("""
                INSERT INTO search_filings (tbl, record_id, sort_key, grams) SELECT tbl, record_id, sort_key, grams FROM \(unsafeRaw: Self.staging)
                """).run()
        }
        try await sql.raw("DROP TABLE \(unsafeRaw: Self.staging)").run()
    }

    /// The connection's secure_delete as the driver's build has it (after `begin`, whatever happened).
    func restore() async throws {
        if isSQLite { try await sql.raw("PRAGMA secure_delete = ON").run() }
    }
}
