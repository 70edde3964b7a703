import SQLKit

/// How many enterprises each unit holds, by industry division, status and scale: a roll-up of a
/// few thousand rows kept by triggers (`M0026_CreateEnterpriseCounts`), so the dashboard and the
/// register's usual totals are sums over it instead of counts over a million rows.
enum EnterpriseCounts {
    static let table = "enterprise_counts"

    /// Recounts from the enterprises (`gaoxin recompute`, a restore, the migration).
    static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM enterprise_counts").run()
        try await sql.raw("""
            INSERT INTO enterprise_counts (unit_id, division, active, above_scale, n)
            SELECT unit_id, substr(industry_code, 1, 2), active, above_scale, COUNT(*) FROM enterprises GROUP BY 1, 2, 3, 4
            """).run()
    }

    /// The dashboard's figures: enterprises in the register and those above scale, both active.
    static func activeTotals(on sql: any SQLDatabase) async throws -> (all: Int, aboveScale: Int) {
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS total,
                   CAST(COALESCE(SUM(CASE WHEN above_scale THEN n ELSE 0 END), 0) AS BIGINT) AS above
            FROM enterprise_counts WHERE active = \(bind: true)
            """).first()
        return (try row?.decode(column: "total", as: Int.self) ?? 0, try row?.decode(column: "above", as: Int.self) ?? 0)
    }
}
