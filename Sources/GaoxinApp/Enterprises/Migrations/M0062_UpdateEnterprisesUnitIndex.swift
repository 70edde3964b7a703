import Fluent
import SQLKit

/// The enterprises' unit index also orders each unit's rows by name (`unit_id, name_sort, id`):
/// one unit's first page in the list's default order is read straight off it. With `unit_id`
/// alone, SQLite either sorted a big unit's rows (a board's 11,000 enterprises: 34 ms) or walked
/// the whole name index testing each row's unit (8 ms for that board, more the fewer it holds);
/// the old index's lookups by unit are served by the new one's leading column. See
/// `ListDefinition.nameOrderIndexes`.
struct M0062_UpdateEnterprisesUnitIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX enterprises_unit_name ON enterprises (unit_id, name_sort, id)").run()
        try await sql.raw("DROP INDEX enterprises_unit").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX enterprises_unit ON enterprises (unit_id)").run()
        try await sql.raw("DROP INDEX enterprises_unit_name").run()
    }
}
