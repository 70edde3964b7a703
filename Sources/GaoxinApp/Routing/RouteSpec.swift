import Vapor

/// One route as data: method, path pattern, who may use it, and its handler. API routes also
/// carry their OpenAPI description, so the document is built from the same list that registers
/// the routes and a test can tell when one is missing.
struct RouteSpec: Sendable {
    enum Body: Sendable {
        case collect
        /// Uploads: collected up to the configured import limit instead of Vapor's 16 KB default.
        case upload
    }

    /// The largest form or JSON body (uploads have the import limit instead).
    static let bodyLimit = 1024 * 1024
    /// Where a registered route keeps its `Body`, for the 413 message.
    static let bodyKey = "gaoxin.body"

    let method: HTTPMethod
    /// Pattern in Vapor form, e.g. `/api/v1/units/:id`.
    let path: String
    let access: Access
    let body: Body
    let doc: APIOperation?
    let handler: @Sendable (Request) async throws -> Response
    /// A public form whose handler checks the post itself (`PublicFormStamp`: the session's token,
    /// the time it was drawn): it carries no one's authority, and a visitor whose session lapsed
    /// while writing gets the form back with what they typed rather than the sign-in page.
    var checksOwnForm = false

    init(_ method: HTTPMethod, _ path: String, _ access: Access, body: Body = .collect, doc: APIOperation? = nil,
         _ handler: @escaping @Sendable (Request) async throws -> Response) {
        self.method = method
        self.path = path
        self.access = access
        self.body = body
        self.doc = doc
        self.handler = handler
    }

    var isAPI: Bool { path.hasPrefix("/api/") }

    var components: [PathComponent] { path.pathComponents }

    /// `/api/v1/units/{id}` for the OpenAPI document.
    var openAPIPath: String {
        "/" + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// Stable name used by tests and logs: `GET /units/:id`.
    var name: String { "\(method.rawValue) \(path)" }
}

extension Response {
    /// JSON with the API's conventions (camelCase keys, ISO-8601 dates).
    static func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let response = Response(status: status)
        try response.content.encode(value, using: APICoders.encoder)
        return response.notStored()
    }

    /// JSON text already written (`RegisterJSONText`), with the headers `json(_:)` gives.
    static func json(text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        return response.notStored()
    }

    /// JSON already written as UTF-8 bytes (`JSONBytes`).
    static func json(bytes: [UInt8], status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(buffer: ByteBuffer(bytes: bytes)))
        response.headers.contentType = .json
        return response.notStored()
    }

    /// API answers carry personal and programme data (and once, a new token's secret): no cache keeps them.
    private func notStored() -> Response {
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return self
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: ["Location": location])
    }
}

enum APICoders {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
