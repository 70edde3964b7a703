import Fluent
import Vapor

/// Builds the application from its configuration: database, middleware, routes, commands.
public func configure(_ app: Application, config: AppConfig) throws {
    app.gaoxinConfig = config
    app.logger.logLevel = config.logLevel
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    try DatabaseSetup.configure(app, location: try DatabaseLocation(url: config.databaseURL))

    // Our error mapper replaces Vapor's default so every error has the product's shape.
    app.middleware = Middlewares()
    // Outermost, so error pages carry the headers too.
    app.middleware.use(SecurityHeaders())
    app.middleware.use(ErrorMapper())
    app.middleware.use(SessionMiddleware())
    RouteRegistrar.register(AppRoutes.all, on: app)

    app.lifecycle.use(JobSweeper())
    app.lifecycle.use(SessionSweeper())
    CLICommands.register(on: app)
}

/// The event loop group for an engine: one thread for SQLite, so the embedded file has a single
/// connection and no writer ever waits on another; the shared group for PostgreSQL.
public func eventLoopGroup(for config: AppConfig) -> any EventLoopGroup {
    if case .sqlite = try? DatabaseLocation(url: config.databaseURL) {
        return SingleThreadGroup.shared
    }
    return MultiThreadedEventLoopGroup.singleton
}

enum SingleThreadGroup {
    static let shared = MultiThreadedEventLoopGroup(numberOfThreads: 1)
}
