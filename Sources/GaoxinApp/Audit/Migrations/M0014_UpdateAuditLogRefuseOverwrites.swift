import Fluent
import SQLKit

/// The append-only rule against inserts that overwrite. SQLite's `INSERT OR REPLACE` / `REPLACE`
/// delete the conflicting row without firing a DELETE trigger (unless recursive triggers are on)
/// and an UPSERT on an existing id is an UPDATE: M0004's triggers missed the first. A BEFORE
/// INSERT trigger refuses any insert naming an existing id, whatever its conflict clause; an AFTER
/// trigger refuses ids ≤ 0 (in SQLite's BEFORE INSERT an id left to the database reads as -1, so
/// the first trigger cannot see those, and a forged row at -1 would otherwise block every insert).
/// PostgreSQL already refuses these (primary key, UPDATE trigger); its trigger gives the same
/// message for the same statements.
struct M0014_UpdateAuditLogRefuseOverwrites: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("""
                CREATE FUNCTION audit_log_no_overwrite() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.id <= 0 OR EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) THEN
                    RAISE EXCEPTION 'audit_log is append-only';
                  END IF;
                  RETURN NEW;
                END $$
                """).run()
            try await sql.raw("CREATE TRIGGER audit_log_no_overwrite BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_no_overwrite()").run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER audit_log_no_overwrite BEFORE INSERT ON audit_log
                WHEN NEW.id > 0 AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_log_positive_id AFTER INSERT ON audit_log WHEN NEW.id <= 0
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END
                """).run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TRIGGER audit_log_no_overwrite ON audit_log").run()
            try await sql.raw("DROP FUNCTION audit_log_no_overwrite()").run()
        } else {
            try await sql.raw("DROP TRIGGER audit_log_no_overwrite").run()
            try await sql.raw("DROP TRIGGER audit_log_positive_id").run()
        }
    }
}
