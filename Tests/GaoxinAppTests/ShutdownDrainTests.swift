import Fluent
import Foundation
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A shutdown waits for a request whose handler is still running (its client may be gone) before
/// the databases close (`RequestsInFlight`); the handler's queries after the shutdown began are
/// answered, and the shutdown ends once it has.
final class ShutdownDrainTests: XCTestCase {
    actor Gate {
        private var entered = false
        private var released = false
        private var waiting: CheckedContinuation<Void, Never>?

        func enter() async {
            entered = true
            if released { return }
            await withCheckedContinuation { waiting = $0 }
        }

        func hasEntered() -> Bool { entered }

        func release() {
            released = true
            waiting?.resume()
            waiting = nil
        }
    }

    actor Flag {
        private(set) var isSet = false
        func set() { isSet = true }
    }

    func testAShutdownWaitsForTheRequestsStillRunning() async throws {
        let (url, cleanup) = try await TestDatabase.fresh()
        let config = testConfig(url)
        let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
        try configure(app, config: config)
        app.logger.logLevel = .warning
        let gate = Gate()
        app.get("gx-test-held") { req async throws -> String in
            await gate.enter()
            return "\(try await User.query(on: req.db).count())"
        }
        let tester = try app.testable(method: .inMemory)
        let request = Task { try await tester.sendRequest(.GET, "gx-test-held") }
        while await !gate.hasEntered() { try await Task.sleep(for: .milliseconds(5)) }

        let finished = Flag()
        let shutdown = Task {
            try await app.asyncShutdown()
            await finished.set()
        }
        try await Task.sleep(for: .milliseconds(300))
        let finishedEarly = await finished.isSet
        XCTAssertFalse(finishedEarly, "the shutdown waits while a handler runs")

        await gate.release()
        let response = try await request.value
        XCTAssertEqual(response.status, .ok)
        XCTAssertNotNil(Int(response.body.string), response.body.string)
        try await shutdown.value
        let finishedAtLast = await finished.isSet
        XCTAssertTrue(finishedAtLast)
        try await cleanup()
    }
}
