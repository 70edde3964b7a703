import Fluent

/// The fund register (基金, one special sub-fund per industry).
struct M0016_CreateFunds: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("funds", on: database, unique: ["name"], indexed: ["owning_unit_id", "stage", "established_on", "size"]) {
            $0.field("name", .string, .required)
                .field("size", .int64)
                .field("manager", .string)
                .field("stage", .string)
                .field("established_on", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("funds").delete()
    }
}
