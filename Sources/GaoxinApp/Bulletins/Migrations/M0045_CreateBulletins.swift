import Fluent

/// 通报 (issue 14): each month's bulletin as issued, one row per month.
struct M0045_CreateBulletins: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("bulletins")
            .field("id", .int64, .identifier(auto: true))
            .field("month", .string, .required)
            .field("number", .int64, .required)
            .field("issuer", .string, .required)
            .field("final", .bool, .required)
            .field("content_json", .string, .required)
            .field("generated_at", .datetime, .required)
            .field("user_id", .int64)
            .field("user_name", .string, .required)
            .unique(on: "month")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("bulletins").delete()
    }
}
