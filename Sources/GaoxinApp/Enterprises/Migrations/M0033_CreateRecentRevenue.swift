import Fluent
import SQLKit

/// `enterprise_recent_revenue` (`RecentRevenue`), filled from the figures that exist and kept by
/// triggers on `enterprise_indicators`: a month added, corrected or removed recomputes that
/// enterprise's twelve months (an index seek and at most twelve rows).
struct M0033_CreateRecentRevenue: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE TABLE enterprise_recent_revenue (enterprise_id BIGINT PRIMARY KEY, through_period TEXT NOT NULL,
            revenue BIGINT NOT NULL, months BIGINT NOT NULL)
            """).run()
        try await RecentRevenue.rebuild(on: sql)
        try await sql.raw("CREATE INDEX enterprise_recent_revenue_revenue ON enterprise_recent_revenue (revenue, enterprise_id)").run()
        for statement in sql.dialect.name == "postgresql" ? Self.postgresTriggers : Self.sqliteTriggers {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION recent_revenue_from_indicators() CASCADE").run()
        } else {
            for name in ["insert", "update", "delete"] { try await sql.raw("DROP TRIGGER recent_revenue_\(unsafeRaw: name)").run() }
        }
        try await sql.raw("DROP TABLE enterprise_recent_revenue").run()
    }

    private static func sqlite(_ ids: String) -> String {
        RecentRevenue.refresh(ids, postgres: false).map { $0 + ";" }.joined(separator: "\n")
    }

    /// Row triggers (SQLite has no statement triggers).
    static let sqliteTriggers = [
        "CREATE TRIGGER recent_revenue_insert AFTER INSERT ON enterprise_indicators BEGIN \(sqlite("NEW.enterprise_id")) END",
        "CREATE TRIGGER recent_revenue_delete AFTER DELETE ON enterprise_indicators BEGIN \(sqlite("OLD.enterprise_id")) END",
        "CREATE TRIGGER recent_revenue_update AFTER UPDATE OF enterprise_id, period, revenue ON enterprise_indicators BEGIN \(sqlite("OLD.enterprise_id, NEW.enterprise_id")) END",
    ]

    private static func postgres(_ ids: String) -> String {
        RecentRevenue.refresh(ids, postgres: true).map { $0 + ";" }.joined(separator: "\n")
    }

    /// Statement triggers over transition tables: a bulk import recomputes each enterprise once.
    static let postgresTriggers = [
        """
        CREATE FUNCTION recent_revenue_from_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            \(postgres("SELECT enterprise_id FROM new_rows"))
          ELSIF TG_OP = 'DELETE' THEN
            \(postgres("SELECT enterprise_id FROM old_rows"))
          ELSE
            \(postgres("SELECT enterprise_id FROM new_rows UNION SELECT enterprise_id FROM old_rows"))
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER recent_revenue_insert AFTER INSERT ON enterprise_indicators REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_indicators()",
        "CREATE TRIGGER recent_revenue_update AFTER UPDATE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_indicators()",
        "CREATE TRIGGER recent_revenue_delete AFTER DELETE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION recent_revenue_from_indicators()",
    ]
}
