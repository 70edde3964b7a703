import Fluent
import SQLKit

/// Named cluster structures ("465", "6+2+X"), their groups and the clusters in each; a cluster
/// is in at most one group of a structure, which the database holds too.
struct M0029_CreateClusterStructures: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("cluster_structures")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("note", .string)
            .field("sort_order", .int64, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema("cluster_structure_groups")
            .field("id", .int64, .identifier(auto: true))
            .field("structure_id", .int64, .required, .references("cluster_structures", "id"))
            .field("name", .string, .required)
            .field("position", .int64, .required)
            .unique(on: "structure_id", "name")
            .create()
        try await database.schema("cluster_structure_members")
            .field("id", .int64, .identifier(auto: true))
            .field("structure_id", .int64, .required, .references("cluster_structures", "id"))
            .field("group_id", .int64, .required, .references("cluster_structure_groups", "id"))
            .field("cluster_id", .int64, .required, .references("clusters", "id"))
            .field("position", .int64, .required)
            .unique(on: "structure_id", "cluster_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX cluster_structure_members_group ON cluster_structure_members (group_id)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("cluster_structure_members").delete()
        try await database.schema("cluster_structure_groups").delete()
        try await database.schema("cluster_structures").delete()
    }
}
