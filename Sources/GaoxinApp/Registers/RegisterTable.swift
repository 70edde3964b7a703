import Fluent
import SQLKit

/// The storage every declared register shares: a table with `id`, `active`, `name_sort` (the
/// name's pinyin key, indexed, so lists sort in pinyin order on both engines) and timestamps,
/// plus the register's own columns as its migration lists them; and one `register_links` table
/// for several-valued references. Unique fields get a partial unique index over active records.
enum RegisterTable {
    static func create(_ table: String, on database: Database, unique: [String] = [], indexed: [String] = [],
                       columns: (SchemaBuilder) -> SchemaBuilder) async throws {
        let builder = database.schema(table)
            .field("id", .int64, .identifier(auto: true))
            .field("active", .bool, .required)
            .field("name_sort", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
        try await columns(builder).create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX \(unsafeRaw: table)_name_sort ON \(unsafeRaw: table) (name_sort, id)").run()
        for column in indexed {
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_\(unsafeRaw: column) ON \(unsafeRaw: table) (\(unsafeRaw: column))").run()
        }
        for column in unique {
            try await sql.raw("CREATE UNIQUE INDEX \(unsafeRaw: table)_\(unsafeRaw: column)_unique ON \(unsafeRaw: table) (\(unsafeRaw: column)) WHERE active").run()
            try await archivedIndex(table, column, on: sql)
        }
    }

    /// The archived records of a unique column, indexed: with the unique index over the active
    /// ones, every record by its value (an import finds the records its keys name, archived ones
    /// included, `RegisterImport.recordsByKey`). Archived records are few, so it costs little.
    static func archivedIndex(_ table: String, _ column: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: table)_\(unsafeRaw: column)_archived ON \(unsafeRaw: table) (\(unsafeRaw: column)) WHERE NOT active").run()
    }

    /// The indexes a register's `indexedChoiceOrders` are read off: one a direction over the very
    /// expression the list orders by (`RegisterList.choiceOrder`; SQLite uses an expression index
    /// only for the same expression), the id after it as the list's tie-breaker. A change to a
    /// field's choices changes the expression: its indexes are then made again by a migration.
    static func choiceOrderIndexes(_ declaration: RegisterDeclaration) -> [(name: String, create: String)] {
        declaration.indexedChoiceOrders.compactMap(declaration.field).flatMap { field -> [(name: String, create: String)] in
            guard let order = RegisterList.choiceOrder(field, alias: "") else { return [] }
            let name = "\(declaration.table)_\(field.column)_order"
            return [(name, "CREATE INDEX IF NOT EXISTS \(name) ON \(declaration.table) ((\(order.ascending)), id)"),
                    (name + "_desc", "CREATE INDEX IF NOT EXISTS \(name)_desc ON \(declaration.table) ((\(order.descending)) DESC, id)")]
        }
    }

    static func createLinks(on database: Database) async throws {
        try await database.schema("register_links")
            .field("id", .int64, .identifier(auto: true))
            .field("register", .string, .required)
            .field("record_id", .int64, .required)
            .field("field", .string, .required)
            .field("target_id", .int64, .required)
            .field("position", .int64, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE UNIQUE INDEX register_links_record ON register_links (register, record_id, field, target_id)").run()
        try await sql.raw("CREATE INDEX register_links_target ON register_links (register, field, target_id)").run()
    }
}
