import Fluent
import SQLKit

/// `enterprise_recent_revenue` (`RecentRevenue`): a row per enterprise, filled from the figures
/// that exist and kept by triggers — an enterprise added gets its (empty) row; a month added,
/// corrected or removed recomputes that enterprise's twelve months.
struct M0033_CreateRecentRevenue: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE TABLE enterprise_recent_revenue (enterprise_id BIGINT PRIMARY KEY, through_period TEXT, revenue BIGINT, months BIGINT NOT NULL)
            """).run()
        try await RecentRevenue.rebuild(on: sql)
        try await sql.raw("CREATE INDEX enterprise_recent_revenue_revenue ON enterprise_recent_revenue (revenue, enterprise_id)").run()
        if sql.dialect.name == "postgresql" {
            // Lists put empty values last in both directions; a PostgreSQL index read backwards
            // gives DESC NULLS FIRST, so "largest first" needs its own order. (SQLite reads the
            // ascending index backwards for DESC NULLS LAST.)
            try await sql.raw("CREATE INDEX enterprise_recent_revenue_revenue_desc ON enterprise_recent_revenue (revenue DESC NULLS LAST, enterprise_id)").run()
        }
        try await EngineTriggers.install(sqlite: Self.sqliteTriggers, postgres: Self.postgresTriggers, on: sql)
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION recent_revenue_from_indicators() CASCADE").run()
            try await sql.raw("DROP FUNCTION recent_revenue_from_enterprises() CASCADE").run()
        } else {
            for name in ["insert", "update", "delete", "enterprise_insert", "enterprise_delete"] {
                try await sql.raw("DROP TRIGGER recent_revenue_\(unsafeRaw: name)").run()
            }
        }
        try await sql.raw("DROP TABLE enterprise_recent_revenue").run()
    }

    private static let emptyRow = "INSERT INTO enterprise_recent_revenue (enterprise_id, through_period, revenue, months)"

    /// Row triggers (SQLite has no statement triggers).
    static let sqliteTriggers = [
        "CREATE TRIGGER recent_revenue_insert AFTER INSERT ON enterprise_indicators BEGIN \(RecentRevenue.refresh("NEW.enterprise_id", postgres: false)); END",
        "CREATE TRIGGER recent_revenue_delete AFTER DELETE ON enterprise_indicators BEGIN \(RecentRevenue.refresh("OLD.enterprise_id", postgres: false)); END",
        "CREATE TRIGGER recent_revenue_update AFTER UPDATE OF enterprise_id, period, revenue ON enterprise_indicators BEGIN \(RecentRevenue.refresh("OLD.enterprise_id, NEW.enterprise_id", postgres: false)); END",
        "CREATE TRIGGER recent_revenue_enterprise_insert AFTER INSERT ON enterprises BEGIN \(emptyRow) VALUES (NEW.id, NULL, NULL, 0) ON CONFLICT DO NOTHING; END",
        "CREATE TRIGGER recent_revenue_enterprise_delete AFTER DELETE ON enterprises BEGIN DELETE FROM enterprise_recent_revenue WHERE enterprise_id = OLD.id; END",
    ]

    /// Statement triggers over transition tables: a bulk statement recomputes each enterprise once.
    static let postgresTriggers = [
        """
        CREATE FUNCTION recent_revenue_from_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            \(RecentRevenue.refresh("SELECT enterprise_id FROM new_rows", postgres: true));
          ELSIF TG_OP = 'DELETE' THEN
            \(RecentRevenue.refresh("SELECT enterprise_id FROM old_rows", postgres: true));
          ELSE
            \(RecentRevenue.refresh("SELECT enterprise_id FROM new_rows UNION SELECT enterprise_id FROM old_rows", postgres: true));
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER recent_revenue_insert AFTER INSERT ON enterprise_indicators REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_indicators()",
        "CREATE TRIGGER recent_revenue_update AFTER UPDATE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_indicators()",
        "CREATE TRIGGER recent_revenue_delete AFTER DELETE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_indicators()",
        """
        CREATE FUNCTION recent_revenue_from_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            \(emptyRow) SELECT id, NULL, NULL, 0 FROM new_rows ON CONFLICT DO NOTHING;
          ELSE
            DELETE FROM enterprise_recent_revenue WHERE enterprise_id IN (SELECT id FROM old_rows);
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER recent_revenue_enterprise_insert AFTER INSERT ON enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_enterprises()",
        "CREATE TRIGGER recent_revenue_enterprise_delete AFTER DELETE ON enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_enterprises()",
    ]
}
