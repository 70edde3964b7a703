import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// One SQLite connection held for a transaction or a `withConnection` block. A transaction begins
/// `IMMEDIATE`: it takes the write lock before its first statement (waiting for it under the busy
/// timeout), so a transaction that reads and then writes cannot find its snapshot stale
/// (`SQLITE_BUSY_SNAPSHOT`) or deadlock with another writer. A transaction inside one joins it.
struct SQLitePinnedConnection: Database, SQLDatabase {
    let connection: any Database
    let inTransaction: Bool

    var context: DatabaseContext { connection.context }
    private var sql: any SQLDatabase { connection as! any SQLDatabase }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        connection.execute(query: query, onOutput: onOutput)
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { connection.execute(schema: schema) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { connection.execute(enum: `enum`) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        if inTransaction { return closure(self) }
        let transaction = SQLitePinnedConnection(connection: connection, inTransaction: true)
        let sql = self.sql
        return sql.raw("BEGIN IMMEDIATE TRANSACTION").run().flatMap {
            closure(transaction)
                .flatMap { value in sql.raw("COMMIT TRANSACTION").run().map { value } }
                .flatMapError { error in
                    sql.raw("ROLLBACK TRANSACTION").run().flatMapErrorThrowing { _ in () }.flatMapThrowing { throw error }
                }
        }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        closure(self)
    }

    // MARK: SQLDatabase

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var dialect: any SQLDialect { sql.dialect }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

extension SQLitePinnedConnection: SQLiteRowSource {
    func sqliteRows(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        try await (connection as! any SQLiteDatabase).query(sql, binds).get()
    }
}
