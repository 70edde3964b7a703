import Fluent
import GaoxinDomain
import SQLKit

/// Units, users, enterprises and clusters sort by name in pinyin order, as declared registers do:
/// a `name_sort` column (the name's `PinyinSortKey`), filled for the rows that exist, indexed with
/// `id`, and kept by `PinyinNameMiddleware` on every later write.
struct M0024_UpdateNamesAddPinyinSortKeys: AsyncMigration {
    static let tables: [(table: String, name: String)] = [("units", "name"), ("users", "display_name"), ("enterprises", "name"), ("clusters", "name")]

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, name) in Self.tables {
            try await database.schema(table).field("name_sort", .string).update()
            try await Self.backfill(table, name: name, on: sql)
            try await sql.raw("CREATE INDEX \(unsafeRaw: table)_name_sort ON \(unsafeRaw: table) (name_sort, id)").run()
        }
    }

    /// In id order, a thousand rows at a time, so a province-sized register never sits in memory.
    static func backfill(_ table: String, name: String, on sql: any SQLDatabase) async throws {
        var after = 0
        while true {
            let rows = try await sql.raw("""
                SELECT id, \(unsafeRaw: name) AS name FROM \(unsafeRaw: table) WHERE id > \(bind: after) ORDER BY id LIMIT 1000
                """).all()
            guard let last = rows.last else { return }
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                let key = PinyinSortKey.key(for: try row.decode(column: "name", as: String.self))
                try await sql.update(table).set("name_sort", to: SQLBind(key)).where("id", .equal, SQLBind(id)).run()
            }
            after = try last.decode(column: "id", as: Int.self)
        }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, _) in Self.tables {
            try await sql.raw("DROP INDEX \(unsafeRaw: table)_name_sort").run()
            try await database.schema(table).deleteField("name_sort").update()
        }
    }
}
