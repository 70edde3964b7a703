import Fluent

/// `FigureCache`'s refresh claim: when (seconds since 1970) a request took the entry's refresh, so
/// that the requests finding it stale at the same moment do not all recompute it.
struct M0054_UpdateFigureCacheAddClaim: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("figure_cache").field("claimed_at", .double).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("figure_cache").deleteField("claimed_at").update()
    }
}
