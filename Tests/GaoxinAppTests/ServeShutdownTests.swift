import Foundation
@testable import GaoxinApp
import NIOHTTP1
import XCTVapor
import XCTest

/// `gaoxin serve` stopped (SIGTERM: a deploy, systemd) while requests are in flight: it stops
/// accepting, lets them finish, then closes the database — and exits cleanly. Vapor closes the
/// application's providers (Fluent's databases) before the HTTP server, so a request still being
/// handled found no database and the process died with a crash report (seen under wrk).
final class ServeShutdownTests: XCTestCase {
    func testTermFinishesTheRequestsInFlightAndExitsCleanly() async throws {
        try await withApp { app, _ in
            let port = 18_500 + Int.random(in: 0..<400)
            let process = Process()
            process.executableURL = CLITests.binary
            process.arguments = ["serve"]
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = app.gaoxinConfig.databaseURL
            environment["GAOXIN_PORT"] = String(port)
            environment["GAOXIN_LOG_LEVEL"] = "warning"
            process.environment = environment
            // A file, not a pipe: a pipe nobody reads fills and stops the server's writes.
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-serve-\(UUID().uuidString).log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            let output = try FileHandle(forWritingTo: log)
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let url = URI(string: "http://127.0.0.1:\(port)\(Site.health)")
            var up = false
            for _ in 0..<100 where !up {
                up = (try? await app.client.get(url).status) == .ok
                if !up { try await Task.sleep(nanoseconds: 100_000_000) }
            }
            XCTAssertTrue(up, "the server answered")

            // Requests keep arriving while the signal comes.
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<64 {
                    group.addTask {
                        var ok = 0
                        for _ in 0..<200 {
                            guard let response = try? await app.client.get(url) else { break }
                            if response.status == .ok { ok += 1 }
                        }
                        return ok
                    }
                }
                try await Task.sleep(nanoseconds: 400_000_000)
                kill(process.processIdentifier, SIGTERM)
                return try await group.reduce(0, +)
            }
            process.waitUntilExit()
            try output.close()
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            XCTAssertGreaterThan(answered, 0)
            XCTAssertEqual(process.terminationReason, .exit, text)
            XCTAssertEqual(process.terminationStatus, 0, text)
            XCTAssertFalse(text.contains("crashed") || text.contains("Fatal error") || text.contains("Unexpectedly found nil"), text)
        }
    }
}
