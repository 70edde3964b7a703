import Foundation
import Vapor

/// Logs, at warning level, every request slower than the threshold: its method, route, status,
/// duration, and how much of it its database statements spent waiting for a connection and
/// running. A request that waited is told apart from one that computed, when an operator (or a
/// CI run's fuzzer) sees a slow answer and the server log is all there is.
struct SlowRequestLog: AsyncMiddleware {
    let thresholdMilliseconds: Int
    /// Monotonic nanoseconds; a test passes a clock that jumps.
    var now: @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    var report: @Sendable (Request, String) -> Void = { req, message in req.logger.warning("\(message)") }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard thresholdMilliseconds > 0 else { return try await next.respond(to: req) }
        let timing = RequestTiming()
        let started = now()
        var status = "error"
        defer {
            let elapsed = now() - started
            if elapsed >= UInt64(thresholdMilliseconds) * 1_000_000 {
                report(req, "慢请求 \(req.method.rawValue) \(Self.route(req)) → \(status)：\(elapsed / 1_000_000) ms\(timing.summary)")
            }
        }
        let response = try await RequestTiming.$current.withValue(timing) { try await next.respond(to: req) }
        status = "\(response.status.code)"
        return response
    }

    /// The matched route's pattern (no identifiers or query values in the log), else the path.
    static func route(_ req: Request) -> String {
        guard let route = req.route else { return req.url.path }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}

/// Where one request's database time went; statements add to it through the task-local `current`.
final class RequestTiming: @unchecked Sendable {
    @TaskLocal static var current: RequestTiming?

    private let lock = NSLock()
    private var statements = 0
    private var waitNanoseconds: UInt64 = 0
    private var runNanoseconds: UInt64 = 0
    private var longestNanoseconds: UInt64 = 0

    func record(waitNanoseconds wait: UInt64, runNanoseconds run: UInt64) {
        lock.withLock {
            statements += 1
            waitNanoseconds += wait
            runNanoseconds += run
            longestNanoseconds = max(longestNanoseconds, wait + run)
        }
    }

    /// Empty where nothing was recorded (PostgreSQL's pool is not instrumented).
    var summary: String {
        lock.withLock {
            statements == 0 ? "" : "；数据库语句 \(statements) 条，等待连接 \(waitNanoseconds / 1_000_000) ms，执行 \(runNanoseconds / 1_000_000) ms（最长一条 \(longestNanoseconds / 1_000_000) ms）"
        }
    }
}
