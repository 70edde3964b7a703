import Fluent

/// The promotion-organisation register (促进组织, one set per industry).
struct M0018_CreatePromotionOrganisations: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("promotion_organisations", on: database, unique: ["name"], indexed: ["owning_unit_id", "kind"]) {
            $0.field("name", .string, .required)
                .field("kind", .string)
                .field("contact", .string)
                .field("phone", .string)
                .field("established_on", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("promotion_organisations").delete()
    }
}
