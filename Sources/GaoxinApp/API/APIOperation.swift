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
    /// `name=` (nothing after `=`) is read as "not given": documented as OpenAPI `allowEmptyValue`.
    var allowEmptyValue = false

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
        var parameter = query("sort", "排序：" + keys.joined(separator: "、") + "，前加 - 为倒序；为空时按默认顺序",
                              .string(pattern: "^-?(" + keys.joined(separator: "|") + ")$"))
        parameter.allowEmptyValue = true
        return parameter
    }

    /// Every parameter a list endpoint takes, read from the same definition `ListQuery.parse` checks
    /// them against: `q`, `page`, `per`, `sort` and each filter with the values it accepts (a
    /// choice as an enum, an id as an integer ≥ 1, a date as a date…). An empty value is "not
    /// given" for all of them — what a browser form sends for "all" — so each allows it.
    /// `descriptions` replaces a filter's generated description where a sentence says more.
    static func list(_ definition: ListDefinition, search: String, _ descriptions: [String: String] = [:]) -> [APIParameter] {
        var parameters: [APIParameter] = [
            query("q", search + "（不超过 \(ListQuery.maxSearchLength) 个字符）", .string(maxLength: ListQuery.maxSearchLength)),
            query("page", "页码，从 1 开始", .integer(maximum: (ListQuery.maxPage, exclusive: false), minimum: (1, exclusive: false))),
            query("per", "每页条数，1–\(ListQuery.maxPer)", .integer(maximum: (ListQuery.maxPer, exclusive: false), minimum: (1, exclusive: false))),
            sort(definition),
        ]
        for filter in definition.filters {
            parameters.append(query(filter.key, descriptions[filter.key] ?? filter.openAPIDescription, filter.openAPISchema))
        }
        return parameters.map { parameter in
            var parameter = parameter
            parameter.allowEmptyValue = true
            return parameter
        }
    }

    /// `allowEmpty`: the server reads `name=` as "not given" (see `allowEmptyValue`).
    static func query(_ name: String, _ description: String, _ schema: JSONSchema = .string, allowEmpty: Bool = false) -> APIParameter {
        APIParameter(name: name, location: .query, description: description, schema: schema, required: false, allowEmptyValue: allowEmpty)
    }
}

/// A refusal an operation documents besides `default`: its status and when it happens. These are
/// the business rules a schema cannot state, so a request the schema admits may still meet them.
struct APIRefusal: Sendable, Equatable {
    let status: Int
    let reason: String

    /// 422: the data breaks a rule (a check digit, a duplicate name, a deactivated unit…);
    /// `error.details` lists every field's problem.
    static func rule(_ reason: String) -> APIRefusal { APIRefusal(status: 422, reason: reason) }
    /// 409: the record's present state forbids the change (a unit that still has users…).
    static func conflict(_ reason: String) -> APIRefusal { APIRefusal(status: 409, reason: reason) }

    /// Every JSON body and upload passes the server's rules after the schema: a body the schema
    /// admits can still be refused with 422.
    static let bodyRules = rule("内容符合格式但违反业务规则（如必填项、校验位、重名、引用的记录不存在或已停用）：error.details 列出每个字段的问题，未写入任何数据")
}

/// The OpenAPI description of one API route, kept beside the route itself.
struct APIOperation: @unchecked Sendable {
    enum RequestBody {
        case none
        case json(any APISchema.Type)
        /// A partial update (PATCH) with the fields of this input: none is required (`{}` changes
        /// nothing), but a missing or empty body is refused with 422 (`APIBody.decodePatch`).
        /// `without` names fields the create input has but an update refuses (a unit's parent
        /// changes through its own operation; a password is not changed here).
        case patch(any APISchema.Type, without: [String] = [])
        /// A file upload (multipart/form-data field `file`).
        case upload
        /// A body whose schema is a value (declared registers build theirs from their fields):
        /// a create, or with `patch` a partial update.
        case schema(APISchemaValue, patch: Bool)
    }

    var operationID: String
    var summary: String
    var tag: String
    var parameters: [APIParameter] = []
    var request: RequestBody = .none
    var successStatus: Int = 200
    /// nil for an empty success body (204).
    var response: (any APISchema.Type)?
    /// The success body as a schema value (declared registers), when `response` is not a type.
    var responseValue: APISchemaValue? = nil
    /// Business-rule refusals besides `bodyRules`, which every JSON body has.
    var refusals: [APIRefusal] = []

    /// What the document lists besides success and `default`.
    var documentedRefusals: [APIRefusal] {
        switch request {
        case .json, .patch, .schema: return [.bodyRules] + refusals.filter { $0.status != APIRefusal.bodyRules.status }
        case .none, .upload: return refusals
        }
    }
}

extension JSONSchema {
    /// Text that must hold something besides spaces (names, reasons): the server trims and refuses blanks.
    static let nonBlank = "\\S"

    /// The sort order of units, clusters and chain nodes (`InputLimits.sortOrder`).
    static func sortOrder(required: Bool = false) -> JSONSchema {
        .integer(required: required, maximum: (InputLimits.sortOrder.upperBound, exclusive: false),
                 minimum: (InputLimits.sortOrder.lowerBound, exclusive: false))
    }

    /// A day `YYYY-MM-DD` the server takes for a record (years 1900–2999, `CalendarDay`).
    static func recordDay(required: Bool) -> JSONSchema {
        .string(format: .date, required: required, pattern: "^(19[0-9]{2}|2[0-9]{3})-")
    }
}

/// Bounds the writes check and the API document states, written once.
enum InputLimits {
    static let sortOrder = -1_000_000...1_000_000
}

/// A named schema built at run time rather than by a type (`APISchema`).
struct APISchemaValue: @unchecked Sendable {
    let name: String
    let schema: JSONSchema
}
