import Fluent
import SQLKit

/// A cluster's figures, both paths (SPEC §2.3): `figures_source` on clusters; the top-down months
/// as the statistics bureau reports them (`cluster_reported_figures`); and the bottom-up roll-up
/// (`ClusterFigures`: `cluster_members`, `cluster_figures`) with the triggers that keep it.
struct M0028_CreateClusterFigures: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE clusters ADD COLUMN figures_source TEXT NOT NULL DEFAULT 'bottom_up'").run()
        try await database.schema("cluster_reported_figures")
            .field("id", .int64, .identifier(auto: true))
            .field("cluster_id", .int64, .required, .references("clusters", "id"))
            .field("period", .string, .required)
            .field("revenue", .int64, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "cluster_id", "period")
            .create()
        // Derived tables carry no foreign keys: a restore empties and refills them after the rest.
        try await sql.raw("CREATE TABLE cluster_members (cluster_id BIGINT NOT NULL, enterprise_id BIGINT NOT NULL, PRIMARY KEY (cluster_id, enterprise_id))").run()
        try await sql.raw("CREATE INDEX cluster_members_enterprise ON cluster_members (enterprise_id)").run()
        try await sql.raw("""
            CREATE TABLE cluster_figures (cluster_id BIGINT NOT NULL, period TEXT NOT NULL, reports BIGINT NOT NULL, revenue_reports BIGINT NOT NULL,
            revenue BIGINT NOT NULL, output_value BIGINT NOT NULL, tax BIGINT NOT NULL, rd_expense BIGINT NOT NULL,
            employees BIGINT NOT NULL, invention_patents BIGINT NOT NULL, PRIMARY KEY (cluster_id, period))
            """).run()
        let postgres = sql.dialect.name == "postgresql"
        for statement in Self.membershipTriggers(postgres: postgres) + (postgres ? Self.postgresFigureTriggers : Self.sqliteFigureTriggers) {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
        try await ClusterFigures.rebuild(on: sql)
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        let triggers = ["cluster_members_attach", "cluster_members_detach", "cluster_members_chain", "cluster_figures_member_insert",
                        "cluster_figures_member_delete"]
        if sql.dialect.name == "postgresql" {
            for name in triggers + ["cluster_figures_from_indicators", "cluster_figures_from_enterprises"] {
                try await sql.raw("DROP FUNCTION \(unsafeRaw: name)() CASCADE").run()
            }
        } else {
            for name in triggers + ["cluster_figures_indicator_insert", "cluster_figures_indicator_delete", "cluster_figures_indicator_update",
                                    "cluster_figures_enterprise_update"] {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
            }
        }
        try await sql.raw("DROP TABLE cluster_figures").run()
        try await sql.raw("DROP TABLE cluster_members").run()
        try await database.schema("cluster_reported_figures").delete()
        try await sql.raw("ALTER TABLE clusters DROP COLUMN figures_source").run()
    }

    // MARK: statements

    private static let columns = (["cluster_id", "period", "reports", "revenue_reports"] + MonthlyFigures.figures).joined(separator: ", ")
    private static let conflict = "ON CONFLICT (cluster_id, period) DO UPDATE SET reports = cluster_figures.reports + EXCLUDED.reports, "
        + (["revenue_reports"] + MonthlyFigures.figures).map { "\($0) = cluster_figures.\($0) + EXCLUDED.\($0)" }.joined(separator: ", ")

    /// Adds (`sign` 1) or takes away (-1) figure rows (alias i) for clusters (alias m, column
    /// cluster_id); `from` holds the joins and the WHERE that keeps members above scale and active.
    static func upsert(sign: String, from: String) -> String {
        let change = ["\(sign) * COUNT(*)", "\(sign) * COUNT(i.revenue)"] + MonthlyFigures.figures.map { "\(sign) * COALESCE(SUM(i.\($0)), 0)" }
        return """
        INSERT INTO cluster_figures (\(columns))
        SELECT m.cluster_id, i.period, \(change.joined(separator: ", "))
        FROM \(from) GROUP BY m.cluster_id, i.period
        \(conflict)
        """
    }

    /// The chains of active clusters' members, a node at a time. `active` is compared with TRUE so
    /// the same text runs on both engines (SQLite stores it as 1).
    private static let stillAttached = """
        SELECT 1 FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id JOIN chains c ON c.id = n.chain_id
        WHERE ne.enterprise_id = cluster_members.enterprise_id AND c.cluster_id = cluster_members.cluster_id AND c.active = TRUE
        """

    /// A trigger per row with `body` as its statements: SQLite's own form, or PostgreSQL's
    /// function and trigger (the statements read the same NEW/OLD in both).
    private static func rowTrigger(_ name: String, _ event: String, when: String? = nil, _ body: [String], postgres: Bool) -> [String] {
        if postgres {
            return [
                "CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n" + body.map { $0 + ";\n" }.joined() + "RETURN NULL;\nEND $$",
                "CREATE TRIGGER \(name) \(event) FOR EACH ROW" + (when.map { " WHEN (\($0))" } ?? "") + " EXECUTE FUNCTION \(name)()",
            ]
        }
        return ["CREATE TRIGGER \(name) \(event)" + (when.map { " WHEN \($0)" } ?? "") + " BEGIN\n" + body.map { $0 + ";\n" }.joined() + "END"]
    }

    /// Membership follows attachments and chains; figures follow membership. Row triggers on both
    /// engines: attachments are made by hand, a few at a time.
    static func membershipTriggers(postgres: Bool) -> [String] {
        rowTrigger("cluster_members_attach", "AFTER INSERT ON chain_node_enterprises", [
            """
            INSERT INTO cluster_members (cluster_id, enterprise_id)
            SELECT c.cluster_id, NEW.enterprise_id FROM chain_nodes n JOIN chains c ON c.id = n.chain_id WHERE n.id = NEW.node_id AND c.active = TRUE
            ON CONFLICT (cluster_id, enterprise_id) DO NOTHING
            """,
        ], postgres: postgres)
        + rowTrigger("cluster_members_detach", "AFTER DELETE ON chain_node_enterprises", [
            """
            DELETE FROM cluster_members WHERE enterprise_id = OLD.enterprise_id
            AND cluster_id IN (SELECT c.cluster_id FROM chain_nodes n JOIN chains c ON c.id = n.chain_id WHERE n.id = OLD.node_id)
            AND NOT EXISTS (\(stillAttached))
            """,
        ], postgres: postgres)
        + rowTrigger("cluster_members_chain", "AFTER UPDATE OF active, cluster_id ON chains", when: "OLD.active <> NEW.active OR OLD.cluster_id <> NEW.cluster_id", [
            "DELETE FROM cluster_members WHERE cluster_id IN (OLD.cluster_id, NEW.cluster_id) AND NOT EXISTS (\(stillAttached))",
            """
            INSERT INTO cluster_members (cluster_id, enterprise_id)
            SELECT DISTINCT c.cluster_id, ne.enterprise_id FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id
            JOIN chains c ON c.id = n.chain_id WHERE c.id = NEW.id AND c.active = TRUE
            ON CONFLICT (cluster_id, enterprise_id) DO NOTHING
            """,
        ], postgres: postgres)
        + rowTrigger("cluster_figures_member_insert", "AFTER INSERT ON cluster_members", [
            upsert(sign: "1", from: "enterprise_indicators i JOIN enterprises e ON e.id = i.enterprise_id JOIN (SELECT NEW.cluster_id AS cluster_id) m ON 1 = 1 WHERE i.enterprise_id = NEW.enterprise_id AND e.above_scale = TRUE AND e.active = TRUE"),
        ], postgres: postgres)
        + rowTrigger("cluster_figures_member_delete", "AFTER DELETE ON cluster_members", [
            upsert(sign: "-1", from: "enterprise_indicators i JOIN enterprises e ON e.id = i.enterprise_id JOIN (SELECT OLD.cluster_id AS cluster_id) m ON 1 = 1 WHERE i.enterprise_id = OLD.enterprise_id AND e.above_scale = TRUE AND e.active = TRUE"),
        ], postgres: postgres)
    }

    private static func row(_ alias: String) -> String {
        "(SELECT \(alias).enterprise_id AS enterprise_id, \(alias).period AS period, "
            + MonthlyFigures.figures.map { "\(alias).\($0) AS \($0)" }.joined(separator: ", ") + ")"
    }

    private static func memberRows(_ alias: String) -> String {
        "\(row(alias)) i JOIN cluster_members m ON m.enterprise_id = i.enterprise_id JOIN enterprises e ON e.id = i.enterprise_id WHERE e.above_scale = TRUE AND e.active = TRUE"
    }

    /// An enterprise's months move with it when it enters or leaves 规上/active (`from` the old
    /// state, to the new).
    private static func counted(_ alias: String) -> String { "(\(alias).above_scale = TRUE AND \(alias).active = TRUE)" }

    static let sqliteFigureTriggers: [String] = [
        "CREATE TRIGGER cluster_figures_indicator_insert AFTER INSERT ON enterprise_indicators BEGIN\n\(upsert(sign: "1", from: memberRows("NEW")));\nEND",
        "CREATE TRIGGER cluster_figures_indicator_delete AFTER DELETE ON enterprise_indicators BEGIN\n\(upsert(sign: "-1", from: memberRows("OLD")));\nEND",
        "CREATE TRIGGER cluster_figures_indicator_update AFTER UPDATE ON enterprise_indicators BEGIN\n\(upsert(sign: "-1", from: memberRows("OLD")));\n\(upsert(sign: "1", from: memberRows("NEW")));\nEND",
        """
        CREATE TRIGGER cluster_figures_enterprise_update AFTER UPDATE OF above_scale, active ON enterprises WHEN \(counted("OLD")) <> \(counted("NEW")) BEGIN
        \(upsert(sign: "-1", from: "enterprise_indicators i JOIN cluster_members m ON m.enterprise_id = i.enterprise_id WHERE i.enterprise_id = OLD.id AND \(counted("OLD"))"));
        \(upsert(sign: "1", from: "enterprise_indicators i JOIN cluster_members m ON m.enterprise_id = i.enterprise_id WHERE i.enterprise_id = NEW.id AND \(counted("NEW"))"));
        END
        """,
    ]

    /// Statement triggers over transition tables: a bulk import updates each cluster-month once.
    static let postgresFigureTriggers: [String] = [
        """
        CREATE FUNCTION cluster_figures_from_indicators() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('DELETE', 'UPDATE') THEN
            \(upsert(sign: "-1", from: "old_rows i JOIN cluster_members m ON m.enterprise_id = i.enterprise_id JOIN enterprises e ON e.id = i.enterprise_id WHERE e.above_scale AND e.active"));
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            \(upsert(sign: "1", from: "new_rows i JOIN cluster_members m ON m.enterprise_id = i.enterprise_id JOIN enterprises e ON e.id = i.enterprise_id WHERE e.above_scale AND e.active"));
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER cluster_figures_indicator_insert AFTER INSERT ON enterprise_indicators REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cluster_figures_from_indicators()",
        "CREATE TRIGGER cluster_figures_indicator_update AFTER UPDATE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cluster_figures_from_indicators()",
        "CREATE TRIGGER cluster_figures_indicator_delete AFTER DELETE ON enterprise_indicators REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cluster_figures_from_indicators()",
        """
        CREATE FUNCTION cluster_figures_from_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          \(upsert(sign: "-1", from: "old_rows o JOIN new_rows n ON n.id = o.id JOIN cluster_members m ON m.enterprise_id = o.id JOIN enterprise_indicators i ON i.enterprise_id = o.id WHERE \(counted("o")) AND NOT \(counted("n"))"));
          \(upsert(sign: "1", from: "new_rows n JOIN old_rows o ON o.id = n.id JOIN cluster_members m ON m.enterprise_id = n.id JOIN enterprise_indicators i ON i.enterprise_id = n.id WHERE \(counted("n")) AND NOT \(counted("o"))"));
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER cluster_figures_enterprise_update AFTER UPDATE ON enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cluster_figures_from_enterprises()",
    ]
}
