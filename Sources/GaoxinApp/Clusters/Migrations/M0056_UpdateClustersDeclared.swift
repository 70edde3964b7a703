import Fluent
import SQLKit

/// Clusters became a declared register (`RegisterDeclaration.clusters`): its list searches the
/// postings, so the clusters that exist are filed there (name and liaison leader, the
/// declaration's searchable fields at this migration); later writes file their own. Its lead unit
/// reference gets the index every declared reference has.
struct M0056_UpdateClustersDeclared: AsyncMigration {
    func prepare(on database: Database) async throws {
        // A reference leads an index, as every declared register's does (a unit's page lists what it leads).
        try await (database as! any SQLDatabase).raw("CREATE INDEX clusters_lead_unit_id ON clusters (lead_unit_id)").run()
        try await SearchSource.rebuild([SearchSource(table: "clusters", textColumns: ["name", "liaison_leader"])], on: database as! any SQLDatabase)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM search_grams WHERE tbl = 'clusters'").run()
        try await (database as! any SQLDatabase).raw("DROP INDEX clusters_lead_unit_id").run()
    }
}
