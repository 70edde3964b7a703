import Fluent

/// The advisor register (产业生态发展顾问); its clusters live in `register_links`.
struct M0021_CreateAdvisors: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("advisors", on: database, unique: ["name"], indexed: ["owning_unit_id", "term_from"]) {
            $0.field("name", .string, .required)
                .field("field", .string)
                .field("organisation", .string)
                .field("title", .string)
                .field("term_from", .string)
                .field("term_to", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("advisors").delete()
    }
}
