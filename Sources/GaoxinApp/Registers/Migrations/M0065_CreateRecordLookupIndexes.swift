import Fluent
import SQLKit

/// The lookups an import makes for each slice of a file, indexed (issue 11; each read the whole
/// table before, for every 500 rows):
/// - the records its keys name, archived ones included: a register's unique column is indexed
///   over active records only, so its archived records get a partial index of their own (what
///   `RegisterTable.create` now makes beside each unique index; `RegisterImport.recordsByKey`);
///   40 ms a slice beside 300,000 leads, a quarter of a lead import's time;
/// - the records its references name by name or code (`RegisterReferences.byName`): the name
///   columns of the registers other registers refer to, which nothing indexed — a project file
///   naming its leads read the 300,000 leads for every 500 rows.
/// A register whose table a later migration creates gets its indexes there (`IndexShapeTests`
/// checks every lookup's plan).
struct M0065_CreateRecordLookupIndexes: AsyncMigration {
    static let referenceNames = [("leads", "company_name"), ("projects", "name"), ("scenarios", "title"), ("patrols", "title"),
                                 ("policies", "document_number")]

    static func archivedColumns(on sql: any SQLDatabase) async throws -> [(table: String, column: String)] {
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
        for (table, column) in try await Self.archivedColumns(on: sql) { try await RegisterTable.archivedIndex(table, column, on: sql) }
        for (table, column) in Self.referenceNames {
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column) ON \(unsafeRaw: table) (\(unsafeRaw: column))").run()
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.referenceNames { try await sql.raw("DROP INDEX \(unsafeRaw: table)_\(unsafeRaw: column)").run() }
        for (table, column) in try await Self.archivedColumns(on: sql) {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: table)_\(unsafeRaw: column)_archived").run()
        }
    }
}
