import Fluent

/// The talent register (人才).
struct M0019_CreateTalents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("talents", on: database, unique: ["code"],
                                       indexed: ["owning_unit_id", "employer_id", "cluster_id", "introduced_on", "level"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("programme", .string)
                .field("level", .string)
                .field("employer_id", .int64, .references("enterprises", "id"))
                .field("introduced_on", .string)
                .field("cluster_id", .int64, .references("clusters", "id"))
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("talents").delete()
    }
}
