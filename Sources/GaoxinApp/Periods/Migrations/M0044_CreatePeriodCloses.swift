import Fluent
import SQLKit

/// 关账 (issue 14): the months the office has closed, and the restatements — corrections to a
/// closed month's figures, each with its old and new value, who and why.
struct M0044_CreatePeriodCloses: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("period_closes")
            .field("id", .int64, .identifier(auto: true))
            .field("month", .string, .required)
            .field("closed_at", .datetime, .required)
            .field("user_id", .int64)
            .field("user_name", .string, .required)
            .unique(on: "month")
            .create()
        try await database.schema("restatements")
            .field("id", .int64, .identifier(auto: true))
            .field("month", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("subject", .string, .required)
            .field("figure", .string, .required)
            .field("old_value", .int64)
            .field("new_value", .int64)
            .field("reason", .string, .required)
            .field("user_id", .int64)
            .field("user_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX restatements_month ON restatements (month, id)").run()
        try await sql.raw("CREATE INDEX restatements_entity ON restatements (entity, entity_id, month)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("restatements").delete()
        try await database.schema("period_closes").delete()
    }
}
