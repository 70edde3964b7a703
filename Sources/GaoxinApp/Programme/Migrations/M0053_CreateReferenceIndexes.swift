import Fluent
import SQLKit

/// Every declared register's reference column is indexed: a record page gathers what points at it
/// (`RegisterBacklinks`) and a list filters by it, and a cluster reads what points at its member
/// enterprises. Three were not, so a cluster page scanned every lead (300,000 at province scale)
/// once per page view; `IndexShapeTests` now holds the rule for every register.
///
/// A reference most records leave empty (a lead's or project's enterprise, set once it lands) is
/// indexed over the records that have one (`WHERE … IS NOT NULL`): after ANALYZE, SQLite counts
/// the empty ones as one key (50,007 projects a key at province scale), takes the full index for
/// useless and scanned all 100,000 projects for each cluster page; the partial index holds only
/// real keys, and `x IN (…)` or `x = ?` implies `x IS NOT NULL` on both engines.
struct M0053_CreateReferenceIndexes: AsyncMigration {
    static let full = [("parks", "board_id")]
    static let partial = [("leads", "enterprise_id"), ("leads", "target_company_id"), ("projects", "enterprise_id")]

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.full {
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column) ON \(unsafeRaw: table) (\(unsafeRaw: column))").run()
        }
        // M0035 indexed a project's enterprise over every row.
        try await sql.raw("DROP INDEX projects_enterprise_id").run()
        for (table, column) in Self.partial {
            try await sql.raw("""
                CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column) ON \(unsafeRaw: table) (\(unsafeRaw: column)) WHERE \(unsafeRaw: column) IS NOT NULL
                """).run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.full + Self.partial { try await sql.raw("DROP INDEX \(unsafeRaw: table)_\(unsafeRaw: column)").run() }
        try await sql.raw("CREATE INDEX projects_enterprise_id ON projects (enterprise_id)").run()
    }
}
