import SQLKit

/// Each enterprise's revenue over the twelve calendar months ending with its latest reported month
/// (`enterprise_recent_revenue`: the sum, that month and how many of the twelve reported revenue),
/// kept by triggers on `enterprise_indicators` (`M0033_CreateRecentRevenue`), so the enterprise
/// list shows and sorts 近 12 个月营收 without summing a million enterprises' months per request.
/// An enterprise that stopped reporting keeps its last twelve months, shown with the month they end.
enum RecentRevenue {
    static let table = "enterprise_recent_revenue"

    /// The first month of the twelve ending with the `YYYY-MM` in `period` (an SQL expression).
    static func windowStart(_ period: String, postgres: Bool) -> String {
        let index = "(CAST(substr(\(period), 1, 4) AS INTEGER) * 12 + CAST(substr(\(period), 6, 2) AS INTEGER) - 12)"
        return postgres
            ? "(lpad(CAST(\(index) / 12 AS TEXT), 4, '0') || '-' || lpad(CAST(\(index) % 12 + 1 AS TEXT), 2, '0'))"
            : "printf('%04d-%02d', \(index) / 12, \(index) % 12 + 1)"
    }

    /// The rows for the enterprises `scope` selects (an `enterprise_id IN (…)` condition on the
    /// figures, or nothing for all), after deleting theirs.
    static func refresh(_ scope: String?, postgres: Bool) -> [String] {
        let filter = scope.map { "WHERE enterprise_id IN (\($0))" } ?? ""
        return [
            "DELETE FROM enterprise_recent_revenue" + (scope.map { " WHERE enterprise_id IN (\($0))" } ?? ""),
            """
            INSERT INTO enterprise_recent_revenue (enterprise_id, through_period, revenue, months)
            SELECT i.enterprise_id, l.latest, CAST(COALESCE(SUM(i.revenue), 0) AS BIGINT), COUNT(i.revenue)
            FROM (SELECT enterprise_id, MAX(period) AS latest FROM enterprise_indicators \(filter) GROUP BY enterprise_id) l
            JOIN enterprise_indicators i ON i.enterprise_id = l.enterprise_id AND i.period >= \(windowStart("l.latest", postgres: postgres)) AND i.period <= l.latest
            GROUP BY i.enterprise_id, l.latest
            """,
        ]
    }

    /// From the figures as they are (`gaoxin recompute`, a restore, the migration).
    static func rebuild(on sql: any SQLDatabase) async throws {
        for statement in refresh(nil, postgres: sql.dialect.name == "postgresql") {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }
}
