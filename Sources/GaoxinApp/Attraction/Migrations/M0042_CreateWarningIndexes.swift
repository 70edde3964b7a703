import Fluent
import SQLKit

/// The early warnings count every late project and every project behind its investment plan —
/// tens of thousands at province scale — so both counts read an index alone (BENCHMARKS.md,
/// issue 13): late projects by (next_due_on, active) (64 ms of row reads to 9 ms on SQLite —
/// not (active, …): without statistics SQLite takes an index led by `active` for any
/// `active = true` and walked every project that way for the target progress, 60 ms to 9 s);
/// the year's investment rows by (year, project_id, amounts…), with the few deactivated projects
/// excluded through the first index rather than a project lookup per row (36 ms to 15 ms). The
/// project id comes second so the progress totals, which join every row to its project, meet the
/// projects in id order (amounts second made them look projects up at random: twice as slow).
/// The warning's page of furthest-behind projects walks (year, completion_percent) from the
/// bottom instead of sorting every row behind plan (PostgreSQL: 94 ms to 35 ms).
struct M0042_CreateWarningIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX projects_due_active ON projects (next_due_on, active)").run()
        try await sql.raw("""
            CREATE INDEX project_investments_year_amounts
            ON project_investments (year, project_id, active, planned_amount, completed_amount, reported_through)
            """).run()
        try await sql.raw("CREATE INDEX project_investments_year_percent ON project_investments (year, completion_percent)").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX projects_due_active").run()
        try await sql.raw("DROP INDEX project_investments_year_amounts").run()
        try await sql.raw("DROP INDEX project_investments_year_percent").run()
    }
}
