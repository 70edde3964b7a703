import Fluent
import SQLKit

/// Chain-leader selection (SPEC §2.3): each chain's scoring weights, and the recorded decisions.
struct M0013_CreateChainLeaderDecisions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("chains").field("leader_weights", .string).update()
        try await database.schema("chain_leader_decisions")
            .field("id", .int64, .identifier(auto: true))
            .field("chain_id", .int64, .required, .references("chains", "id"))
            .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
            .field("tier", .string)
            .field("previous_tier", .string)
            .field("reason", .string, .required)
            .field("score_json", .string)
            .field("decided_by", .int64, .references("users", "id"))
            .field("decided_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX chain_leader_decisions_chain ON chain_leader_decisions (chain_id, decided_at)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("chain_leader_decisions").delete()
        try await database.schema("chains").deleteField("leader_weights").update()
    }
}
