import Fluent
import SQLKit

/// A structure belongs to the city or zone that groups its clusters (SPEC §2.2: "a city groups
/// clusters into a named structure"); a province holds one per city. Existing structures are the
/// root unit's — the one city or zone a deployment had before.
struct M0052_UpdateClusterStructureUnit: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("cluster_structures").field("unit_id", .int64, .references("units", "id")).update()
        let sql = database as! any SQLDatabase
        try await sql.raw("UPDATE cluster_structures SET unit_id = (SELECT MIN(id) FROM units WHERE parent_id IS NULL)").run()
        try await sql.raw("CREATE INDEX cluster_structures_unit ON cluster_structures (unit_id)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX cluster_structures_unit").run()
        try await database.schema("cluster_structures").deleteField("unit_id").update()
    }
}
