import Fluent
import SQLKit

/// Every declared register's reference column is indexed: a record page gathers what points at it
/// (`RegisterBacklinks`) and a list filters by it, and a cluster reads what points at its member
/// enterprises. Three were not, so a cluster page scanned every lead (300,000 at province scale)
/// once per page view; `IndexShapeTests` now holds the rule for every register.
struct M0053_CreateReferenceIndexes: AsyncMigration {
    static let indexes = [("leads", "enterprise_id"), ("leads", "target_company_id"), ("parks", "board_id")]

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column) ON \(unsafeRaw: table) (\(unsafeRaw: column))").run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.indexes { try await sql.raw("DROP INDEX \(unsafeRaw: table)_\(unsafeRaw: column)").run() }
    }
}
