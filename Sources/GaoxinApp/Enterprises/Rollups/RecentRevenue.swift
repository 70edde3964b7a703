import SQLKit

/// Each enterprise's revenue over the twelve calendar months ending with its latest reported month
/// (`enterprise_recent_revenue`: one row per enterprise — the sum, that month and how many of the
/// twelve reported revenue; none reported: NULLs), kept by triggers (`M0033_CreateRecentRevenue`)
/// on `enterprise_indicators` and on `enterprises`, so the enterprise list shows and sorts
/// 近 12 个月营收 without summing a million enterprises' months per request. Every enterprise has
/// its row, so the list joins it (not an outer join) and a sort by revenue walks its index.
/// An enterprise that stopped reporting keeps its last twelve months, shown with the month they end.
enum RecentRevenue {
    static let table = "enterprise_recent_revenue"

    /// The first month of the twelve ending with the `YYYY-MM` in `period` (an SQL expression).
    static func windowStart(_ period: String, postgres: Bool) -> String {
        let index = "(CAST(substr(\(period), 1, 4) AS INTEGER) * 12 + CAST(substr(\(period), 6, 2) AS INTEGER) - 12)"
        // PostgreSQL's CAST fails on text that is not a month (SQLite's gives 0): every stored
        // period is one, but a restored archive is not trusted to be — such a row sums only itself.
        return postgres
            ? "(CASE WHEN \(period) ~ '^[0-9]{4}-[0-9]{2}$' THEN lpad(CAST(\(index) / 12 AS TEXT), 4, '0') || '-' || lpad(CAST(\(index) % 12 + 1 AS TEXT), 2, '0') ELSE \(period) END)"
            : "printf('%04d-%02d', \(index) / 12, \(index) % 12 + 1)"
    }

    /// Recomputes the rows of the enterprises `ids` selects (an SQL list or subquery): the latest
    /// month is one index seek, the sums at most twelve rows.
    static func refresh(_ ids: String, postgres: Bool) -> String {
        let latest = "(SELECT MAX(i.period) FROM enterprise_indicators i WHERE i.enterprise_id = enterprise_recent_revenue.enterprise_id)"
        let window = "FROM enterprise_indicators i WHERE i.enterprise_id = enterprise_recent_revenue.enterprise_id AND i.period <= \(latest) AND i.period >= \(windowStart(latest, postgres: postgres))"
        return """
            UPDATE enterprise_recent_revenue SET through_period = \(latest), revenue = (SELECT SUM(i.revenue) \(window)),
            months = (SELECT COUNT(i.revenue) \(window)) WHERE enterprise_id IN (\(ids))
            """
    }

    /// From the enterprises and figures as they are (`gaoxin recompute`, a restore, the migration):
    /// one grouped pass over the figures, not a lookup per enterprise.
    static func rebuild(on sql: any SQLDatabase) async throws {
        let postgres = sql.dialect.name == "postgresql"
        try await sql.raw("DELETE FROM enterprise_recent_revenue").run()
        try await sql.raw(SQLQueryString(stringLiteral: """
            INSERT INTO enterprise_recent_revenue (enterprise_id, through_period, revenue, months)
            SELECT e.id, w.latest, w.revenue, COALESCE(w.months, 0) FROM enterprises e LEFT JOIN (
                SELECT i.enterprise_id, l.latest, CAST(SUM(i.revenue) AS BIGINT) AS revenue, COUNT(i.revenue) AS months
                FROM (SELECT enterprise_id, MAX(period) AS latest FROM enterprise_indicators GROUP BY enterprise_id) l
                JOIN enterprise_indicators i ON i.enterprise_id = l.enterprise_id AND i.period <= l.latest AND i.period >= \(windowStart("l.latest", postgres: postgres))
                GROUP BY i.enterprise_id, l.latest) w ON w.enterprise_id = e.id
            """)).run()
    }
}
