import GaoxinDomain
import Vapor

/// Errors with a stable code, an HTTP status and a Chinese message; one mapper renders them as
/// the API error object or an HTML error page.
enum AppError: Error {
    case unauthenticated
    /// A bearer token that matches no live token (mistyped, revoked, or its user deactivated).
    case invalidToken
    /// A live token whose account is locked after repeated failed sign-ins.
    case accountLocked(until: Date)
    case forbidden
    case readOnlyToken
    case csrf
    case notFound(String)
    case badRequest(String, field: String? = nil)
    case conflict(String, field: String? = nil)
    case tooLarge(String)
    case validation(ValidationFailed)
    case rateLimited(String)
    /// The database did not hand out a connection in time (e.g. a large import is writing).
    case busy
    /// The path exists, but not for this method; `allowed` goes into the `Allow` header.
    case methodNotAllowed(allowed: [String])
    case internalError

    var status: HTTPResponseStatus {
        switch self {
        case .unauthenticated, .invalidToken, .accountLocked: return .unauthorized
        case .forbidden, .readOnlyToken, .csrf: return .forbidden
        case .notFound: return .notFound
        case .badRequest: return .badRequest
        case .conflict: return .conflict
        case .tooLarge: return .payloadTooLarge
        case .validation: return .unprocessableEntity
        case .rateLimited: return .tooManyRequests
        case .busy: return .serviceUnavailable
        case .methodNotAllowed: return .methodNotAllowed
        case .internalError: return .internalServerError
        }
    }

    var code: String {
        switch self {
        case .unauthenticated: return "unauthenticated"
        case .invalidToken: return "invalid_token"
        case .accountLocked: return "account_locked"
        case .forbidden: return "forbidden"
        case .readOnlyToken: return "read_only_token"
        case .csrf: return "csrf_failed"
        case .notFound: return "not_found"
        case .badRequest: return "bad_request"
        case .conflict: return "conflict"
        case .tooLarge: return "too_large"
        case .validation(let failed): return failed.errors.first?.code ?? "invalid"
        case .rateLimited: return "rate_limited"
        case .busy: return "busy"
        case .methodNotAllowed: return "method_not_allowed"
        case .internalError: return "internal_error"
        }
    }

    var field: String? {
        switch self {
        case .badRequest(_, let field), .conflict(_, let field): return field
        case .validation(let failed): return failed.errors.first?.field
        default: return nil
        }
    }

    var message: String {
        switch self {
        case .unauthenticated: return "请先登录"
        case .invalidToken: return "API 令牌无效或已被吊销，请检查 Authorization: Bearer 后的令牌"
        case .accountLocked(let until): return "该令牌所属账号因多次登录失败已锁定，令牌暂停使用，请于 \(DisplayFormat.time(until)) 后再试，或联系管理员解锁"
        case .forbidden: return "您没有权限执行此操作"
        case .readOnlyToken: return "此 API 令牌为只读，不能修改数据"
        case .csrf: return "表单已过期或来源无法验证，请刷新页面后重试"
        case .notFound(let what): return "未找到\(what)"
        case .badRequest(let message, _), .conflict(let message, _), .tooLarge(let message), .rateLimited(let message): return message
        case .validation(let failed): return failed.errors.first?.messageZh ?? "提交的内容有误"
        case .methodNotAllowed(let allowed): return "该地址不支持此请求方法（可用：\(allowed.joined(separator: "、"))）"
        case .busy: return "系统正忙（可能正在写入一批导入数据），请稍候几秒再试"
        case .internalError: return "服务器内部错误，请稍后重试；如持续出现请联系管理员"
        }
    }

    /// The English page text where the message is fixed; messages built from data stay Chinese.
    var messageEn: String {
        switch self {
        case .unauthenticated: return "Please sign in"
        case .invalidToken: return "The API token is invalid or revoked; check the token after Authorization: Bearer"
        case .accountLocked(let until): return "The token's account is locked after repeated failed sign-ins; try again after \(DisplayFormat.time(until)) or ask an administrator to unlock it"
        case .forbidden: return "You are not allowed to do this"
        case .readOnlyToken: return "This API token is read-only"
        case .csrf: return "The form expired or its origin could not be verified; reload the page and try again"
        case .notFound: return "The page or record was not found"
        case .methodNotAllowed(let allowed): return "This address does not take that method (allowed: \(allowed.joined(separator: ", ")))"
        case .busy: return "The system is busy (perhaps writing an import); try again in a few seconds"
        case .internalError: return "Internal error; please try again, and tell the administrator if it persists"
        default: return message
        }
    }
}
