import GaoxinDomain
import Vapor

/// Decodes a JSON request body, turning a malformed body into the API error object (400).
enum APIBody {
    static func decode<T: Decodable>(_ type: T.Type, _ req: Request) throws -> T {
        guard req.headers.contentType == .json || req.body.data == nil else {
            throw AppError.badRequest("请求体应为 JSON（Content-Type: application/json）")
        }
        // No body reads as `{}`: fine where every field is optional, else the missing field is named.
        let bytes = req.body.data.flatMap { $0.readableBytes > 0 ? Data($0.readableBytesView) : nil } ?? Data("{}".utf8)
        do {
            return try APICoders.decoder.decode(T.self, from: bytes)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw AppError.badRequest("字段“\(field)”的类型不正确", field: field.isEmpty ? nil : field)
        } catch let DecodingError.keyNotFound(key, _) {
            throw AppError.badRequest("缺少字段“\(key.stringValue)”", field: key.stringValue)
        } catch {
            throw AppError.badRequest("请求体不是有效的 JSON")
        }
    }

    /// Decodes the body of a partial update (PATCH). A missing or empty body is refused with 422:
    /// a client whose body was lost on the way must hear so, not get a 200 for a change that never
    /// happened. `{}` says "change nothing" on purpose and is answered with the record, unchanged
    /// and not audited. The document says the same (the request body is required; a `…Patch`
    /// schema requires no field).
    static func decodePatch<T: Decodable>(_ type: T.Type, _ req: Request) throws -> T {
        let bytes = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        if String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationFailed([FieldError(field: "body", code: "empty_patch",
                                               zh: "请求体为空：请以 JSON 对象提交要修改的字段",
                                               en: "The request body is empty: send a JSON object with the fields to change")])
        }
        return try decode(type, req)
    }
}
