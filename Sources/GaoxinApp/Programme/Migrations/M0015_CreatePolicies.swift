import Fluent

/// The shared link table of declared registers, and the policy register (政策, "1+5+N").
struct M0015_CreatePolicies: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.createLinks(on: database)
        try await RegisterTable.create("policies", on: database, unique: ["name"], indexed: ["issuing_unit_id", "issued_on", "tier"]) {
            $0.field("name", .string, .required)
                .field("document_number", .string)
                .field("tier", .string, .required)
                .field("issuing_unit_id", .int64, .required, .references("units", "id"))
                .field("issued_on", .string)
                .field("valid_until", .string)
                .field("summary", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("policies").delete()
        try await database.schema("register_links").delete()
    }
}
