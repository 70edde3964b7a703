import Fluent

/// The register of plaques and subsidies granted to enterprises (授牌与奖补).
struct M0023_CreateAwards: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("awards", on: database, unique: ["code"],
                                       indexed: ["enterprise_id", "granting_unit_id", "policy_id", "granted_on", "kind", "amount"]) {
            $0.field("code", .string, .required)
                .field("title", .string, .required)
                .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
                .field("kind", .string, .required)
                .field("amount", .int64)
                .field("policy_id", .int64, .references("policies", "id"))
                .field("granted_on", .string, .required)
                .field("granting_unit_id", .int64, .required, .references("units", "id"))
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("awards").delete()
    }
}
