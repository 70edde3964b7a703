import Fluent
import SQLKit

/// `rollup_deferrals`, and SQLite's roll-up triggers on `enterprise_indicators` made to stand
/// aside while it holds a row: a bulk write of monthly figures (`StagedFigures`) puts one there
/// inside its own transaction, applies the roll-ups itself with one grouped statement per slice,
/// and takes the row away before it commits — so no other connection ever sees it. Row triggers
/// took 14 of the 15 s a single `INSERT` of 600,000 months took. PostgreSQL's triggers are
/// statement triggers already (one grouped update per statement); there the table stays empty.
struct M0055_UpdateIndicatorTriggersDeferrable: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE \(unsafeRaw: StagedFigures.deferrals) (id BIGINT PRIMARY KEY)").run()
        guard sql.dialect.name != "postgresql" else { return }
        for (name, statement) in Self.indicatorTriggers {
            try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
            try await sql.raw(SQLQueryString(stringLiteral: Self.deferrable(statement))).run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name != "postgresql" {
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

    static func deferrable(_ trigger: String) -> String {
        let marker = " ON enterprise_indicators BEGIN"
        precondition(trigger.contains(marker), "a figure-row trigger without a WHEN clause")
        return trigger.replacingOccurrences(of: marker, with: " ON enterprise_indicators WHEN NOT EXISTS (SELECT 1 FROM \(StagedFigures.deferrals)) BEGIN")
    }
}
