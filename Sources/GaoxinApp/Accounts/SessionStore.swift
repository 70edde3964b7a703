import Fluent
import Vapor

/// Creating, rotating and ending browser sessions.
enum SessionStore {
    /// Ensures the browser has a session (anonymous if need be) so a form can carry a CSRF token.
    static func ensure(_ req: Request) async throws -> (Session, cookie: String?) {
        if let session = req.browserSession { return (session, nil) }
        let (session, secret) = try await create(req, userID: nil)
        req.browserSession = session
        return (session, secret)
    }

    /// A new session row; the returned secret goes into the cookie and nowhere else.
    static func create(_ req: Request, userID: Int?) async throws -> (Session, String) {
        let secret = SecretToken.generate()
        let session = Session()
        session.id = SecretToken.hash(secret)
        session.userID = userID
        session.csrfToken = SecretToken.generate()
        session.createdAt = req.now
        session.lastSeenAt = req.now
        session.address = req.clientAddress
        session.userAgent = req.headers.first(name: .userAgent).map { String($0.prefix(300)) }
        try await session.create(on: req.db)
        return (session, secret)
    }

    static func cookie(_ secret: String, req: Request) -> HTTPCookies.Value {
        HTTPCookies.Value(string: secret, expires: nil, maxAge: nil, domain: nil, path: "/",
                          isSecure: req.application.gaoxinConfig.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func expiredCookie() -> HTTPCookies.Value {
        HTTPCookies.Value(string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", isHTTPOnly: true, sameSite: .lax)
    }

    /// An idle-expired session row is kept this long after its timeout, so a browser coming back
    /// is told it was signed out for inactivity rather than just shown the sign-in form.
    static let keepExpiredFor: TimeInterval = 24 * 3600

    /// Removes sessions long past the idle timeout (every visit to the sign-in page makes one)
    /// and failed sign-ins older than the lock-out window; run at boot and at every sign-in, so
    /// the tables stay the size of current use.
    static func purgeStale(on db: Database, now: Date, config: AppConfig) async throws {
        let idleCutoff = now.addingTimeInterval(-TimeInterval(config.idleTimeoutMinutes * 60) - keepExpiredFor)
        try await Session.query(on: db).filter(\.$lastSeenAt < idleCutoff).delete()
        let failureCutoff = now.addingTimeInterval(-TimeInterval(config.lockoutMinutes * 60))
        try await LoginFailure.query(on: db).filter(\.$at < failureCutoff).delete()
    }
}

/// Purges stale sessions and failed sign-ins when a server starts.
struct SessionSweeper: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        // Commands such as `migrate` boot the application before the tables exist.
        try? await SessionStore.purgeStale(on: application.db, now: application.clock.now(), config: application.gaoxinConfig)
    }
}
