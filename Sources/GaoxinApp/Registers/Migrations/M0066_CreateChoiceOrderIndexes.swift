import Fluent
import SQLKit

/// The choice orders the large registers declare indexed (`indexedChoiceOrders`: a lead's or a
/// project's stage, a project's level), one index a direction (`RegisterTable.choiceOrderIndexes`).
/// The enterprises' tier pair is M0063's (made by the same builder), so it is left to M0063's revert.
struct M0066_CreateChoiceOrderIndexes: AsyncMigration {
    static func indexes(on sql: any SQLDatabase) async throws -> [(name: String, create: String)] {
        var found: [(name: String, create: String)] = []
        for declaration in Registers.declared where declaration.table != Enterprise.schema {
            guard try await M0060_CreateSearchFilings.tableExists(declaration.table, on: sql) else { continue }
            found += RegisterTable.choiceOrderIndexes(declaration)
        }
        return found
    }

    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for index in try await Self.indexes(on: sql) { try await sql.raw("\(unsafeRaw: index.create)").run() }
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        for index in try await Self.indexes(on: sql) { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run() }
    }
}
