import Fluent
import GaoxinDomain
import SQLKit

/// Users became a declared register (`RegisterDeclaration.users`): its list searches the postings,
/// so the users that exist are filed there (username and name, the declaration's searchable
/// fields at this migration); later writes file their own.
struct M0059_UpdateUsersDeclared: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await SearchIndex.fileExisting("users", name: "display_name", texts: ["username", "display_name"], on: sql)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM search_grams WHERE tbl = 'users'").run()
        // And what they were filed under (M0060's table, where it is still there): a filing left
        // behind made a later unchanged write skip re-filing the record.
        if try await M0060_CreateSearchFilings.tableExists(SearchIndex.filings, on: database as! any SQLDatabase) {
            try await (database as! any SQLDatabase).raw("DELETE FROM search_filings WHERE tbl = 'users'").run()
        }
    }
}
