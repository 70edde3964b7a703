import Fluent
import FluentSQLiteDriver
import SQLKit
import Vapor

/// What `req.db` is on SQLite: each statement goes to the least busy of several connections on the
/// request's event loop; a transaction or `withConnection` pins one (`SQLitePinnedConnection`).
struct SQLiteRoutingDatabase: Database, SQLDatabase {
    let databases: [any Database]
    let load: SQLiteLoad
    let context: DatabaseContext

    var inTransaction: Bool { false }

    /// Runs `body` on the least busy connection, holding it, and prepares it on its first use.
    func using<T>(_ body: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let index = load.acquire()
        let loop = context.eventLoop
        let asked = DispatchTime.now().uptimeNanoseconds
        let timing = RequestTiming.current
        return databases[index].withConnection { connection in
            let granted = DispatchTime.now().uptimeNanoseconds
            OperatorMetrics.connectionWait(nanoseconds: granted - asked, engine: "sqlite")
            let work: EventLoopFuture<T>
            if self.load.isPrepared(driver: index, loop: loop) {
                work = body(connection)
            } else {
                work = connection.eventLoop.makeFutureWithTask { try await SQLiteConnectionSetup.prepare(connection, mmapBytes: self.load.mmapBytes) }
                    .flatMap {
                        self.load.markPrepared(driver: index, loop: loop)
                        return body(connection)
                    }
            }
            // A statement waiting for SQLite's write lock (the busy timeout) counts as running.
            return work.always { _ in timing?.record(waitNanoseconds: granted - asked, runNanoseconds: DispatchTime.now().uptimeNanoseconds - granted) }
        }.always { _ in self.load.release(index) }
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        using { $0.execute(query: query, onOutput: onOutput) }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        using { $0.execute(schema: schema) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        using { $0.execute(enum: `enum`) }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        using { SQLitePinnedConnection(connection: $0, inTransaction: false).transaction(closure) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        using { closure(SQLitePinnedConnection(connection: $0, inTransaction: false)) }
    }

    // MARK: SQLDatabase

    var logger: Logger { context.logger }
    var eventLoop: any EventLoop { context.eventLoop }
    var dialect: any SQLDialect { (databases[0] as! any SQLDatabase).dialect }
    var version: (any SQLDatabaseReportedVersion)? { (databases[0] as! any SQLDatabase).version }
    var queryLogLevel: Logger.Level? { (databases[0] as! any SQLDatabase).queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        using { ($0 as! any SQLDatabase).execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await withConnection { connection in
            connection.eventLoop.makeFutureWithTask { try await closure(connection as! any SQLDatabase) }
        }.get()
    }
}

extension SQLiteRoutingDatabase: SQLiteRowSource {
    func sqliteRows(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow] {
        try await using { ($0 as! any SQLiteDatabase).query(sql, binds) }.get()
    }
}
