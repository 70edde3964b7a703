import Fluent
import SQLKit

/// Serialises changes to the shape of the unit tree. On PostgreSQL a transaction-scoped advisory
/// lock (released at commit or rollback); on SQLite every transaction already holds the database's
/// one write lock from its start (`BEGIN IMMEDIATE`, `SQLitePinnedConnection`).
enum TreeLock {
    /// An arbitrary constant naming this lock among the application's advisory locks.
    static let key = 7_201_001

    static func acquire(on tx: Database) async throws {
        let sql = tx as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: key))").run()
    }
}
