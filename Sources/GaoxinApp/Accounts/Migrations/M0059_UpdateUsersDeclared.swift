import Fluent
import GaoxinDomain
import SQLKit

/// Users became a declared register (`RegisterDeclaration.users`): its list searches the postings,
/// so the users that exist are filed there (username and name, the declaration's searchable
/// fields at this migration); later writes file their own.
struct M0059_UpdateUsersDeclared: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        struct Row: Decodable { let id: Int; let username: String; let display_name: String; let name_sort: String? }
        let users = try await sql.raw("SELECT id, username, display_name, name_sort FROM users ORDER BY id").all(decoding: Row.self)
        try await SearchIndex.insert("users", users.map {
            SearchIndex.Filed(id: $0.id, sortKey: $0.name_sort ?? PinyinSortKey.key(for: $0.display_name), texts: [$0.username, $0.display_name])
        }, on: sql)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM search_grams WHERE tbl = 'users'").run()
    }
}
