import Fluent
import SQLKit

/// The reminder queue (`ReminderQueue`) and the days whose digests were planned
/// (`ReminderPlanner`). Times are epoch seconds, compared in SQL on both engines alike.
struct M0039_CreateReminders: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("reminders")
            .field("id", .int64, .identifier(auto: true))
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("dedupe_key", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int64, .required)
            .field("next_attempt_at", .double, .required)
            .field("lease_owner", .string)
            .field("lease_until", .double)
            .field("last_error", .string)
            .field("created_at", .double, .required)
            .field("sent_at", .double)
            .unique(on: "dedupe_key")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX reminders_due ON reminders (status, next_attempt_at)").run()
        try await database.schema("reminder_days")
            .field("day", .string, .identifier(auto: false))
            .field("planned_at", .double, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("reminder_days").delete()
        try await database.schema("reminders").delete()
    }
}
