import Fluent
import SQLKit

/// `enterprise_counts`: how many enterprises each (unit, industry division, active, above scale)
/// holds, kept by triggers on `enterprises` so every write path — forms, API, imports, the seed,
/// a restore — keeps it without knowing it (`EnterpriseCounts`). Filled for the rows that exist.
struct M0026_CreateEnterpriseCounts: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE TABLE enterprise_counts (unit_id BIGINT NOT NULL, division TEXT NOT NULL, active BOOLEAN NOT NULL,
            above_scale BOOLEAN NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (unit_id, division, active, above_scale))
            """).run()
        try await EnterpriseCounts.rebuild(on: sql)
        try await EngineTriggers.install(sqlite: Self.sqliteTriggers, postgres: Self.postgresTriggers, on: sql)
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION enterprise_counts_apply() CASCADE").run()
        } else {
            for name in ["insert", "delete", "update"] { try await sql.raw("DROP TRIGGER enterprise_counts_\(unsafeRaw: name)").run() }
        }
        try await sql.raw("DROP TABLE enterprise_counts").run()
    }

    /// Row triggers: SQLite has no statement triggers, and its row triggers cost microseconds.
    static let sqliteTriggers = [
        """
        CREATE TRIGGER enterprise_counts_insert AFTER INSERT ON enterprises BEGIN
          INSERT INTO enterprise_counts (unit_id, division, active, above_scale, n)
          VALUES (NEW.unit_id, substr(NEW.industry_code, 1, 2), NEW.active, NEW.above_scale, 1)
          ON CONFLICT (unit_id, division, active, above_scale) DO UPDATE SET n = n + 1;
        END
        """,
        """
        CREATE TRIGGER enterprise_counts_delete AFTER DELETE ON enterprises BEGIN
          UPDATE enterprise_counts SET n = n - 1 WHERE unit_id = OLD.unit_id AND division = substr(OLD.industry_code, 1, 2)
            AND active = OLD.active AND above_scale = OLD.above_scale;
        END
        """,
        """
        CREATE TRIGGER enterprise_counts_update AFTER UPDATE OF unit_id, industry_code, active, above_scale ON enterprises BEGIN
          UPDATE enterprise_counts SET n = n - 1 WHERE unit_id = OLD.unit_id AND division = substr(OLD.industry_code, 1, 2)
            AND active = OLD.active AND above_scale = OLD.above_scale;
          INSERT INTO enterprise_counts (unit_id, division, active, above_scale, n)
          VALUES (NEW.unit_id, substr(NEW.industry_code, 1, 2), NEW.active, NEW.above_scale, 1)
          ON CONFLICT (unit_id, division, active, above_scale) DO UPDATE SET n = n + 1;
        END
        """,
    ]

    /// Statement triggers over transition tables: a bulk statement of a million rows updates each
    /// group once, not a million times.
    static let postgresTriggers = [
        """
        CREATE FUNCTION enterprise_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE enterprise_counts c SET n = c.n - d.k
            FROM (SELECT unit_id, substr(industry_code, 1, 2) AS division, active, above_scale, COUNT(*) AS k
                  FROM old_rows GROUP BY 1, 2, 3, 4) d
            WHERE c.unit_id = d.unit_id AND c.division = d.division AND c.active = d.active AND c.above_scale = d.above_scale;
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO enterprise_counts (unit_id, division, active, above_scale, n)
            SELECT unit_id, substr(industry_code, 1, 2), active, above_scale, COUNT(*) FROM new_rows GROUP BY 1, 2, 3, 4
            ON CONFLICT (unit_id, division, active, above_scale) DO UPDATE SET n = enterprise_counts.n + EXCLUDED.n;
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER enterprise_counts_insert AFTER INSERT ON enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_counts_apply()",
        "CREATE TRIGGER enterprise_counts_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_counts_apply()",
        "CREATE TRIGGER enterprise_counts_delete AFTER DELETE ON enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_counts_apply()",
    ]
}
