import Fluent
import SQLKit

/// `rollup_deferrals`, and the roll-up triggers on `enterprise_indicators` made to stand aside
/// while it holds a row: a bulk write of monthly figures (`StagedFigures`) puts one there inside
/// its own transaction, applies the roll-ups itself, and takes the row away before it commits —
/// so no other connection ever sees it. On SQLite every figure-row trigger stands aside (row
/// triggers took 14 of the 15 s a single `INSERT` of 600,000 months took); PostgreSQL's are
/// statement triggers already, and only the twelve-month revenue's stands aside — while the
/// transaction-local setting `gaoxin.defer_recent_revenue` is on (a row would make a second
/// import wait for the first) — so that a file's slices recompute it once per enterprise rather
/// than once per slice. There the table stays empty.
struct M0055_UpdateIndicatorTriggersDeferrable: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE \(unsafeRaw: StagedFigures.deferrals) (id BIGINT PRIMARY KEY)").run()
        guard sql.dialect.name != "postgresql" else {
            try await sql.raw(SQLQueryString(stringLiteral: Self.deferrableRecentRevenue)).run()
            return
        }
        for (name, statement) in Self.indicatorTriggers {
            try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
            try await sql.raw(SQLQueryString(stringLiteral: Self.deferrable(statement))).run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw(SQLQueryString(stringLiteral: Self.recentRevenueFunction.replacingOccurrences(of: "CREATE FUNCTION", with: "CREATE OR REPLACE FUNCTION"))).run()
        } else {
            for (name, statement) in Self.indicatorTriggers {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
                try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
            }
        }
        try await sql.raw("DROP TABLE \(unsafeRaw: StagedFigures.deferrals)").run()
    }

    /// The SQLite triggers on figure rows, by name, as the roll-ups' migrations made them.
    static var indicatorTriggers: [(name: String, statement: String)] {
        (M0027_CreateMonthlyFigures.sqliteTriggers + M0028_CreateClusterFigures.sqliteFigureTriggers + M0033_CreateRecentRevenue.sqliteTriggers)
            .filter { $0.components(separatedBy: " BEGIN")[0].hasSuffix(" ON enterprise_indicators") }
            .map { statement in
                let name = statement.split(separator: " ", maxSplits: 3)[2]
                return (String(name), statement)
            }
    }

    /// PostgreSQL's function behind the twelve-month revenue's statement triggers, as M0033 made it.
    static var recentRevenueFunction: String {
        M0033_CreateRecentRevenue.postgresTriggers.first { $0.hasPrefix("CREATE FUNCTION recent_revenue_from_indicators()") }!
    }

    static var deferrableRecentRevenue: String {
        let opening = "AS $$\nBEGIN\n"
        precondition(recentRevenueFunction.contains(opening), "the function's body opens as M0033 wrote it")
        return recentRevenueFunction
            .replacingOccurrences(of: "CREATE FUNCTION", with: "CREATE OR REPLACE FUNCTION")
            .replacingOccurrences(of: opening, with: opening + "  IF current_setting('\(StagedFigures.deferralSetting)', true) = 'on' THEN RETURN NULL; END IF;\n")
    }

    static func deferrable(_ trigger: String) -> String {
        let marker = " ON enterprise_indicators BEGIN"
        precondition(trigger.contains(marker), "a figure-row trigger without a WHEN clause")
        return trigger.replacingOccurrences(of: marker, with: " ON enterprise_indicators WHEN NOT EXISTS (SELECT 1 FROM \(StagedFigures.deferrals)) BEGIN")
    }
}
