import Fluent
import FluentPostgresDriver
import Foundation
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTest

/// Which engine this test run uses: `GAOXIN_TEST_DATABASE=postgres` (with
/// `GAOXIN_TEST_POSTGRES_URL`) or SQLite by default. `scripts/test` runs the suite once on each.
/// Every test gets fresh state: a copy of a migrated SQLite file, or a PostgreSQL database cloned
/// from a migrated template.
enum TestDatabase {
    static var engine: Engine {
        ProcessInfo.processInfo.environment["GAOXIN_TEST_DATABASE"] == "postgres" ? .postgres : .sqlite
    }

    static var postgresURL: String? { ProcessInfo.processInfo.environment["GAOXIN_TEST_POSTGRES_URL"] }

    /// A PostgreSQL server for tests that need one whatever the engine (e.g. backup across engines).
    /// Missing on a developer machine: skip; missing under CI: fail.
    static func requirePostgres() throws -> String {
        if let url = postgresURL { return url }
        try ToolRequirement.missing("PostgreSQL (GAOXIN_TEST_POSTGRES_URL)")
        return ""
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var sqliteTemplate: String?
    nonisolated(unsafe) private static var postgresTemplate: String?

    /// A fresh database URL for one test, and a closure that removes it afterwards.
    static func fresh(engine: Engine = engine) async throws -> (url: String, cleanup: () async throws -> Void) {
        switch engine {
        case .sqlite:
            let template = try await migratedSQLiteTemplate()
            let path = NSTemporaryDirectory() + "gaoxin-test-\(UUID().uuidString).sqlite"
            try FileManager.default.copyItem(atPath: template, toPath: path)
            return ("sqlite://" + path, {
                for file in [path, path + "-wal", path + "-shm"].flatMap({ [$0, JobBeacon.path(besides: path) + $0.dropFirst(path.count)] }) {
                    try? FileManager.default.removeItem(atPath: file)
                }
            })
        case .postgres:
            let base = try requirePostgres()
            let template = try await migratedPostgresTemplate(base)
            let name = "gx_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await admin(base) { sql in
                try await sql.raw("CREATE DATABASE \(unsafeRaw: String(name)) TEMPLATE \(unsafeRaw: template)").run()
            }
            return (replaceDatabase(base, with: String(name)), {
                try await admin(base) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
            })
        }
    }

    private static func migratedSQLiteTemplate() async throws -> String {
        if let path = lock.withLock({ sqliteTemplate }) { return path }
        removeTemplatesOfEndedRuns()
        let path = NSTemporaryDirectory() + "gaoxin-template-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8)).sqlite"
        try await migrate("sqlite://" + path)
        lock.withLock { sqliteTemplate = path }
        return path
    }

    /// A test process keeps its template to the end and cannot remove it after: the next run
    /// removes the templates of processes that are no longer running.
    private static func removeTemplatesOfEndedRuns() {
        let folder = NSTemporaryDirectory()
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasPrefix("gaoxin-template-") {
            let pidText = file.dropFirst("gaoxin-template-".count).prefix { $0.isNumber }
            guard let pid = Int32(pidText), pid != ProcessInfo.processInfo.processIdentifier, kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: folder + file)
        }
    }

    private static func migratedPostgresTemplate(_ base: String) async throws -> String {
        if let name = lock.withLock({ postgresTemplate }) { return name }
        let name = "gx_template_\(ProcessInfo.processInfo.processIdentifier)_\(UInt32.random(in: 0...UInt32.max))"
        try await admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        try await migrate(replaceDatabase(base, with: name))
        lock.withLock { postgresTemplate = name }
        return name
    }

    private static func migrate(_ url: String) async throws {
        try await withApplication(url) { try await $0.migrateDatabase() }
    }

    /// Runs `work` with an application configured for the database at `url`, shut down after.
    static func withApplication(_ url: String, _ work: (Application) async throws -> Void) async throws {
        var config = AppConfig()
        config.databaseURL = url
        let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
        do {
            try configure(app, config: config)
            app.logger.logLevel = .warning
            try await work(app)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Runs statements on the server's maintenance database (CREATE/DROP DATABASE).
    static func admin(_ base: String, _ work: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: replaceDatabase(base, with: "postgres"))), as: .psql)
            try await work(app.db as! any SQLDatabase)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    static func replaceDatabase(_ url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }
}

/// Tests that need an outside tool skip on a developer machine without it, and fail under CI,
/// so a green CI run means every test ran.
enum ToolRequirement {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func missing(_ tool: String) throws {
        if isCI {
            XCTFail("\(tool) is required under CI but is not available")
            throw XCTSkip("failed: \(tool) missing under CI")
        }
        throw XCTSkip("\(tool) is not available on this machine")
    }
}
