import Fluent
import SQLKit

/// `chain_node_owners`: each chain node with the unit that owns it — its cluster's lead department.
/// A record written through a chain node (a target company) belongs to that unit
/// (`RegisterOwnership.referencedUnit`), so a lead department keeps its own cluster's target list
/// and no other unit's.
struct M0051_CreateChainNodeOwners: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE VIEW chain_node_owners AS SELECT n.id AS id, cl.lead_unit_id AS owning_unit_id
            FROM chain_nodes n JOIN chains c ON c.id = n.chain_id JOIN clusters cl ON cl.id = c.cluster_id
            """).run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP VIEW chain_node_owners").run()
    }
}
