import Fluent
import SQLKit

/// The orders the lead and project lists offer, indexed at province scale (300,000 leads, 100,000
/// projects): by amount — a lead's estimated investment, a project's total — each sorted the
/// whole table for a page on SQLite (leads 30–78 ms, projects 16–39 ms); and on PostgreSQL the
/// descending orders of the nullable columns (the project list's default, newest signed first;
/// the dates due; the amounts), which a b-tree read backwards gives with NULLs first, so
/// `DESC NULLS LAST` sorted the table (M0033 did the same for the enterprises' revenue).
/// SQLite reads `DESC NULLS LAST` backwards off the ascending index (NULLs sort lowest there).
struct M0064_CreateAttractionSortIndexes: AsyncMigration {
    static let amounts = [("leads", "estimated_investment"), ("projects", "total_investment")]
    static let descendingOnPostgres = amounts + [("projects", "signed_on"), ("projects", "next_due_on"), ("leads", "next_step_on")]

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.amounts {
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column) ON \(unsafeRaw: table) (\(unsafeRaw: column), id)").run()
        }
        guard sql.dialect.name == "postgresql" else { return }
        for (table, column) in Self.descendingOnPostgres {
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column)_desc ON \(unsafeRaw: table) (\(unsafeRaw: column) DESC NULLS LAST, id)").run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            for (table, column) in Self.descendingOnPostgres { try await sql.raw("DROP INDEX \(unsafeRaw: table)_\(unsafeRaw: column)_desc").run() }
        }
        for (table, column) in Self.amounts { try await sql.raw("DROP INDEX \(unsafeRaw: table)_\(unsafeRaw: column)").run() }
    }
}
