import Fluent
import SQLKit

/// The audit log, with triggers so the database itself refuses UPDATE and DELETE on it.
struct M0004_CreateAuditLog: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("audit_log")
            .field("id", .int64, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("actor_id", .int64)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("summary", .string, .required)
            .field("before_json", .string)
            .field("after_json", .string)
            .field("address", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX audit_at ON audit_log (at)").run()
        try await sql.raw("CREATE INDEX audit_entity ON audit_log (entity, entity_id)").run()
        try await sql.raw("CREATE INDEX audit_actor ON audit_log (actor_id)").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
                """).run()
            try await sql.raw("CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()").run()
            try await sql.raw("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()").run()
        } else {
            try await sql.raw("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").run()
            try await sql.raw("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE audit_log").run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION audit_log_append_only()").run()
        }
    }
}
