import Fluent
import SQLKit

/// Partial indexes over the enterprises that hold a rare value, so that the list's filters on
/// them are read off an index instead of testing a million rows: a tier (链主, 骨干 …: a few
/// hundred or thousand of a province's enterprises; `tier = ?` implies `tier IS NOT NULL` on both
/// engines) and the struck-off ones (`active = FALSE`, as the flag filter writes it). Each keeps
/// its rows in name order, the list's default. At 1,150,000 enterprises without them:
/// `tier=chainLeader` 168 ms, `active=0` 88 ms (each a scan of the table).
struct M0063_CreateEnterpriseRareValueIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX enterprises_tier ON enterprises (tier, name_sort, id) WHERE tier IS NOT NULL").run()
        try await sql.raw("CREATE INDEX enterprises_struck_off ON enterprises (name_sort, id) WHERE active = FALSE").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX enterprises_struck_off").run()
        try await sql.raw("DROP INDEX enterprises_tier").run()
    }
}
