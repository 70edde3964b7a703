import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Registers the configured engine with Fluent and the migrations in their one order.
enum DatabaseSetup {
    static func configure(_ app: Application, location: DatabaseLocation, sqliteConnections: Int = 4, sqliteMmapBytes: Int = 0) throws {
        switch location {
        case .sqlite(let path):
            app.databases.use(DatabaseConfigurationFactory {
                SQLiteConnections(path: path, perEventLoop: sqliteConnections, sqlLogLevel: .debug, mmapBytes: sqliteMmapBytes)
            }, as: .sqlite)
            // Running jobs' progress and heartbeats, beside the database (`JobBeacon`).
            app.databases.use(DatabaseConfigurationFactory {
                SQLiteConnections(path: JobBeacon.path(besides: path), perEventLoop: 1, sqlLogLevel: .debug, mmapBytes: 0)
            }, as: JobBeacon.id, isDefault: false)
        case .postgres(let url):
            var config = try SQLPostgresConfiguration(url: url)
            // Search queries: a generic plan can turn an indexed LIKE into a scan (TOOLING.md).
            config.coreConfiguration.options.additionalStartupParameters = [("plan_cache_mode", "force_custom_plan")]
            app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug), as: .psql)
        }
        app.storage[EngineKey.self] = location.engine
        Migrations.register(on: app)
        PinyinSortedModels.register(on: app)
    }

    struct EngineKey: StorageKey { typealias Value = Engine }
}

extension Application {
    var engine: Engine { storage[DatabaseSetup.EngineKey.self] ?? .sqlite }
}

extension Request {
    var engine: Engine { application.engine }
}

extension Request {
    /// The request's database as SQLKit sees it, for the queries written deliberately.
    var sql: any SQLDatabase { db as! any SQLDatabase }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
