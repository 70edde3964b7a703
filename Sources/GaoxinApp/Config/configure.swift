import Fluent
import Vapor

/// Builds the application from its configuration: database, middleware, routes, commands.
public func configure(_ app: Application, config: AppConfig) throws {
    app.gaoxinConfig = config
    OperatorMetrics.bootstrapped
    app.logger.logLevel = config.logLevel
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    // On SIGTERM the server stops accepting and waits this long for the requests in flight (an
    // export, a bulletin) before the databases close; idle keep-alive connections close at once.
    app.http.server.configuration.shutdownTimeout = .seconds(30)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    try DatabaseSetup.configure(app, location: try DatabaseLocation(url: config.databaseURL), sqliteConnections: config.sqliteConnections,
                                sqliteMmapBytes: config.sqliteMmapMegabytes * 1024 * 1024)

    // Our error mapper replaces Vapor's default so every error has the product's shape.
    app.middleware = Middlewares()
    // Outermost of all: a shutdown waits for every request it counts (`RequestsInFlight`).
    let requestsInFlight = RequestsInFlight(drainTimeout: .seconds(30))
    app.middleware.use(requestsInFlight)
    // Outermost of the rest, so error pages carry the headers too.
    app.middleware.use(SecurityHeaders())
    app.middleware.use(SlowRequestLog(thresholdMilliseconds: config.slowRequestMilliseconds))
    app.middleware.use(ErrorMapper())
    app.middleware.use(SessionMiddleware())
    RouteRegistrar.register(AppRoutes.all, on: app)

    let jobSweeper = JobSweeper()
    app.storage[JobSweeper.Key.self] = jobSweeper
    app.lifecycle.use(jobSweeper)
    let runningJobs = RunningJobs()
    app.storage[RunningJobs.Key.self] = runningJobs
    app.lifecycle.use(runningJobs)
    app.lifecycle.use(SessionSweeper())
    app.lifecycle.use(ReminderService())
    // Registered last, so it runs first at shutdown: the server stops and the requests still
    // running finish before any other handler or the databases shut down.
    app.lifecycle.use(requestsInFlight)
    CLICommands.register(on: app)
}

/// The event loop group: the shared one, a thread per core, for both engines. (SQLite once ran on
/// a single thread with a single connection so that no writer waited on another; WAL, several
/// connections and transactions that take the write lock up front (`SQLiteConnections`) replaced
/// that, so SQLite requests no longer queue behind each other.)
public func eventLoopGroup(for config: AppConfig) -> any EventLoopGroup {
    MultiThreadedEventLoopGroup.singleton
}
