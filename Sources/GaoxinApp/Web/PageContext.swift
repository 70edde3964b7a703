import GaoxinDomain
import Vapor

/// What every page needs besides its own model: language, the signed-in actor, the CSRF token
/// for its forms, the current path (for navigation) and a one-line notice after a redirect.
struct PageContext: Sendable {
    var lang: UILanguage
    var actor: Actor?
    var csrfToken: String?
    var path: String
    var notice: Notice?

    func t(_ zh: String, _ en: String) -> String { lang.t(zh, en) }
}

/// Confirmations shown after a redirect (`?notice=created`); codes, so the URL carries no free text.
enum Notice: String, Sendable {
    case created, saved, moved, deleted, deactivated, reactivated, passwordChanged, tokenRevoked, signedOut, idleSignedOut, unlocked, imported, enterpriseCreated, enterpriseLinked

    func text(_ lang: UILanguage) -> String {
        switch self {
        case .created: return lang.t("已创建", "Created")
        case .saved: return lang.t("已保存", "Saved")
        case .moved: return lang.t("已移动", "Moved")
        case .deleted: return lang.t("已删除", "Deleted")
        case .deactivated: return lang.t("已停用", "Deactivated")
        case .reactivated: return lang.t("已启用", "Reactivated")
        case .passwordChanged: return lang.t("密码已修改；该账号原有的 API 令牌已全部吊销", "Password changed; the account's API tokens have all been revoked")
        case .tokenRevoked: return lang.t("令牌已吊销", "Token revoked")
        case .signedOut: return lang.t("您已退出登录", "You have signed out")
        case .idleSignedOut: return lang.t("长时间未操作，已自动退出，请重新登录", "Signed out after inactivity; please sign in again")
        case .unlocked: return lang.t("账号已解锁", "Account unlocked")
        case .imported: return lang.t("导入完成", "Import finished")
        case .enterpriseCreated: return lang.t("已登记落地企业并关联到本项目", "The enterprise is registered and linked to the project")
        case .enterpriseLinked: return lang.t("已按信用代码关联企业名录中的企业", "Linked to the enterprise already registered under that credit code")
        }
    }
}

extension Request {
    /// Builds the page context, creating an anonymous session when the page has forms and the
    /// browser has none yet (returns the cookie to set). A request with an API token gets none:
    /// it is exempt from CSRF (`SessionMiddleware`), and a script reading pages by token made a
    /// session row — a write — on every request.
    func pageContext(needsSession: Bool = true) async throws -> (PageContext, cookie: String?) {
        var cookie: String?
        var token = browserSession?.csrfToken
        if token == nil, needsSession, headers.bearerAuthorization == nil {
            let (session, secret) = try await SessionStore.ensure(self)
            token = session.csrfToken
            cookie = secret
        }
        let notice = query[String.self, at: "notice"].flatMap(Notice.init(rawValue:))
        return (PageContext(lang: uiLanguage, actor: actor, csrfToken: token, path: url.path, notice: notice), cookie)
    }
}
