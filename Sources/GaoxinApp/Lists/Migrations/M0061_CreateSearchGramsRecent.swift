import Fluent
import SQLKit

/// The recent postings (`search_grams_recent`): where an import files its new records, beside the
/// main postings, until `SearchPostingsMerge` moves them there (see `SearchIndex`).
///
/// Listed before M0025 with M0060, for the same reason: the search code M0025 and later migrations
/// run (a rebuild empties this table too) needs it on a new database; an existing one runs it next.
struct M0061_CreateSearchGramsRecent: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await SearchPostingsLoad.createTable(SearchIndex.recent, on: database as! any SQLDatabase)
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        // Whatever it holds goes back into the main postings first, when they are there.
        if try await M0060_CreateSearchFilings.postingsExist(on: sql) {
            try await sql.raw("INSERT INTO search_grams SELECT tbl, gram, sort_key, record_id FROM search_grams_recent").run()
        }
        try await sql.raw("DROP TABLE search_grams_recent").run()
    }
}
