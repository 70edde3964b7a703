import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import GaoxinDomain
import GaoxinSheets
import Plot
import Vapor

/// The one error mapper: API paths get `{"error":{code,message,field}}`, pages an HTML page; an
/// unauthenticated page request goes to sign-in. Internal errors never leak their detail.
struct ErrorMapper: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            return await map(error, req)
        }
    }

    func map(_ error: Error, _ req: Request) async -> Response {
        let appError = Self.appError(error, req)
        let isAPI = req.url.path.hasPrefix("/api/")
        if case .unauthenticated = appError, !isAPI {
            let next = req.method == .GET ? req.url.string : Site.home
            let expired = req.sessionExpiredByIdle ? "&expired=1" : ""
            let response = Response.redirect(Site.signIn + "?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/") + expired)
            if req.sessionExpiredByIdle { response.cookies[SessionMiddleware.cookieName] = SessionStore.expiredCookie() }
            return response
        }
        if isAPI {
            let response = Response(status: appError.status)
            try? response.content.encode(APIErrorBody(appError), using: APICoders.encoder)
            switch appError {
            case .unauthenticated: response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer")
            case .invalidToken: response.headers.replaceOrAdd(name: .wwwAuthenticate, value: #"Bearer error="invalid_token""#)
            default: break
            }
            if case .methodNotAllowed(let allowed) = appError { response.headers.replaceOrAdd(name: .allow, value: allowed.joined(separator: ", ")) }
            return response
        }
        // A page drawn by a form post (the one-time token, a form with errors) has an address only
        // POST takes; reloading it or switching language comes back as GET: show its page instead.
        if case .methodNotAllowed = appError, req.method == .GET, let page = RouteMethods.nearestPage(above: req.url.path, app: req.application) {
            return Response.redirect(page)
        }
        let context = PageContext(lang: req.uiLanguage, actor: req.actor, csrfToken: req.browserSession?.csrfToken, path: req.url.path, notice: nil)
        let html = Page.render(context, title: context.t("出错了", "Something went wrong"),
                               .p(.class("form-errors"), .text(context.t(appError.message, appError.messageEn))),
                               .p(.a(.href(Site.home), .text(context.t("返回工作台", "Back to the dashboard")))))
        return Response.html(html, status: appError.status, req: req)
    }

    /// A unique-constraint violation on either engine.
    static func isUniqueViolation(_ error: Error) -> Bool {
        if let postgres = error as? PSQLError, postgres.serverInfo?[.sqlState] == "23505" { return true }
        return String(reflecting: error).contains("UNIQUE constraint failed")
    }

    static func appError(_ error: Error, _ req: Request) -> AppError {
        switch error {
        case let appError as AppError: return appError
        case let failed as ValidationFailed: return .validation(failed)
        case let abort as any AbortError:
            switch abort.status {
            case .notFound:
                let allowed = RouteMethods.allowed(for: req)
                return allowed.isEmpty ? .notFound("该页面或资源") : .methodNotAllowed(allowed: allowed)
            case .payloadTooLarge:
                if case .upload? = req.route?.userInfo[RouteSpec.bodyKey] as? RouteSpec.Body {
                    return .tooLarge(SheetError.tooLarge(limit: req.application.gaoxinConfig.importMaxBytes).messageZh)
                }
                return .tooLarge("请求内容超过 \(RouteSpec.bodyLimit / 1024 / 1024) MB 上限（上传文件请使用导入功能）")
            case .unauthorized: return .unauthenticated
            case .forbidden: return .forbidden
            case .methodNotAllowed: return .badRequest("不支持该请求方法")
            case .unsupportedMediaType: return .badRequest("不支持的内容类型")
            default:
                if abort.status.code < 500 { return .badRequest("请求无效：\(abort.reason)") }
            }
        case is DecodingError: return .badRequest("请求内容格式不正确")
        case is ConnectionPoolTimeoutError: return .busy
        case let sqlite as SQLiteError where sqlite.reason == .busy || sqlite.reason == .busyTimeout || sqlite.reason == .locked:
            // The write lock stayed taken past the busy timeout (a long import's transaction).
            return .busy
        case let error where isUniqueViolation(error):
            // The check before the write passed, but a concurrent request wrote the same key first.
            return .conflict("数据刚被其他人修改（名称或编码已存在），请刷新后重试")
        default: break
        }
        req.logger.report(error: error)
        return .internalError
    }
}
