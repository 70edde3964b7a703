import Fluent
import SQLKit

/// The search postings (`SearchIndex`): one row per table, gram and record with the record's name
/// sort key, the primary key in lookup order — a gram's postings in name order — (a clustered,
/// rowid-less table on SQLite), and an index by record for rewrites (since M0060 each record's
/// filing serves instead; this migration's rebuild, run with today's code, drops the index again).
/// Filled for the rows that exist (enterprises and the registers declared before it).
struct M0025_CreateSearchGrams: AsyncMigration {
    /// The registers whose tables exist at this migration (later ones are filed as they are written).
    static let registersBefore = ["policies", "funds", "platforms", "talents", "events", "promotion-organisations", "advisors", "certified-staff", "awards"]

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await SearchPostingsLoad.createTable(SearchIndex.table, on: sql)
        try await SearchPostingsLoad.createRecordIndex(on: sql)
        // A credit code is typed from its start or from its organisation code (the 9th character on,
        // as it is printed on licences): both are ranges on an index.
        try await sql.raw("CREATE INDEX enterprises_organisation_code ON enterprises (substr(credit_code, 9))").run()
        let registers = Registers.all.filter { Self.registersBefore.contains($0.key) }.map(SearchSource.register)
        try await SearchSource.rebuild([.enterprises] + registers, on: sql)
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX enterprises_organisation_code").run()
        try await (database as! any SQLDatabase).raw("DROP TABLE search_grams").run()
    }
}
