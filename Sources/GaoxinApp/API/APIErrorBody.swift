import GaoxinDomain
import Vapor

/// `{"error":{"code","message","field"}}`; `details` lists every field failure of a validation.
struct APIErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: String
        var field: String?
    }

    struct ErrorObject: Content {
        var code: String
        var message: String
        var field: String?
        var details: [Detail]?
    }

    var error: ErrorObject

    init(code: String, message: String, field: String?, details: [Detail]? = nil) {
        error = ErrorObject(code: code, message: message, field: field, details: details)
    }

    init(_ appError: AppError) {
        var details: [Detail]?
        if case .validation(let failed) = appError {
            details = failed.errors.map { Detail(code: $0.code, message: $0.messageZh, field: $0.field) }
        }
        self.init(code: appError.code, message: appError.message, field: appError.field, details: details)
    }
}
