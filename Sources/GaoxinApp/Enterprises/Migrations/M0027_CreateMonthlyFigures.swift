import Fluent
import SQLKit

/// `monthly_figures` (`MonthlyFigures`), kept by triggers on `enterprise_indicators` (a figure
/// row added, corrected or removed) and on `enterprises` (an enterprise moved to another unit,
/// industry, scale or status carries its months with it), so every write path keeps it without
/// knowing it. Filled for the rows that exist.
struct M0027_CreateMonthlyFigures: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE TABLE monthly_figures (period TEXT NOT NULL, unit_id BIGINT NOT NULL, industry_code TEXT NOT NULL,
            above_scale BOOLEAN NOT NULL, active BOOLEAN NOT NULL, reports BIGINT NOT NULL, revenue_reports BIGINT NOT NULL,
            revenue BIGINT NOT NULL, output_value BIGINT NOT NULL, tax BIGINT NOT NULL, rd_expense BIGINT NOT NULL,
            employees BIGINT NOT NULL, invention_patents BIGINT NOT NULL,
            PRIMARY KEY (period, unit_id, industry_code, above_scale, active))
            """).run()
        try await MonthlyFigures.rebuild(on: sql)
        try await EngineTriggers.install(sqlite: Self.sqliteTriggers, postgres: Self.postgresTriggers, on: sql)
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION monthly_figures_from_indicators() CASCADE").run()
            try await sql.raw("DROP FUNCTION monthly_figures_from_enterprises() CASCADE").run()
        } else {
            for name in ["indicator_insert", "indicator_delete", "indicator_update", "enterprise_update"] {
                try await sql.raw("DROP TRIGGER monthly_figures_\(unsafeRaw: name)").run()
            }
        }
        try await sql.raw("DROP TABLE monthly_figures").run()
    }

    private static let columns = (MonthlyFigures.key + ["reports", "revenue_reports"] + MonthlyFigures.figures).joined(separator: ", ")
    private static let conflict = "ON CONFLICT (period, unit_id, industry_code, above_scale, active) DO UPDATE SET reports = monthly_figures.reports + EXCLUDED.reports, "
        + (["revenue_reports"] + MonthlyFigures.figures).map { "\($0) = monthly_figures.\($0) + EXCLUDED.\($0)" }.joined(separator: ", ")

    /// `sign` 1 adds rows, -1 takes them away; `rows` are figure rows (alias i) of enterprises (alias e).
    private static func change(sign: String) -> String {
        ["\(sign) * COUNT(*)", "\(sign) * COUNT(i.revenue)"].joined(separator: ", ") + ", "
            + MonthlyFigures.figures.map { "\(sign) * COALESCE(SUM(i.\($0)), 0)" }.joined(separator: ", ")
    }

    /// Adds (`sign` 1) or removes (-1) figure rows `from` (alias i), each with its enterprise's group
    /// given by `group` (columns unit_id, industry_code, above_scale, active of alias e).
    static func upsert(sign: String, from: String) -> String {
        // An upsert's SELECT needs a WHERE for SQLite to tell its ON CONFLICT from a join's ON.
        let from = from.contains(" WHERE ") ? from : from + " WHERE 1 = 1"
        return """
        INSERT INTO monthly_figures (\(columns))
        SELECT i.period, e.unit_id, e.industry_code, e.above_scale, e.active, \(change(sign: sign))
        FROM \(from) GROUP BY i.period, e.unit_id, e.industry_code, e.above_scale, e.active
        \(conflict)
        """
    }

    /// Row triggers (SQLite has no statement triggers). A group may fall to zero rows and stay:
    /// readers skip groups with no reports.
    static let sqliteTriggers = [
        """
        CREATE TRIGGER monthly_figures_indicator_insert AFTER INSERT ON enterprise_indicators BEGIN
        \(upsert(sign: "1", from: "(SELECT NEW.period AS period, NEW.revenue AS revenue, NEW.output_value AS output_value, NEW.tax AS tax, NEW.rd_expense AS rd_expense, NEW.employees AS employees, NEW.invention_patents AS invention_patents) i JOIN enterprises e ON e.id = NEW.enterprise_id"));
        END
        """,
        """
        CREATE TRIGGER monthly_figures_indicator_delete AFTER DELETE ON enterprise_indicators BEGIN
        \(upsert(sign: "-1", from: "(SELECT OLD.period AS period, OLD.revenue AS revenue, OLD.output_value AS output_value, OLD.tax AS tax, OLD.rd_expense AS rd_expense, OLD.employees AS employees, OLD.invention_patents AS invention_patents) i JOIN enterprises e ON e.id = OLD.enterprise_id"));
        END
        """,
        """
        CREATE TRIGGER monthly_figures_indicator_update AFTER UPDATE ON enterprise_indicators BEGIN
        \(upsert(sign: "-1", from: "(SELECT OLD.period AS period, OLD.revenue AS revenue, OLD.output_value AS output_value, OLD.tax AS tax, OLD.rd_expense AS rd_expense, OLD.employees AS employees, OLD.invention_patents AS invention_patents) i JOIN enterprises e ON e.id = OLD.enterprise_id"));
        \(upsert(sign: "1", from: "(SELECT NEW.period AS period, NEW.revenue AS revenue, NEW.output_value AS output_value, NEW.tax AS tax, NEW.rd_expense AS rd_expense, NEW.employees AS employees, NEW.invention_patents AS invention_patents) i JOIN enterprises e ON e.id = NEW.enterprise_id"));
        END
        """,
        """
        CREATE TRIGGER monthly_figures_enterprise_update AFTER UPDATE OF unit_id, industry_code, above_scale, active ON enterprises BEGIN
        \(upsert(sign: "-1", from: "enterprise_indicators i JOIN (SELECT OLD.unit_id AS unit_id, OLD.industry_code AS industry_code, OLD.above_scale AS above_scale, OLD.active AS active) e ON 1 = 1 WHERE i.enterprise_id = OLD.id"));
        \(upsert(sign: "1", from: "enterprise_indicators i JOIN enterprises e ON e.id = NEW.id WHERE i.enterprise_id = NEW.id"));
        END
        """,
    ]

    /// Statement triggers over transition tables: a bulk statement updates each group once.
    static let postgresTriggers = [
        """
        CREATE FUNCTION monthly_figures_from_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('DELETE', 'UPDATE') THEN
            \(upsert(sign: "-1", from: "old_rows i JOIN enterprises e ON e.id = i.enterprise_id"));
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            \(upsert(sign: "1", from: "new_rows i JOIN enterprises e ON e.id = i.enterprise_id"));
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER monthly_figures_indicator_insert AFTER INSERT ON enterprise_indicators REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_figures_from_indicators()",
        "CREATE TRIGGER monthly_figures_indicator_update AFTER UPDATE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_figures_from_indicators()",
        "CREATE TRIGGER monthly_figures_indicator_delete AFTER DELETE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_figures_from_indicators()",
        """
        CREATE FUNCTION monthly_figures_from_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          -- Only enterprises whose group changed carry their months across.
          \(upsert(sign: "-1", from: "old_rows e JOIN new_rows n ON n.id = e.id JOIN enterprise_indicators i ON i.enterprise_id = e.id WHERE (e.unit_id, e.industry_code, e.above_scale, e.active) IS DISTINCT FROM (n.unit_id, n.industry_code, n.above_scale, n.active)"));
          \(upsert(sign: "1", from: "new_rows e JOIN old_rows o ON o.id = e.id JOIN enterprise_indicators i ON i.enterprise_id = e.id WHERE (e.unit_id, e.industry_code, e.above_scale, e.active) IS DISTINCT FROM (o.unit_id, o.industry_code, o.above_scale, o.active)"));
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER monthly_figures_enterprise_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_figures_from_enterprises()",
    ]
}
