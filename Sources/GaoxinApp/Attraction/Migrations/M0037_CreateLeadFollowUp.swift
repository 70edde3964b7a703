import Fluent
import SQLKit

/// `lead_follow_up` (`LeadFollowUp`): filled from the leads and activities that exist, then kept by
/// triggers — a lead added gets its row, a stage or deactivation changes whether it is open, an
/// activity added, corrected, deactivated or removed recomputes its lead's last day.
struct M0037_CreateLeadFollowUp: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE TABLE lead_follow_up (lead_id BIGINT PRIMARY KEY, is_open BIGINT NOT NULL, registered_on TEXT NOT NULL, last_on TEXT NOT NULL)
            """).run()
        try await LeadFollowUp.rebuild(on: sql)
        try await sql.raw("CREATE INDEX lead_follow_up_open_last ON lead_follow_up (is_open, last_on, lead_id)").run()
        try await EngineTriggers.install(sqlite: Self.sqliteTriggers, postgres: Self.postgresTriggers, on: sql)
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION lead_follow_up_from_leads() CASCADE").run()
            try await sql.raw("DROP FUNCTION lead_follow_up_from_activities() CASCADE").run()
        } else {
            for name in ["lead_insert", "lead_update", "lead_delete", "activity_insert", "activity_update", "activity_delete"] {
                try await sql.raw("DROP TRIGGER lead_follow_up_\(unsafeRaw: name)").run()
            }
        }
        try await sql.raw("DROP TABLE lead_follow_up").run()
    }

    private static let newRow = "INSERT INTO lead_follow_up (lead_id, is_open, registered_on, last_on)"

    static let sqliteTriggers = [
        """
        CREATE TRIGGER lead_follow_up_lead_insert AFTER INSERT ON leads BEGIN
          \(newRow) VALUES (NEW.id, \(LeadFollowUp.isOpen("NEW")), \(LeadFollowUp.registeredDay("NEW", postgres: false)), \(LeadFollowUp.registeredDay("NEW", postgres: false))) ON CONFLICT DO NOTHING;
          \(LeadFollowUp.refresh("NEW.id"));
        END
        """,
        "CREATE TRIGGER lead_follow_up_lead_update AFTER UPDATE OF stage, active ON leads BEGIN UPDATE lead_follow_up SET is_open = \(LeadFollowUp.isOpen("NEW")) WHERE lead_id = NEW.id; END",
        "CREATE TRIGGER lead_follow_up_lead_delete AFTER DELETE ON leads BEGIN DELETE FROM lead_follow_up WHERE lead_id = OLD.id; END",
        "CREATE TRIGGER lead_follow_up_activity_insert AFTER INSERT ON lead_activities BEGIN \(LeadFollowUp.refresh("NEW.lead_id")); END",
        "CREATE TRIGGER lead_follow_up_activity_update AFTER UPDATE OF lead_id, occurred_on, active ON lead_activities BEGIN \(LeadFollowUp.refresh("OLD.lead_id, NEW.lead_id")); END",
        "CREATE TRIGGER lead_follow_up_activity_delete AFTER DELETE ON lead_activities BEGIN \(LeadFollowUp.refresh("OLD.lead_id")); END",
    ]

    /// Statement triggers over transition tables: a bulk import recomputes each lead once.
    static let postgresTriggers = [
        """
        CREATE FUNCTION lead_follow_up_from_leads() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            \(newRow) SELECT n.id, \(LeadFollowUp.isOpen("n")), \(LeadFollowUp.registeredDay("n", postgres: true)), \(LeadFollowUp.registeredDay("n", postgres: true))
              FROM new_rows n ON CONFLICT DO NOTHING;
            \(LeadFollowUp.refresh("SELECT id FROM new_rows"));
          ELSIF TG_OP = 'UPDATE' THEN
            UPDATE lead_follow_up f SET is_open = \(LeadFollowUp.isOpen("n")) FROM new_rows n WHERE f.lead_id = n.id;
          ELSE
            DELETE FROM lead_follow_up WHERE lead_id IN (SELECT id FROM old_rows);
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER lead_follow_up_lead_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_follow_up_from_leads()",
        "CREATE TRIGGER lead_follow_up_lead_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_follow_up_from_leads()",
        "CREATE TRIGGER lead_follow_up_lead_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_follow_up_from_leads()",
        """
        CREATE FUNCTION lead_follow_up_from_activities() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            \(LeadFollowUp.refresh("SELECT lead_id FROM new_rows"));
          ELSIF TG_OP = 'DELETE' THEN
            \(LeadFollowUp.refresh("SELECT lead_id FROM old_rows"));
          ELSE
            \(LeadFollowUp.refresh("SELECT lead_id FROM new_rows UNION SELECT lead_id FROM old_rows"));
          END IF;
          RETURN NULL;
        END $$
        """,
        "CREATE TRIGGER lead_follow_up_activity_insert AFTER INSERT ON lead_activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_follow_up_from_activities()",
        "CREATE TRIGGER lead_follow_up_activity_update AFTER UPDATE ON lead_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_follow_up_from_activities()",
        "CREATE TRIGGER lead_follow_up_activity_delete AFTER DELETE ON lead_activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lead_follow_up_from_activities()",
    ]
}
