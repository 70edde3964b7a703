import SQLKit

/// Runs a roll-up's trigger statements for the engine at hand: SQLite's row triggers or
/// PostgreSQL's statement triggers (with their functions), each given as whole statements.
enum EngineTriggers {
    static func install(sqlite: [String], postgres: [String], on sql: any SQLDatabase) async throws {
        for statement in sql.dialect.name == "postgresql" ? postgres : sqlite {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }
}
