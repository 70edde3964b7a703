import Fluent
import GaoxinDomain
import SQLKit

/// Units became a declared register (`RegisterDeclaration.units`): its list searches the postings,
/// so the units that exist are filed there (name and code, the declaration's searchable fields at
/// this migration); later writes file their own. Filed unit by unit, as M0056 files clusters: a
/// partial rebuild would copy every other register's postings.
struct M0057_UpdateUnitsDeclared: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        struct Row: Decodable { let id: Int; let name: String; let code: String?; let name_sort: String? }
        let units = try await sql.raw("SELECT id, name, code, name_sort FROM units ORDER BY id").all(decoding: Row.self)
        try await SearchIndex.insert("units", units.map {
            SearchIndex.Filed(id: $0.id, sortKey: $0.name_sort ?? PinyinSortKey.key(for: $0.name), texts: [$0.name, $0.code])
        }, on: sql)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM search_grams WHERE tbl = 'units'").run()
    }
}
