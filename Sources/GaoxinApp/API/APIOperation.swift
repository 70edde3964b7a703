import OpenAPIKit30

/// A DTO that can describe itself in the OpenAPI document.
protocol APISchema {
    static var schemaName: String { get }
    static var openAPISchema: JSONSchema { get }
}

struct APIParameter: Sendable {
    enum Location: Sendable { case path, query }
    let name: String
    let location: Location
    let description: String
    let schema: JSONSchema
    let required: Bool

    static func path(_ name: String, _ description: String) -> APIParameter {
        APIParameter(name: name, location: .path, description: description, schema: .integer(minimum: (1, exclusive: false)), required: true)
    }

    /// A text path segment, e.g. a period `2025-03`.
    static func pathText(_ name: String, _ description: String, pattern: String) -> APIParameter {
        APIParameter(name: name, location: .path, description: description, schema: .string(pattern: pattern), required: true)
    }

    /// A record id in a query (ids start at 1; 0 or less is refused).
    static let idSchema = JSONSchema.integer(minimum: (1, exclusive: false))

    /// A list's `sort`, its keys read from the list's definition (so the document cannot drift).
    static func sort(_ definition: ListDefinition) -> APIParameter {
        let keys = definition.sorts.keys.sorted()
        return query("sort", "排序：" + keys.joined(separator: "、") + "，前加 - 为倒序",
                     .string(pattern: "^-?(" + keys.joined(separator: "|") + ")$"))
    }

    static func query(_ name: String, _ description: String, _ schema: JSONSchema = .string) -> APIParameter {
        APIParameter(name: name, location: .query, description: description, schema: schema, required: false)
    }
}

/// The OpenAPI description of one API route, kept beside the route itself.
struct APIOperation: @unchecked Sendable {
    enum RequestBody {
        case none
        case json(any APISchema.Type)
        /// A file upload (multipart/form-data field `file`).
        case upload
    }

    var operationID: String
    var summary: String
    var tag: String
    var parameters: [APIParameter] = []
    var request: RequestBody = .none
    var successStatus: Int = 200
    /// nil for an empty success body (204).
    var response: (any APISchema.Type)?
}

extension JSONSchema {
    /// Text that must hold something besides spaces (names, reasons): the server trims and refuses blanks.
    static let nonBlank = "\\S"
}
