import Fluent
import GaoxinDomain
import SQLKit

/// Clusters became a declared register (`RegisterDeclaration.clusters`): its list searches the
/// postings, so the clusters that exist are filed there (name and liaison leader, the
/// declaration's searchable fields at this migration); later writes file their own. Filed record
/// by record — a zone has tens of clusters, and a partial rebuild would copy every other
/// register's postings (tens of millions at province scale). Its lead unit reference gets the
/// index every declared reference has.
struct M0056_UpdateClustersDeclared: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX clusters_lead_unit_id ON clusters (lead_unit_id)").run()
        try await SearchIndex.fileExisting("clusters", name: "name", texts: ["name", "liaison_leader"], on: sql)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM search_grams WHERE tbl = 'clusters'").run()
        // And what they were filed under (M0060's table, where it is still there): a filing left
        // behind made a later unchanged write skip re-filing the record.
        if try await M0060_CreateSearchFilings.tableExists(SearchIndex.filings, on: database as! any SQLDatabase) {
            try await (database as! any SQLDatabase).raw("DELETE FROM search_filings WHERE tbl = 'clusters'").run()
        }
        try await (database as! any SQLDatabase).raw("DROP INDEX clusters_lead_unit_id").run()
    }
}
