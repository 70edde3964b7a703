import Foundation
import Vapor

/// The requests being answered, so that a shutdown lets them finish before the databases close.
///
/// On SIGTERM Vapor's server stops accepting and waits for its connections, but a request whose
/// client has gone (a load test stopping, a browser tab closed) leaves no connection to wait for
/// while its handler still runs; the application then closed the databases under it and the
/// handler's next `req.db` trapped — every `kill` of a server under load (reproduced 4 of 4 times
/// with wrk at 64 connections). As the last lifecycle handler, this one runs first at shutdown:
/// it shuts the server down (Vapor's own later call then does nothing) and waits for the handlers
/// still running, up to the server's shutdown timeout.
final class RequestsInFlight: AsyncMiddleware, LifecycleHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    /// How long a shutdown waits for handlers whose connection is gone.
    let drainTimeout: Duration

    init(drainTimeout: Duration) {
        self.drainTimeout = drainTimeout
    }

    var count: Int { lock.withLock { running } }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        lock.withLock { running += 1 }
        defer { lock.withLock { running -= 1 } }
        return try await next.respond(to: request)
    }

    func shutdownAsync(_ application: Application) async {
        await application.http.server.shared.shutdown()
        let deadline = ContinuousClock.now + drainTimeout
        while count > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if count > 0 { application.logger.warning("shutting down with \(count) requests still running") }
    }
}
