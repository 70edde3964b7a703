import Fluent

/// `FigureCache`'s table: one row per cached figure, its computing time as seconds since 1970.
struct M0048_CreateFigureCache: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("figure_cache")
            .field("cache_key", .string, .required)
            .field("computed_at", .double, .required)
            .field("content", .string, .required)
            .unique(on: "cache_key")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("figure_cache").delete()
    }
}
