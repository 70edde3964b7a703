import Fluent
import SQLKit

/// Jobs with progress, stored in the database so any server can report them.
struct M0005_CreateJobs: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("jobs")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("phase", .string, .required)
            .field("progress", .int, .required)
            .field("total", .int, .required)
            .field("message", .string)
            .field("result_json", .string)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .field("started_at", .datetime)
            .field("finished_at", .datetime)
            .field("heartbeat_at", .datetime)
            .field("input", .data)
            .field("input_name", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX jobs_status ON jobs (status)").run()
        try await sql.raw("CREATE INDEX jobs_creator ON jobs (created_by, created_at)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("jobs").delete()
    }
}
