import Fluent
import GaoxinDomain
import SQLKit

/// Units became a declared register (`RegisterDeclaration.units`): its list searches the postings,
/// so the units that exist are filed there (name and code, the declaration's searchable fields at
/// this migration); later writes file their own. Filed unit by unit, as M0056 files clusters: a
/// partial rebuild would copy every other register's postings.
struct M0057_UpdateUnitsDeclared: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await SearchIndex.fileExisting("units", name: "name", texts: ["name", "code"], on: sql)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM search_grams WHERE tbl = 'units'").run()
        // And what they were filed under (M0060's table, where it is still there): a filing left
        // behind made a later unchanged write skip re-filing the record.
        if try await M0060_CreateSearchFilings.tableExists(SearchIndex.filings, on: database as! any SQLDatabase) {
            try await (database as! any SQLDatabase).raw("DELETE FROM search_filings WHERE tbl = 'units'").run()
        }
    }
}
