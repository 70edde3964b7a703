import Fluent
import GaoxinDomain
import Vapor

enum UserPages {
    static func index(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, UserQueries.list)
        let page = try await ListRunner.page(UserQueries.list, query, on: req.sql, as: UserQueries.Row.self)
        let canWrite = req.actor?.hasAny(Policies.users.write) ?? false
        let options = try await UnitQueries.options(on: req.db)
        return try await req.renderPage { UserViews.index($0, query: query, page: page, canWrite: canWrite, unitOptions: options) }
    }

    static func export(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, UserQueries.list)
        let format = try ListExport.format(req)
        let rows = try await ListRunner.all(UserQueries.list, query, on: req.sql, as: UserQueries.Row.self)
        let lang = req.uiLanguage
        return try ListExport.response(rows, columns: UserViews.columns(), sheetName: lang.t("用户", "Users"), fileName: lang.t("用户", "users"), format: format, lang: lang)
    }

    static func show(_ req: Request, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try await UserQueries.find(req)
        let canWrite = req.actor?.hasAny(Policies.users.write) ?? false
        let tokens = canWrite ? try await TokenQueries.tokens(of: user.id!, on: req.db) : []
        let model = UserViews.ShowModel(user: try await UserQueries.dto(user, on: req.db, now: req.now), canWrite: canWrite, tokens: tokens, errors: errors)
        return try await req.renderPage(status: status) { UserViews.show($0, model) }
    }

    static func newForm(_ req: Request) async throws -> Response {
        var values = UserInput()
        values.unitId = req.query[Int.self, at: "unitId"]
        return try await form(req, userID: nil, values: values, errors: [])
    }

    static func editForm(_ req: Request) async throws -> Response {
        let user = try await UserQueries.find(req)
        let values = UserInput(username: user.username, displayName: user.displayName, unitId: user.unitID,
                               roles: user.roleSet.map(\.rawValue), email: user.email, phone: user.phone)
        return try await form(req, userID: user.id, values: values, errors: [])
    }

    static func create(_ req: Request) async throws -> Response {
        let (input, parseErrors) = try decodeForm(req)
        do {
            guard parseErrors.isEmpty else { throw ValidationFailed(parseErrors) }
            let user = try await UserWrites.create(input, req)
            return .redirect(Site.user(user.id!) + "?notice=created")
        } catch let failed as ValidationFailed {
            var values = input
            values.password = nil
            return try await form(req, userID: nil, values: values, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let user = try await UserQueries.find(req)
        let (input, parseErrors) = try decodeForm(req)
        do {
            guard parseErrors.isEmpty else { throw ValidationFailed(parseErrors) }
            _ = try await UserWrites.update(user, input, req)
            return .redirect(Site.user(user.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await form(req, userID: user.id, values: input, errors: failed.errors, status: .unprocessableEntity)
        } catch AppError.validation(let failed) {
            return try await form(req, userID: user.id, values: input, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func setActive(_ active: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let user = try await UserQueries.find(req)
            do {
                _ = try await UserWrites.setActive(user, active, req)
            } catch AppError.conflict(let message, _) {
                return try await show(req, errors: [FieldError(field: "active", code: "conflict", zh: message, en: message)], status: .conflict)
            }
            return .redirect(Site.user(user.id!) + "?notice=" + (active ? "reactivated" : "deactivated"))
        }
    }

    static func unlock(_ req: Request) async throws -> Response {
        let user = try await UserQueries.find(req)
        try await UserWrites.unlock(user, req)
        return .redirect(Site.user(user.id!) + "?notice=unlocked")
    }

    static func resetPassword(_ req: Request) async throws -> Response {
        let user = try await UserQueries.find(req)
        let password = (try? req.content.get(String.self, at: "newPassword")) ?? ""
        do {
            try await UserWrites.setPassword(user, password, keepSession: nil, req)
        } catch AppError.validation(let failed) {
            return try await show(req, errors: failed.errors, status: .unprocessableEntity)
        }
        return .redirect(Site.user(user.id!) + "?notice=passwordChanged")
    }

    private static func form(_ req: Request, userID: Int?, values: UserInput, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> Response {
        let options = try await UnitQueries.options(on: req.db)
        let model = UserViews.FormModel(userID: userID, values: values, unitOptions: options, errors: errors)
        return try await req.renderPage(status: status) { UserViews.form($0, model) }
    }

    struct Form: Decodable {
        var username: String?
        var displayName: String?
        var unitId: String?
        var roles: [String]?
        var email: String?
        var phone: String?
        var password: String?
    }

    static func decodeForm(_ req: Request) throws -> (UserInput, [FieldError]) {
        let form = try req.content.decode(Form.self)
        var errors: [FieldError] = []
        var input = UserInput(username: form.username ?? "", displayName: form.displayName ?? "", roles: form.roles ?? [],
                              email: form.email ?? "", phone: form.phone ?? "", password: form.password)
        if let raw = form.unitId, !raw.isEmpty {
            if let id = Int(raw) { input.unitId = id } else { errors.append(.invalid("unitId", zh: "所属单位无效", en: "Invalid unit")) }
        }
        return (input, errors)
    }
}
