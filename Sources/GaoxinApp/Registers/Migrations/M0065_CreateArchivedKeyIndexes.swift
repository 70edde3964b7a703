import Fluent
import SQLKit

/// The archived records of every declared register's unique columns, indexed (what
/// `RegisterTable.create` now makes with each unique index): an import finds the records its
/// keys name, archived ones included, and that lookup read the whole table for each slice of a
/// file — 40 ms a slice beside 300,000 leads, a quarter of a lead import's time. A register whose
/// table a later migration creates gets its index there.
struct M0065_CreateArchivedKeyIndexes: AsyncMigration {
    static func columns(on sql: any SQLDatabase) async throws -> [(table: String, column: String)] {
        var found: [(table: String, column: String)] = []
        for declaration in Registers.all where try await M0060_CreateSearchFilings.tableExists(declaration.table, on: sql) {
            for field in declaration.fields where field.unique && !field.uniqueAmongAll && field.uniqueWithin == nil {
                found.append((declaration.table, field.column))
            }
        }
        return found
    }

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in try await Self.columns(on: sql) { try await RegisterTable.archivedIndex(table, column, on: sql) }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in try await Self.columns(on: sql) {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: table)_\(unsafeRaw: column)_archived").run()
        }
    }
}
