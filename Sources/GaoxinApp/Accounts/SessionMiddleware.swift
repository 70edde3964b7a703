import Fluent
import SQLKit
import Vapor

/// Authenticates every request, by API token (`Authorization: Bearer`) or by the session cookie,
/// and enforces the idle timeout. The CSRF check needs the request body, which Vapor collects
/// only after middleware; `RouteRegistrar` runs it (`checkCSRF`) once the body is in.
struct SessionMiddleware: AsyncMiddleware {
    static let cookieName = "gx_session"
    /// Touching `last_seen_at` on every request would turn reads into writes; a minute is precise
    /// enough for a 30-minute idle timeout.
    static let touchInterval: TimeInterval = 60

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            try await authenticateToken(bearer.token, req)
            return try await next.respond(to: req)
        }
        try await loadSession(req)
        return try await next.respond(to: req)
    }

    static func isSafe(_ method: HTTPMethod) -> Bool {
        method == .GET || method == .HEAD || method == .OPTIONS
    }

    private func authenticateToken(_ secret: String, _ req: Request) async throws {
        guard let holder = try await ActorLoader.tokenHolder(hash: SecretToken.hash(secret), on: req.sql),
              !holder.revoked, let actor = holder.actor
        else { throw AppError.invalidToken }
        // A locked account is locked for its tokens too (whoever guessed at its password may hold one).
        if let lockedUntil = holder.lockedUntil, lockedUntil > req.now { throw AppError.accountLocked(until: lockedUntil) }
        req.actor = actor
        if let lastUsed = holder.lastUsedAt, req.now.timeIntervalSince(lastUsed) < Self.touchInterval { return }
        try await req.sql.update(APIToken.schema).set("last_used_at", to: SQLBind(req.now)).where("id", .equal, SQLBind(holder.tokenID)).run()
    }

    private func loadSession(_ req: Request) async throws {
        guard let secret = req.cookies[Self.cookieName]?.string, !secret.isEmpty,
              let session = try await Session.find(SecretToken.hash(secret), on: req.db) else { return }
        let idle = TimeInterval(req.application.gaoxinConfig.idleTimeoutMinutes * 60)
        if req.now.timeIntervalSince(session.lastSeenAt) > idle {
            try await session.delete(on: req.db)
            req.storage[IdleExpiredKey.self] = session.userID != nil
            return
        }
        req.browserSession = session
        if let userID = session.userID {
            req.actor = try await ActorLoader.actor(userID: userID, on: req.sql)
        }
        if req.now.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
            session.lastSeenAt = req.now
            try await session.save(on: req.db)
        }
    }

    /// A state-changing request without a bearer token needs a session (anonymous ones carry the
    /// sign-in form's token) and that session's token. No session at all — never signed in, the
    /// cookie gone or idle-expired — is "not signed in" (401 / the sign-in page), not a forgery:
    /// such a request carries no one's authority. Signing in itself still needs the pre-sign-in
    /// session, so a foreign page cannot sign a browser in (login CSRF).
    /// Every state-changing browser request carries the session's CSRF token (form field or
    /// `X-CSRF-Token` header); requests authenticated by an API token need none.
    static func checkCSRF(_ req: Request) throws {
        guard !isSafe(req.method), req.headers.bearerAuthorization == nil else { return }
        guard let session = req.browserSession else { throw AppError.unauthenticated }
        let submitted = req.headers.first(name: "X-CSRF-Token") ?? CSRFField.read(from: req)
        guard let submitted, SecretToken.constantTimeEquals(submitted, session.csrfToken) else { throw AppError.csrf }
    }

    struct IdleExpiredKey: StorageKey { typealias Value = Bool }
}

extension Request {
    /// True when this request arrived with a signed-in session that had gone idle too long.
    var sessionExpiredByIdle: Bool { storage[SessionMiddleware.IdleExpiredKey.self] ?? false }
}

/// The hidden form field carrying the CSRF token, read from url-encoded and multipart bodies.
enum CSRFField {
    static let name = "_csrf"

    static func read(from req: Request) -> String? {
        guard let contentType = req.headers.contentType else { return nil }
        if contentType == .urlEncodedForm || contentType == .formData {
            return try? req.content.get(String.self, at: name)
        }
        return nil
    }
}
