import Foundation
@testable import GaoxinApp
import XCTest

/// The command line as an operator uses it, on the current test engine: migrate, seed-demo,
/// create-user, create-token, set-password, backup and restore, run as the real binary.
final class CLITests: XCTestCase {
    static var binary: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/gaoxin")
    }

    struct Run {
        let status: Int32
        let output: String
    }

    func gaoxin(_ arguments: [String], databaseURL: String, environment extra: [String: String] = [:]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            XCTFail("build the gaoxin binary first (swift build --build-tests): \(Self.binary.path)")
            return Run(status: -1, output: "")
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = databaseURL
        environment["GAOXIN_BCRYPT_COST"] = "4"
        environment["GAOXIN_LOG_LEVEL"] = "warning"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// An empty (unmigrated) database of the current engine.
    func emptyDatabase() async throws -> (String, () async throws -> Void) {
        switch TestDatabase.engine {
        case .sqlite:
            let path = NSTemporaryDirectory() + "gaoxin-cli-\(UUID().uuidString).sqlite"
            return ("sqlite://" + path, { try? FileManager.default.removeItem(atPath: path) })
        case .postgres:
            let base = try TestDatabase.requirePostgres()
            let name = "gx_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
            try await TestDatabase.admin(base) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            return (TestDatabase.replaceDatabase(base, with: name), {
                try await TestDatabase.admin(base) { try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
            })
        }
    }

    func testOperatorCommandsOnTheCurrentEngine() async throws {
        let (url, cleanup) = try await emptyDatabase()
        let (restoredURL, cleanupRestored) = try await emptyDatabase()
        do {
            try runOperatorCommands(url: url, restoredURL: restoredURL)
        } catch {
            try? await cleanup(); try? await cleanupRestored()
            throw error
        }
        try await cleanup()
        try await cleanupRestored()
    }

    func runOperatorCommands(url: String, restoredURL: String) throws {

        let migrate = try gaoxin(["migrate"], databaseURL: url)
        XCTAssertEqual(migrate.status, 0, migrate.output)

        let seed = try gaoxin(["seed-demo"], databaseURL: url)
        XCTAssertEqual(seed.status, 0, seed.output)
        for username in ["admin", "office", "team", "park", "leader", "auditor"] {
            XCTAssertTrue(seed.output.contains(" \(username) "), "seed-demo should print the \(username) account: \(seed.output)")
        }
        let again = try gaoxin(["seed-demo"], databaseURL: url)
        XCTAssertTrue(again.output.contains("未载入演示数据"), "a second seed must not duplicate data: \(again.output)")

        let weak = try gaoxin(["create-user", "--username", "wangwu", "--name", "王五", "--unit", "ZS-JCDL", "--roles", "unit"],
                              databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "short"])
        XCTAssertNotEqual(weak.status, 0)
        XCTAssertTrue(weak.output.contains("密码至少需要 10 个字符"), weak.output)

        let created = try gaoxin(["create-user", "--username", "wangwu", "--name", "王五", "--unit", "ZS-JCDL", "--roles", "unit"],
                                 databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "Long-Enough-Pass-77"])
        XCTAssertEqual(created.status, 0, created.output)
        XCTAssertTrue(created.output.contains("已创建用户 wangwu"), created.output)

        let token = try gaoxin(["create-token", "--username", "wangwu", "--name", "对接"], databaseURL: url)
        XCTAssertEqual(token.status, 0, token.output)
        XCTAssertTrue(token.output.split(separator: "\n").last?.hasPrefix("gx_") ?? false, token.output)

        let reset = try gaoxin(["set-password", "--username", "wangwu"], databaseURL: url, environment: ["GAOXIN_NEW_PASSWORD": "Another-Good-Pass-88"])
        XCTAssertEqual(reset.status, 0, reset.output)

        let archive = NSTemporaryDirectory() + "gaoxin-cli-\(UUID().uuidString).zip"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let backup = try gaoxin(["backup", "--output", archive], databaseURL: url)
        XCTAssertEqual(backup.status, 0, backup.output)

        let restore = try gaoxin(["restore", "--input", archive], databaseURL: restoredURL)
        XCTAssertEqual(restore.status, 0, restore.output)
        XCTAssertTrue(restore.output.contains("users 7"), "six demo users and wangwu are restored: \(restore.output)")

        let refused = try gaoxin(["restore", "--input", archive], databaseURL: restoredURL)
        XCTAssertNotEqual(refused.status, 0, "restoring into a non-empty database must be refused")
        XCTAssertTrue(refused.output.contains("只能恢复到空数据库"), refused.output)
    }

    func testBadConfigurationNamesTheVariable() throws {
        let run = try gaoxin(["migrate"], databaseURL: "mysql://nope", environment: ["GAOXIN_PORT": "99999"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.output.contains("GAOXIN_PORT"), run.output)
        XCTAssertTrue(run.output.contains("DATABASE_URL"), run.output)
    }
}

import SQLKit
