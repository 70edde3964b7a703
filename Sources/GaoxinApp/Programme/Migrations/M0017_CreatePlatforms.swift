import Fluent

/// The innovation-platform register (创新平台, one platform per industry).
struct M0017_CreatePlatforms: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("platforms", on: database, unique: ["name"], indexed: ["owning_unit_id", "kind", "level"]) {
            $0.field("name", .string, .required)
                .field("kind", .string)
                .field("level", .string)
                .field("host", .string)
                .field("recognized_on", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("platforms").delete()
    }
}
