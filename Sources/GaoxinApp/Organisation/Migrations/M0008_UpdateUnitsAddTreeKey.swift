import Fluent
import GaoxinDomain
import SQLKit

/// A display-order key for the tree (see `UnitTreeKey`), backfilled for existing units.
struct M0008_UpdateUnitsAddTreeKey: AsyncMigration {
    struct Row: Decodable { var id: Int; var parentId: Int?; var sortOrder: Int }

    func prepare(on database: Database) async throws {
        try await database.schema("units").field("tree_key", .string).update()
        let sql = database as! any SQLDatabase
        let rows = try await sql.select().columns("id", "parent_id", "sort_order").from("units").orderBy("path")
            .all(decoding: Row.self, with: SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase))
        var keys: [Int: String] = [:]
        // Parents before children: a parent's path is a prefix of its children's, so it sorts first.
        for row in rows {
            let key = UnitTreeKey.key(parentKey: row.parentId.flatMap { keys[$0] }, sortOrder: row.sortOrder, id: row.id)
            keys[row.id] = key
            try await sql.update("units").set("tree_key", to: key).where("id", .equal, row.id).run()
        }
        try await sql.raw("CREATE INDEX units_tree_key ON units (tree_key)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX units_tree_key").run()
        try await database.schema("units").deleteField("tree_key").update()
    }
}
