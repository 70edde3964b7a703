import Fluent
import SQLKit

/// People who sign in; each belongs to one unit.
struct M0002_CreateUsers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("users")
            .field("id", .int64, .identifier(auto: true))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("unit_id", .int64, .required, .references("units", "id"))
            .field("roles", .string, .required)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("email", .string)
            .field("phone", .string)
            .field("failed_count", .int, .required)
            .field("locked_until", .datetime)
            .field("last_login_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "username")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX users_unit ON users (unit_id)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("users").delete()
    }
}
