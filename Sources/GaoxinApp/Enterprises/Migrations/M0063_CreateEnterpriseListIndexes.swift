import Fluent
import SQLKit

/// The enterprise list's filters and orders at a million rows, indexed (BENCHMARKS.md, "Every
/// filter and sort of the enterprise list").
///
/// Partial indexes over the enterprises that hold a rare value, so that the list's filters on
/// them are read off an index instead of testing a million rows: a tier (链主, 骨干 …: a few
/// hundred or thousand of a province's enterprises; `tier = ?` implies `tier IS NOT NULL` on both
/// engines) and the struck-off ones (`active = FALSE`, as the flag filter writes it). Each keeps
/// its rows in name order, the list's default. At 1,150,000 enterprises without them:
/// `tier=chainLeader` 168 ms, `active=0` 88 ms (each a scan of the table).
///
/// And the industry index orders each code's rows by name (`industry_code, name_sort, id`, as
/// M0062 did for the unit): one industry's page in name order comes straight off it
/// (`ListDefinition.nameOrderIndexes`), where its 15,000 rows were fetched and sorted (17 ms) or
/// the name order walked for them (59 ms, an industry's names cluster: 特钢, 纺织 …).
///
/// And the list's orders by 规上 and by tier each have an index per direction, over the
/// expressions the list sorts by (`EnterpriseList.scaleOrder`, `RegisterList.choiceOrder`) so
/// no filter on the columns takes them for a lookup: each sorted the whole table for a page
/// (430–560 ms at a million enterprises on SQLite).
struct M0063_CreateEnterpriseListIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX enterprises_tier ON enterprises (tier, name_sort, id) WHERE tier IS NOT NULL").run()
        try await sql.raw("CREATE INDEX enterprises_struck_off ON enterprises (name_sort, id) WHERE active = FALSE").run()
        try await sql.raw("CREATE INDEX enterprises_industry_name ON enterprises (industry_code, name_sort, id)").run()
        try await sql.raw("DROP INDEX enterprises_industry").run()
        for (name, expression, direction) in Self.scaleOrders {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON enterprises ((\(unsafeRaw: expression))\(unsafeRaw: direction), id)").run()
        }
        // The tier's pair, as every declared choice order's (`indexedChoiceOrders`, M0066).
        for index in RegisterTable.choiceOrderIndexes(.enterprises) { try await sql.raw("\(unsafeRaw: index.create)").run() }
    }

    /// The 规上 sort expression as the list writes it (without its `r.` alias) and the direction
    /// each index serves, the tie-breaker ascending either way.
    static let scaleOrders = [
        ("enterprises_scale_order", "CASE WHEN above_scale THEN 1 ELSE 0 END", ""),
        ("enterprises_scale_order_desc", "CASE WHEN above_scale THEN 1 ELSE 0 END", " DESC"),
    ]

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for index in RegisterTable.choiceOrderIndexes(.enterprises) { try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
        for (name, _, _) in Self.scaleOrders { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
        try await sql.raw("CREATE INDEX enterprises_industry ON enterprises (industry_code)").run()
        try await sql.raw("DROP INDEX enterprises_industry_name").run()
        try await sql.raw("DROP INDEX enterprises_struck_off").run()
        try await sql.raw("DROP INDEX enterprises_tier").run()
    }
}
