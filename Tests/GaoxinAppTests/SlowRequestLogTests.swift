import Fluent
import Foundation
@testable import GaoxinApp
import NIOConcurrencyHelpers
import Vapor
import XCTest

/// The slow-request log (CI's fuzzer once saw a 32 s answer and nothing said where it went): a
/// request over the threshold is reported with its route, status and its statements' waits.
final class SlowRequestLogTests: XCTestCase {
    /// A clock that moves three seconds each time it is read.
    final class JumpingClock: @unchecked Sendable {
        private let value = NIOLockedValueBox<UInt64>(0)
        func read() -> UInt64 { value.withLockedValue { $0 += 3_000_000_000; return $0 } }
    }

    /// A log over a jumping clock, and what it reported.
    final class Capture: Sendable {
        let messages = NIOLockedValueBox<[String]>([])
        let clock = JumpingClock()
        func log(threshold: Int) -> SlowRequestLog {
            SlowRequestLog(thresholdMilliseconds: threshold, now: { self.clock.read() }, report: { _, message in
                self.messages.withLockedValue { $0.append(message) }
            })
        }
        var reported: [String] { messages.withLockedValue { $0 } }
    }

    struct QueryingResponder: AsyncResponder {
        func respond(to request: Request) async throws -> Response {
            _ = try await OrgUnit.query(on: request.db).count()
            _ = try await OrgUnit.query(on: request.db).first()
            return Response(status: .accepted)
        }
    }

    func testARequestOverTheThresholdIsReportedWithWhereItsTimeWent() async throws {
        try await withApp { app, _ in
            let capture = Capture()
            let request = Request(application: app, method: .POST, url: URI(path: "/api/v1/certified-staff"), on: app.eventLoopGroup.next())
            let response = try await capture.log(threshold: 2_000).respond(to: request, chainingTo: QueryingResponder())
            XCTAssertEqual(response.status, .accepted)
            let logged = capture.reported
            XCTAssertEqual(logged.count, 1, "\(logged)")
            let message = logged.first ?? ""
            XCTAssertTrue(message.hasPrefix("慢请求 POST /api/v1/certified-staff → 202：3000 ms"), message)
            if app.engine == .sqlite {
                XCTAssertTrue(message.contains("数据库语句 2 条"), message)
                XCTAssertTrue(message.contains("等待连接"), message)
            }
        }
    }

    func testAFastRequestAndAZeroThresholdReportNothing() async throws {
        try await withApp { app, _ in
            let capture = Capture()
            for threshold in [4_000, 0] {
                let request = Request(application: app, method: .GET, url: URI(path: "/healthz"), on: app.eventLoopGroup.next())
                _ = try await capture.log(threshold: threshold).respond(to: request, chainingTo: QueryingResponder())
            }
            XCTAssertEqual(capture.reported, [])
        }
    }

    func testAFailedRequestIsReportedAsAnError() async throws {
        struct Failing: AsyncResponder {
            func respond(to request: Request) async throws -> Response { throw Abort(.internalServerError) }
        }
        try await withApp { app, _ in
            let capture = Capture()
            let request = Request(application: app, method: .GET, url: URI(path: "/boards"), on: app.eventLoopGroup.next())
            do {
                _ = try await capture.log(threshold: 1_000).respond(to: request, chainingTo: Failing())
                XCTFail("the error should pass through")
            } catch {}
            XCTAssertEqual(capture.reported, ["慢请求 GET /boards → error：3000 ms"])
        }
    }

    func testTheSettingIsReadAndChecked() throws {
        XCTAssertEqual(try AppConfig.fromEnvironment([:]).slowRequestMilliseconds, 2_000)
        XCTAssertEqual(try AppConfig.fromEnvironment(["GAOXIN_SLOW_REQUEST_MS": "0"]).slowRequestMilliseconds, 0)
        XCTAssertThrowsError(try AppConfig.fromEnvironment(["GAOXIN_SLOW_REQUEST_MS": "慢"]))
    }
}
