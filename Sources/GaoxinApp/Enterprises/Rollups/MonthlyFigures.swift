import SQLKit

/// The enterprises' monthly figures summed per month, unit, industry (4-digit code), scale and
/// status: a roll-up of some hundred thousand rows at province scale instead of 36 million, kept by
/// triggers on the figures and on the enterprises (`M0027_CreateMonthlyFigures`), so analytics that
/// read a zone's totals (the regions × industries matrix) never sum raw rows.
///
/// `reports` counts the figure rows of the group, `revenue_reports` those with a revenue; the sums
/// treat a missing figure as 0.
enum MonthlyFigures {
    static let table = "monthly_figures"
    /// The figures summed, as columns of both `enterprise_indicators` and the roll-up.
    static let figures = ["revenue", "output_value", "tax", "rd_expense", "employees", "invention_patents"]
    /// The group's key, as columns of the roll-up.
    static let key = ["period", "unit_id", "industry_code", "above_scale", "active"]

    /// Enterprises summed by one statement of a rebuild.
    static let enterprisesPerStatement = 20_000

    /// Resums from the raw rows (`gaoxin recompute`, a restore, the migration), a range of
    /// enterprises at a time: each range's figures are read through the (enterprise, period) key
    /// and grouped, and the groups added into the roll-up (a group spans ranges). No statement sorts
    /// 36 million rows at once. Month by month through the (period, enterprise) index took 30.5 s
    /// for 13 months at province scale, each month's rows read from the table at random
    /// (BENCHMARKS.md).
    /// PostgreSQL sums everything in one statement by default (hash join and hash aggregate over
    /// all rows: 12.9 s for 13 million rows, where the ranges took 79.7 s); a test gives it ranges too.
    static func rebuild(on sql: any SQLDatabase, enterprisesPerStatement: Int? = nil) async throws {
        try await sql.raw("DELETE FROM monthly_figures").run()
        let last = try await sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM enterprises").first(decodingColumn: "n", as: Int.self) ?? 0
        let enterprisesPerStatement = enterprisesPerStatement ?? (sql.dialect.name == "postgresql" ? max(last, 1) : Self.enterprisesPerStatement)
        let columns = (key + ["reports", "revenue_reports"] + figures).joined(separator: ", ")
        let sums = figures.map { "COALESCE(SUM(i.\($0)), 0)" }.joined(separator: ", ")
        let added = (["reports", "revenue_reports"] + figures).map { "\($0) = monthly_figures.\($0) + EXCLUDED.\($0)" }.joined(separator: ", ")
        for low in stride(from: 0, to: last, by: max(1, enterprisesPerStatement)) {
            try await sql.raw("""
                INSERT INTO monthly_figures (\(unsafeRaw: columns))
                SELECT i.period, e.unit_id, e.industry_code, e.above_scale, e.active, COUNT(*), COUNT(i.revenue), \(unsafeRaw: sums)
                FROM enterprises e JOIN enterprise_indicators i ON i.enterprise_id = e.id
                WHERE e.id > \(bind: low) AND e.id <= \(bind: low + enterprisesPerStatement)
                GROUP BY i.period, e.unit_id, e.industry_code, e.above_scale, e.active
                ON CONFLICT (\(unsafeRaw: key.joined(separator: ", "))) DO UPDATE SET \(unsafeRaw: added)
                """).run()
        }
    }
}
