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

    /// Resums from the raw rows (`gaoxin recompute`, a restore, the migration), one month at a time:
    /// each month's rows are read through the (period, enterprise) index and grouped alone, so no
    /// statement sorts 36 million rows at once.
    static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM monthly_figures").run()
        let periods = try await sql.raw("SELECT DISTINCT period FROM enterprise_indicators ORDER BY period").all()
            .map { try $0.decode(column: "period", as: String.self) }
        let sums = figures.map { "COALESCE(SUM(i.\($0)), 0)" }.joined(separator: ", ")
        for period in periods {
            try await sql.raw("""
                INSERT INTO monthly_figures (\(unsafeRaw: (key + ["reports", "revenue_reports"] + figures).joined(separator: ", ")))
                SELECT i.period, e.unit_id, e.industry_code, e.above_scale, e.active, COUNT(*), COUNT(i.revenue), \(unsafeRaw: sums)
                FROM enterprise_indicators i JOIN enterprises e ON e.id = i.enterprise_id
                WHERE i.period = \(bind: period)
                GROUP BY i.period, e.unit_id, e.industry_code, e.above_scale, e.active
                """).run()
        }
    }
}
