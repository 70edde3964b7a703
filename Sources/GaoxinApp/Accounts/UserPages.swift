import Fluent
import GaoxinDomain
import Vapor

enum UserPages: RecordPages {
    typealias Writes = UserWrites
    static let list = UserQueries.list
    /// The export is the import's format (`UserRegister`: the unit by its code, or its name when it
    /// has none; no password) so it imports back unchanged; status and last sign-in are shown only.
    static var exportColumns: [ListColumn<UserQueries.Row>] {
        [
            .text("用户名", "Username") { row, _ in row.username },
            .text("姓名", "Name") { row, _ in row.displayName },
            .text("所属单位", "Unit") { row, _ in row.unitCode ?? row.unitName },
            .text("角色", "Roles") { row, lang in row.roleSet.sorted().map { lang.t($0.nameZh, $0.nameEn) }.joined(separator: "、") },
            .text("邮箱", "E-mail") { row, _ in row.email ?? "" },
            .text("电话", "Phone") { row, _ in row.phone ?? "" },
            .text("状态", "Status") { row, lang in row.active ? lang.t("启用", "Active") : lang.t("已停用", "Inactive") },
            .text("最近登录", "Last sign-in") { row, _ in row.lastLoginAt.map(DisplayFormat.dateTime) ?? "" },
        ]
    }
    static let exportNames = ExportNames(sheetZh: "用户", sheetEn: "Users", fileZh: "用户", fileEn: "users")

    static func renderIndex(_ req: Request, query: ListQuery, page: ListPage<UserQueries.Row>) async throws -> Response {
        let canWrite = req.actor?.hasAny(Policies.users.write) ?? false
        let options = try await UnitQueries.options(on: req.db)
        return try await req.renderPage { UserViews.index($0, query: query, page: page, canWrite: canWrite, unitOptions: options) }
    }

    static func path(of user: User) -> String { Site.user(user.id!) }
    static func renderShow(_ req: Request, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        try await show(req, errors: errors, status: status)
    }
    /// Only what did not parse: the other rules run when it does (a user form has no numbers to mistype but the unit).
    static func allFailures(_ parseErrors: [FieldError], _ input: UserInput, existing: User?, _ req: Request) async throws -> ValidationFailed {
        ValidationFailed(parseErrors)
    }
    /// A typed password is never sent back into the page.
    static func renderForm(_ req: Request, record: User?, input: UserInput, raw: [String: String], errors: [FieldError],
                           status: HTTPResponseStatus) async throws -> Response {
        var values = input
        values.password = nil
        return try await form(req, userID: record?.id, values: values, errors: errors, status: status)
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
        let model = UserViews.FormModel(recordID: userID, values: values, options: options, errors: errors)
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

    static func decodeForm(_ req: Request) throws -> (input: UserInput, raw: [String: String], errors: [FieldError]) {
        let form = try req.content.decode(Form.self)
        var errors: [FieldError] = []
        var input = UserInput(username: form.username ?? "", displayName: form.displayName ?? "", roles: form.roles ?? [],
                              email: form.email ?? "", phone: form.phone ?? "", password: form.password)
        if let raw = form.unitId, !raw.isEmpty {
            if let id = Int(raw) { input.unitId = id } else { errors.append(.invalid("unitId", zh: "所属单位无效", en: "Invalid unit")) }
        }
        return (input, [:], errors)
    }
}
