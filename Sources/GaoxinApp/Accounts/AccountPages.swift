import Fluent
import GaoxinDomain
import Vapor

enum AccountPages {
    static func signInForm(_ req: Request) async throws -> Response {
        if req.actor != nil { return .redirect(Site.home) }
        let next = safeNext(req.query[String.self, at: "next"])
        let message = req.query[String.self, at: "expired"] != nil ? Notice.idleSignedOut.text(req.uiLanguage) : nil
        return try await req.renderPage { SignInView.render($0, username: "", message: message, next: next) }
    }

    static func signIn(_ req: Request) async throws -> Response {
        let username = (try? req.content.get(String.self, at: "username")) ?? ""
        let password = (try? req.content.get(String.self, at: "password")) ?? ""
        let next = safeNext(try? req.content.get(String.self, at: "next"))
        let outcome: SignIn.Outcome
        do {
            outcome = try await SignIn.attempt(username: username, password: password, req)
        } catch AppError.rateLimited(let message) {
            return try await req.renderPage(status: .tooManyRequests) { SignInView.render($0, username: username, message: message, next: next) }
        }
        switch outcome {
        case .failure(let message):
            return try await req.renderPage(status: .unauthorized) { SignInView.render($0, username: username, message: message, next: next) }
        case .success(let user):
            // A new session id at sign-in, so a session fixed before sign-in is worthless after it.
            if let old = req.browserSession { try await old.delete(on: req.db) }
            try await SessionStore.purgeStale(on: req.db, now: req.now, config: req.application.gaoxinConfig)
            let (_, secret) = try await SessionStore.create(req, userID: user.id!)
            let response = Response.redirect(next)
            response.cookies[SessionMiddleware.cookieName] = SessionStore.cookie(secret, req: req)
            return response
        }
    }

    static func signOut(_ req: Request) async throws -> Response {
        if let session = req.browserSession { try await session.delete(on: req.db) }
        let response = Response.redirect(Site.signIn + "?notice=signedOut")
        response.cookies[SessionMiddleware.cookieName] = SessionStore.expiredCookie()
        return response
    }

    /// Only same-site paths are followed after sign-in (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return Site.home }
        return next
    }

    static func show(_ req: Request, newSecret: String? = nil, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.requireActor()
        guard let user = try await RegisterStore.find(.users, id: actor.userID, on: req.db) else { throw AppError.unauthenticated }
        let model = AccountView.Model(user: user,
                                      tokens: try await TokenQueries.tokens(of: actor.userID, on: req.db), newSecret: newSecret, errors: errors)
        return try await req.renderPage(status: status) { AccountView.render($0, model) }
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard let user = try await User.find(actor.userID, on: req.db) else { throw AppError.unauthenticated }
        let current = (try? req.content.get(String.self, at: "currentPassword")) ?? ""
        let new = (try? req.content.get(String.self, at: "newPassword")) ?? ""
        guard try await req.password.async.verify(current, created: user.passwordHash) else {
            return try await show(req, errors: [.invalid("currentPassword", zh: "当前密码不正确", en: "The current password is wrong")], status: .unprocessableEntity)
        }
        do {
            try await UserCredentials.setPassword(user, new, keepSession: req.browserSession?.id, req)
        } catch AppError.validation(let failed) {
            return try await show(req, errors: failed.errors, status: .unprocessableEntity)
        }
        return .redirect(Site.account + "?notice=passwordChanged")
    }

    static func createToken(_ req: Request) async throws -> Response {
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        let readOnly = ((try? req.content.get(String.self, at: "readOnly")) ?? "") == "1"
        do {
            let (_, secret) = try await TokenWrites.create(TokenInput(name: name, readOnly: readOnly), req)
            return try await show(req, newSecret: secret, status: .created)
        } catch let failed as ValidationFailed {
            return try await show(req, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound("该令牌") }
        _ = try await TokenWrites.revoke(id, req)
        return .redirect(Site.account + "?notice=tokenRevoked")
    }
}

enum TokensAPI {
    static func list(_ req: Request) async throws -> Response {
        try .json(TokenListDTO(items: try await TokenQueries.tokens(of: try req.requireActor().userID, on: req.db)))
    }

    static func create(_ req: Request) async throws -> Response {
        let (token, secret) = try await TokenWrites.create(try APIBody.decode(TokenInput.self, req), req)
        return try .json(NewTokenDTO(token: TokenDTO(token), secret: secret), status: .created)
    }

    static func revoke(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound("该令牌") }
        return try .json(TokenDTO(try await TokenWrites.revoke(id, req)))
    }
}
