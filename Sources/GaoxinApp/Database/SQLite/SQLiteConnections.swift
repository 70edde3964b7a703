import Fluent
import FluentSQLiteDriver
import Foundation
import NIOPosix
import Vapor

/// SQLite with several connections per event loop, in WAL mode, so that readers never wait for a
/// writer: a request is not queued behind an import's transaction or another request's query.
///
/// FluentSQLiteDriver keeps exactly one connection per event loop (its `maxConnectionsPerEventLoop`
/// is ignored), sets no busy timeout (SQLiteNIO's busy handler retries at once, forever, spinning a
/// thread while another connection writes) and opens deferred transactions, which fail with
/// `SQLITE_BUSY_SNAPSHOT` when they read, another connection commits, and then they write. Rather
/// than fork the driver, this configuration holds several of its drivers (each one connection per
/// loop), sends each statement to the least busy of them, prepares each connection once
/// (`SQLiteConnectionSetup`) and runs transactions as `BEGIN IMMEDIATE` on one pinned connection
/// (`SQLitePinnedConnection`): writers queue for the write lock up front and never deadlock.
/// SQLite waits for a lock by sleeping in the thread that runs the statement, so the connections
/// get their own thread pool, a thread each: a writer waiting for the lock must not take the
/// thread the lock holder needs to finish (the application's pool has one thread per core).
struct SQLiteConnections: DatabaseConfiguration {
    let path: String
    /// Connections per event loop.
    let perEventLoop: Int
    let sqlLogLevel: Logger.Level?
    var middleware: [any AnyModelMiddleware] = []
    /// `PRAGMA mmap_size` of every connection (0: off).
    var mmapBytes = 0
    static let poolTimeoutSeconds = 30

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        let count = max(1, perEventLoop)
        var loops = 0
        for _ in databases.eventLoopGroup.makeIterator() { loops += 1 }
        let threads = NIOThreadPool(numberOfThreads: count * max(1, loops))
        threads.start()
        let own = Databases(threadPool: threads, on: databases.eventLoopGroup)
        let drivers = (0..<count).map { _ in
            // A statement may queue behind a writer that waits up to the busy timeout for the lock:
            // it must not give up first (AsyncKit's default is 10 s, the busy timeout 15 s).
            DatabaseConfigurationFactory.sqlite(.file(path), connectionPoolTimeout: .seconds(Int64(Self.poolTimeoutSeconds)), sqlLogLevel: sqlLogLevel)
                .make().makeDriver(for: own)
        }
        return SQLiteConnectionsDriver(drivers: drivers, load: SQLiteLoad(count: count, mmapBytes: mmapBytes), threads: threads)
    }
}

struct SQLiteConnectionsDriver: DatabaseDriver {
    let drivers: [any DatabaseDriver]
    let load: SQLiteLoad
    let threads: NIOThreadPool

    func makeDatabase(with context: DatabaseContext) -> any Database {
        SQLiteRoutingDatabase(databases: drivers.map { $0.makeDatabase(with: context) }, load: load, context: context)
    }

    func shutdown() {
        drivers.forEach { $0.shutdown() }
        try? threads.syncShutdownGracefully()
    }

    func shutdownAsync() async {
        for driver in drivers { await driver.shutdownAsync() }
        try? await threads.shutdownGracefully()
    }
}

/// Work in flight per inner driver (statements and pinned transactions), for choosing the least
/// busy one, and which (driver, event loop) connections have been prepared.
final class SQLiteLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight: [Int]
    private var prepared = Set<Connection>()

    /// One driver's connection on one event loop (each driver keeps exactly one per loop).
    private struct Connection: Hashable {
        let driver: Int
        let loop: ObjectIdentifier
    }

    /// What each connection is prepared with (`SQLiteConnectionSetup`).
    let mmapBytes: Int

    init(count: Int, mmapBytes: Int = 0) {
        inFlight = Array(repeating: 0, count: count)
        self.mmapBytes = mmapBytes
    }

    /// Takes the least busy driver (the lowest index on a tie, so an idle server uses one connection).
    func acquire() -> Int {
        lock.lock(); defer { lock.unlock() }
        let index = inFlight.indices.min { inFlight[$0] < inFlight[$1] } ?? 0
        inFlight[index] += 1
        return index
    }

    func release(_ index: Int) {
        lock.lock(); defer { lock.unlock() }
        inFlight[index] -= 1
    }

    /// Whether the connection of `driver` on `loop` (each driver has one per loop) is prepared;
    /// asked while holding that connection, so no one else can use it before it is.
    func isPrepared(driver: Int, loop: any EventLoop) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return prepared.contains(Self.key(driver, loop))
    }

    func markPrepared(driver: Int, loop: any EventLoop) {
        lock.lock(); defer { lock.unlock() }
        prepared.insert(Self.key(driver, loop))
    }

    private static func key(_ driver: Int, _ loop: any EventLoop) -> Connection {
        Connection(driver: driver, loop: ObjectIdentifier(loop))
    }
}
