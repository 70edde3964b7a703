import Fluent
import SQLKit

/// The organisation tree every other record is owned by.
struct M0001_CreateUnits: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("units")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("code", .string)
            .field("parent_id", .int64, .references("units", "id"))
            .field("path", .string, .required)
            .field("sort_order", .int, .required)
            .field("active", .bool, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX units_parent ON units (parent_id)").run()
        try await sql.raw("CREATE INDEX units_path ON units (path)").run()
        try await sql.raw("CREATE INDEX units_name ON units (name)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("units").delete()
    }
}
