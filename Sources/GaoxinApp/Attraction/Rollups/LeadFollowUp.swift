import SQLKit

/// When each lead was last followed up (`lead_follow_up`: one row per lead — whether it is still
/// being worked, the day it was registered, and its latest active activity's day or, with none,
/// the registration day), kept by triggers (`M0037_CreateLeadFollowUp`) on `leads` and
/// `lead_activities`. The early warning's "no follow-up for N days" is then a range of one index
/// over the open leads, not a MAX over every lead's activities per request (1–1.5 s at 300,000
/// leads before; BENCHMARKS.md).
enum LeadFollowUp {
    static let table = "lead_follow_up"

    /// Stages in which a lead is still being worked (`LeadStage.isOpen`).
    static let openStages = "'lead', 'contacting', 'negotiating'"

    static func isOpen(_ lead: String) -> String {
        "CASE WHEN \(lead).active AND \(lead).stage IN (\(openStages)) THEN 1 ELSE 0 END"
    }

    /// `YYYY-MM-DD` (zone time) of a lead's `created_at` on either engine.
    static func registeredDay(_ lead: String, postgres: Bool) -> String {
        postgres ? "to_char(\(lead).created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')" : "date(\(lead).created_at, 'unixepoch', '+8 hours')"
    }

    /// Recomputes the last follow-up day of the leads `ids` selects (an SQL list or subquery): one
    /// index seek on (lead_id, active, occurred_on) each.
    static func refresh(_ ids: String) -> String {
        """
        UPDATE lead_follow_up SET last_on = COALESCE((SELECT MAX(a.occurred_on) FROM lead_activities a
            WHERE a.lead_id = lead_follow_up.lead_id AND a.active), registered_on) WHERE lead_id IN (\(ids))
        """
    }

    /// From the leads and activities as they are (the migration, a restore, `gaoxin recompute`).
    static func rebuild(on sql: any SQLDatabase) async throws {
        let postgres = sql.dialect.name == "postgresql"
        try await sql.raw("DELETE FROM lead_follow_up").run()
        try await sql.raw(SQLQueryString(stringLiteral: """
            INSERT INTO lead_follow_up (lead_id, is_open, registered_on, last_on)
            SELECT l.id, \(isOpen("l")), \(registeredDay("l", postgres: postgres)), COALESCE(m.last_on, \(registeredDay("l", postgres: postgres)))
            FROM leads l LEFT JOIN (SELECT lead_id, MAX(occurred_on) AS last_on FROM lead_activities WHERE active GROUP BY lead_id) m ON m.lead_id = l.id
            """)).run()
    }
}
