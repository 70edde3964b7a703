import Fluent
import SQLKit

/// Each filed record's sort key and grams (`search_filings`), in place of the postings' index by
/// record: a record's postings are found again by their whole key from its filing, and an
/// import's postings are no longer written twice, once of them at random places in an index as
/// wide as the postings themselves (BENCHMARKS.md, "Search filings").
///
/// Listed before M0025: the search code every later migration runs (a rebuild, the filing of a
/// register's existing rows) writes filings, so on a new database the table exists before the
/// first of them. Fluent runs the migrations it has not run in the list's order, so an existing
/// database runs this one next, where it files what the postings hold and drops the old index.
struct M0060_CreateSearchFilings: AsyncMigration {
    func prepare(on database: Database) async throws {
        // In one transaction (Fluent runs a migration in none): filing 22.5 M postings takes
        // minutes, and a run cut short must leave no table behind for the next to trip on.
        try await database.transaction { tx in try await Self.file(on: tx as! any SQLDatabase) }
    }

    private static func file(on sql: any SQLDatabase) async throws {
        try await SearchPostingsLoad.createFilingsTable(SearchIndex.filings, on: sql)
        guard try await postingsExist(on: sql) else { return }
        // One pass over the by-record index, which holds every posting's key in record order.
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                INSERT INTO search_filings (tbl, record_id, sort_key, grams)
                SELECT tbl, record_id, MIN(sort_key), json_group_array(gram) FROM search_grams GROUP BY tbl, record_id
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO search_filings (tbl, record_id, sort_key, grams)
                SELECT tbl, record_id, MIN(sort_key), json_agg(gram)::text FROM search_grams GROUP BY tbl, record_id
                """).run()
        }
        try await sql.raw("DROP INDEX IF EXISTS search_grams_record").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if try await Self.postingsExist(on: sql) { try await SearchPostingsLoad.createRecordIndex(on: sql) }
        try await sql.raw("DROP TABLE search_filings").run()
    }

    static func postingsExist(on sql: any SQLDatabase) async throws -> Bool {
        try await tableExists(SearchIndex.table, on: sql)
    }

    /// Whether `name` is a table of the database (M0056, M0057 and M0059 revert their filings
    /// only where this migration's table is there: an existing database reverts this one first).
    static func tableExists(_ name: String, on sql: any SQLDatabase) async throws -> Bool {
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = \(bind: name)"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = \(bind: name) AND table_schema = current_schema()"
        return try await sql.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0 > 0
    }
}
