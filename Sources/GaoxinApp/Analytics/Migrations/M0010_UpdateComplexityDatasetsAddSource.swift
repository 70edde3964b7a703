import Fluent

/// Where a dataset came from: an upload (NULL, as before) or the zone's own enterprise figures
/// (`zone`), with a sentence saying how it was built.
struct M0010_UpdateComplexityDatasetsAddSource: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per ALTER: SQLite adds a single column per statement.
        try await database.schema("complexity_datasets").field("source", .string).update()
        try await database.schema("complexity_datasets").field("description", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("complexity_datasets").deleteField("description").update()
        try await database.schema("complexity_datasets").deleteField("source").update()
    }
}
