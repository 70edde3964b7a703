import Foundation
import SQLKit

/// Many months of figures written as one set — an import's slice: the months go into a temporary
/// table, from there into `enterprise_indicators` with one `INSERT … SELECT … ON CONFLICT`, and
/// each roll-up (`MonthlyFigures`, `ClusterFigures`, `RecentRevenue`) changes by one grouped
/// statement. PostgreSQL's statement triggers do that for the one statement by themselves.
/// SQLite's are row triggers — 14 of the 15 s a single `INSERT` of 600,000 months took — so there
/// the write puts a row in `rollup_deferrals` (M0055: the triggers stand aside while it is there),
/// runs the roll-ups' own statements over the staged months, and takes the row away again, all in
/// the caller's transaction: no other connection ever sees the triggers stand aside. The
/// twelve-month revenue stands aside on both engines (on PostgreSQL while a transaction-local
/// setting is on), to be recomputed once per enterprise (`finish`), not once per slice. Callers
/// are inside a transaction: the import's.
enum StagedFigures {
    static let table = "figures_staged"
    static let deferrals = "rollup_deferrals"
    /// PostgreSQL's counterpart of `deferrals`: a setting local to the writing transaction.
    static let deferralSetting = "gaoxin.defer_recent_revenue"
    /// The enterprises written since the last `finish`, whose twelve-month revenue it recomputes.
    static let touched = "figures_touched"

    /// A month as it is to be stored: every figure, the ones the file lacked already taken from
    /// the stored month.
    struct Month {
        let enterpriseID: Int
        let period: String
        let input: IndicatorInput
    }

    static let columns = ["enterprise_id", "period"] + MonthlyFigures.figures

    /// Rows per staging statement on SQLite: 8 values each, under its limit on bound parameters.
    static let chunkSize = 1_000

    /// Writes `months` and moves the monthly and cluster roll-ups with them. Each enterprise's
    /// twelve-month revenue is recomputed now, or — `recentRevenueLater`, a file's slices — once
    /// for all the slices by `finish`: refreshed per slice, an enterprise reported in every month
    /// of a file was recomputed once per month (0.9 s per 50,000 enterprises, each slice).
    static func write(_ months: [Month], now: Date, recentRevenueLater: Bool = false, on sql: any SQLDatabase) async throws {
        guard !months.isEmpty else { return }
        let postgres = sql.dialect.name == "postgresql"
        let figures = MonthlyFigures.figures.map { "\($0) BIGINT" }.joined(separator: ", ")
        try await sql.raw("""
            CREATE TEMPORARY TABLE IF NOT EXISTS \(unsafeRaw: table) (enterprise_id BIGINT NOT NULL, period TEXT NOT NULL, \(unsafeRaw: figures),
            PRIMARY KEY (enterprise_id, period))
            """).run()
        try await createTouched(on: sql)
        try await empty(table, on: sql)
        try await insert(months, on: sql)
        let stored = MonthlyFigures.figures.joined(separator: ", ")
        let replaced = (MonthlyFigures.figures + ["updated_at"]).map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        // `WHERE TRUE`: SQLite reads an upsert's SELECT without a WHERE as a join's ON.
        let upsert: SQLQueryString = """
            INSERT INTO enterprise_indicators (enterprise_id, period, \(unsafeRaw: stored), updated_at)
            SELECT enterprise_id, period, \(unsafeRaw: stored), \(bind: now) FROM \(unsafeRaw: table) WHERE TRUE
            ON CONFLICT (enterprise_id, period) DO UPDATE SET \(unsafeRaw: replaced)
            """
        if postgres {
            // A setting local to the transaction, not a row: two imports' rows in one table would
            // make the second wait for the first's commit, and a setting cannot outlive its transaction.
            try await sql.raw("SELECT set_config(\(bind: deferralSetting), 'on', true)").run()
            try await sql.raw(upsert).run()
            try await sql.raw("SELECT set_config(\(bind: deferralSetting), 'off', true)").run()
        } else {
            try await sql.raw("INSERT INTO \(unsafeRaw: deferrals) (id) VALUES (1)").run()
            for statement in rollups(taking: true) { try await sql.raw(SQLQueryString(stringLiteral: statement)).run() }
            try await sql.raw(upsert).run()
            for statement in rollups(taking: false) { try await sql.raw(SQLQueryString(stringLiteral: statement)).run() }
            try await sql.raw("DELETE FROM \(unsafeRaw: deferrals)").run()
        }
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: touched) (enterprise_id) SELECT DISTINCT enterprise_id FROM \(unsafeRaw: table) WHERE TRUE
            ON CONFLICT (enterprise_id) DO NOTHING
            """).run()
        try await empty(table, on: sql)
        if !recentRevenueLater { try await finish(on: sql) }
    }

    /// Multi-row inserts on SQLite, `COPY … FROM STDIN` on PostgreSQL (`BulkInsert`).
    private static func insert(_ months: [Month], on sql: any SQLDatabase) async throws {
        let insertion = BulkInsert(into: table, columns: columns, rowsPerStatement: chunkSize)
        var values: [BulkValue] = []
        values.reserveCapacity(months.count * columns.count)
        for month in months {
            let input = month.input
            values += [BulkValue(month.enterpriseID), .text(month.period), BulkValue(input.revenue), BulkValue(input.outputValue),
                       BulkValue(input.tax), BulkValue(input.rdExpense), BulkValue(input.employees.map(Int64.init)),
                       BulkValue(input.inventionPatents.map(Int64.init))]
        }
        try await insertion.run(values, on: sql)
    }

    /// Recomputes the twelve-month revenue of every enterprise the writes since the last `finish`
    /// touched. A file's slices call it once, after the last slice, inside the import's transaction.
    static func finish(on sql: any SQLDatabase) async throws {
        try await createTouched(on: sql)
        let refresh = RecentRevenue.refresh("SELECT enterprise_id FROM \(touched)", postgres: sql.dialect.name == "postgresql")
        try await sql.raw(SQLQueryString(stringLiteral: refresh)).run()
        try await empty(touched, on: sql)
    }

    private static func createTouched(on sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE TEMPORARY TABLE IF NOT EXISTS \(unsafeRaw: touched) (enterprise_id BIGINT PRIMARY KEY)").run()
    }

    /// Empties a temporary table. On PostgreSQL by `TRUNCATE`: rows a transaction deletes stay in
    /// the table's file until it ends, so a file's slices, deleted one after another in the one
    /// transaction, would be read again by every later slice.
    private static func empty(_ temporary: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("\(unsafeRaw: sql.dialect.name == "postgresql" ? "TRUNCATE" : "DELETE FROM") \(unsafeRaw: temporary)").run()
    }

    /// The roll-ups' own statements over a set of figure rows (alias i): the stored months the
    /// staged ones replace taken away (`taking`), or the staged months added.
    static func rollups(taking: Bool) -> [String] {
        let rows = taking
            ? "enterprise_indicators i JOIN \(table) s ON s.enterprise_id = i.enterprise_id AND s.period = i.period"
            : "\(table) i"
        let sign = taking ? "-1" : "1"
        return [
            M0027_CreateMonthlyFigures.upsert(sign: sign, from: "\(rows) JOIN enterprises e ON e.id = i.enterprise_id WHERE TRUE"),
            M0028_CreateClusterFigures.upsert(sign: sign, from: "\(rows) JOIN cluster_members m ON m.enterprise_id = i.enterprise_id "
                                                + "JOIN enterprises e ON e.id = i.enterprise_id WHERE e.above_scale = TRUE AND e.active = TRUE"),
        ]
    }
}
