import Fluent
import Vapor

/// Creating, rotating and ending browser sessions.
enum SessionStore {
    /// Ensures the browser has a session (anonymous if need be) so a form can carry a CSRF token.
    static func ensure(_ req: Request, response: Response? = nil) async throws -> (Session, cookie: String?) {
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

    /// Removes sessions idle past the timeout; run at boot and from time to time.
    static func purgeIdle(on db: Database, now: Date, idleMinutes: Int) async throws {
        let cutoff = now.addingTimeInterval(-TimeInterval(idleMinutes * 60))
        try await Session.query(on: db).filter(\.$lastSeenAt < cutoff).delete()
    }
}
