import GaoxinDomain
import Plot
import Vapor

/// What a user's page shows an administrator beyond the fields (`RegisterRecordSections`): the
/// lock-out and its unlock, the password reset, and the user's API tokens. A refused reset redraws
/// this section with its error.
enum UserSections {
    static let name = "user-access"

    static let all: [RegisterRecordSections.Section] = [.init(name: name) { req, record in try await access(req, record, errors: []) }]

    static func access(_ req: Request, _ user: RegisterRecord, errors: [FieldError]) async throws -> RegisterRecordSections.Draw {
        guard req.actor?.hasAny(Policies.users.write) ?? false else { return { _ in .empty } }
        let tokens = try await TokenQueries.tokens(of: user.id, on: req.db)
        let locked = (user.text("lockedUntil").flatMap(RegisterTimestamp.date) ?? .distantPast) > req.now
        return { context in
            .section(.class("user-access " + Print.hidden),
                FormField.summary(errors, lang: context.lang),
                .if(locked, .div(.class("actions"),
                    .p(.class("notice"), .text(context.t("该账号因连续登录失败已锁定", "This account is locked after failed sign-ins"))),
                    .form(.class("inline"), .method(.post), .action(Site.userUnlock(user.id)), Page.csrf(context),
                          .button(.type(.submit), .class("secondary"), .text(context.t("解锁", "Unlock")))))),
                .form(.class("record"), .method(.post), .action(Site.userPassword(user.id)), Page.csrf(context),
                      FormField.text("newPassword", label: context.t("重设密码", "Reset password"), value: "", errors: errors, lang: context.lang, type: .password,
                                     hint: context.t("重设密码会结束该用户的登录并吊销其全部 API 令牌", "Resetting the password signs the user out and revokes all their API tokens")),
                      .div(.class("actions"), .button(.type(.submit), .class("secondary"), .text(context.t("设置", "Set"))))),
                .h2(.text(context.t("API 令牌", "API tokens"))),
                TokenViews.table(context, tokens, revokePath: Site.accountTokenRevoke))
        }
    }
}

/// The account actions of a user's page, and `GET /api/v1/me`.
enum UserPages {
    static func unlock(_ req: Request) async throws -> Response {
        let user = try await RegisterPages(declaration: .users).find(req)
        try await UserCredentials.unlock(user, req)
        return .redirect(Site.user(user.id) + "?notice=unlocked")
    }

    static func resetPassword(_ req: Request) async throws -> Response {
        let pages = RegisterPages(declaration: .users)
        let record = try await pages.find(req)
        guard let user = try await User.find(record.id, on: req.db) else { throw AppError.notFound("该用户") }
        let password = (try? req.content.get(String.self, at: "newPassword")) ?? ""
        do {
            try await UserCredentials.setPassword(user, password, keepSession: nil, req)
        } catch AppError.validation(let failed) {
            let draw = try await UserSections.access(req, record, errors: failed.errors)
            return try await pages.show(req, record: record, redrawn: .init(name: UserSections.name, draw: draw), status: .unprocessableEntity)
        }
        return .redirect(Site.user(user.id!) + "?notice=passwordChanged")
    }

    static func me(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        guard let user = try await RegisterStore.find(.users, id: actor.userID, on: req.db) else { throw AppError.unauthenticated }
        return try .json(RegisterDTO(declaration: .users, record: user))
    }
}
