import Fluent
import SQLKit

/// Sessions, API tokens and failed sign-ins live in the database: app servers keep no state.
struct M0003_CreateSessionsAndTokens: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("sessions")
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .int64, .references("users", "id"))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("address", .string)
            .field("user_agent", .string)
            .create()
        try await database.schema("api_tokens")
            .field("id", .int64, .identifier(auto: true))
            .field("user_id", .int64, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("read_only", .bool, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("login_failures")
            .field("id", .int64, .identifier(auto: true))
            .field("username", .string, .required)
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX sessions_user ON sessions (user_id)").run()
        try await sql.raw("CREATE INDEX sessions_seen ON sessions (last_seen_at)").run()
        try await sql.raw("CREATE INDEX api_tokens_user ON api_tokens (user_id)").run()
        try await sql.raw("CREATE INDEX login_failures_address ON login_failures (address, at)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("login_failures").delete()
        try await database.schema("api_tokens").delete()
        try await database.schema("sessions").delete()
    }
}
