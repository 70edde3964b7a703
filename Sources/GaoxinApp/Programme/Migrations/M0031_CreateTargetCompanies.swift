import Fluent
import SQLKit

/// The target-company register and `chain_node_names`, the view a reference to a chain node is
/// looked up in ("产业链／环节", active while its chain is).
struct M0031_CreateTargetCompanies: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE VIEW chain_node_names AS SELECT n.id AS id, c.name || '／' || n.name AS name, c.active AS active,
            c.name || '／' || n.name AS name_sort, c.cluster_id AS cluster_id FROM chain_nodes n JOIN chains c ON c.id = n.chain_id
            """).run()
        try await RegisterTable.create("target_companies", on: database, unique: ["name"], indexed: ["chain_node_id", "owning_unit_id", "source"]) {
            $0.field("name", .string, .required)
                .field("credit_code", .string)
                .field("chain_node_id", .int64, .required, .references("chain_nodes", "id"))
                .field("region", .string)
                .field("source", .string)
                .field("reason", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("target_companies").delete()
        try await (database as! any SQLDatabase).raw("DROP VIEW chain_node_names").run()
    }
}
