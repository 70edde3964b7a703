import Foundation
import OpenAPIKit30

/// The OpenAPI 3 document, built from the same route list that registers the routes, so a route
/// cannot exist without being described (a test checks the two agree).
enum OpenAPIDocument {
    static let errorSchemaName = "Error"

    static var errorSchema: JSONSchema {
        .object(properties: [
            "error": .object(properties: [
                "code": .string, "message": .string, "field": .string(required: false, nullable: true),
                "details": .array(required: false, nullable: true, items: .object(properties: [
                    "code": .string, "message": .string, "field": .string(required: false, nullable: true),
                ])),
            ]),
        ])
    }

    static func build(_ routes: [RouteSpec] = AppRoutes.all) -> OpenAPI.Document {
        var schemas: OpenAPI.ComponentDictionary<JSONSchema> = [OpenAPI.ComponentKey(rawValue: errorSchemaName)!: errorSchema]
        func register(_ type: any APISchema.Type) -> JSONReference<JSONSchema> {
            schemas[OpenAPI.ComponentKey(rawValue: type.schemaName)!] = type.openAPISchema
            return .component(named: type.schemaName)
        }
        // Schemas referenced from inside others must exist even when no operation names them directly.
        _ = register(UnitDTO.self)
        _ = register(UserDTO.self)
        _ = register(TokenDTO.self)
        _ = register(AuditEntryDTO.self)

        var items: [String: OpenAPI.PathItem] = [:]
        var order: [String] = []
        for route in routes {
            guard let doc = route.doc else { continue }
            let parameters: OpenAPI.Parameter.Array = doc.parameters.map { parameter in
                .b(OpenAPI.Parameter(name: parameter.name,
                                     context: parameter.location == .path ? .path : .query(required: false),
                                     schema: parameter.schema, description: parameter.description))
            }
            var responses: OpenAPI.Response.Map = [:]
            let success = OpenAPI.Response.StatusCode(integerLiteral: doc.successStatus)
            if let response = doc.response {
                responses[success] = .b(OpenAPI.Response(description: doc.summary, content: [.json: .init(schemaReference: register(response))]))
            } else {
                responses[success] = .b(OpenAPI.Response(description: doc.summary))
            }
            responses[.default] = .b(OpenAPI.Response(description: "错误（error 对象：code、message、field）",
                                                      content: [.json: .init(schemaReference: .component(named: errorSchemaName))]))
            let operation: OpenAPI.Operation
            switch doc.request {
            case .none:
                operation = OpenAPI.Operation(tags: [doc.tag], summary: doc.summary, operationId: doc.operationID, parameters: parameters, responses: responses)
            case .json(let type):
                let body = OpenAPI.Request(content: [.json: .init(schemaReference: register(type))], required: true)
                operation = OpenAPI.Operation(tags: [doc.tag], summary: doc.summary, operationId: doc.operationID, parameters: parameters,
                                              requestBody: body, responses: responses)
            case .upload:
                let body = OpenAPI.Request(content: [
                    .multipartForm: .init(schema: .object(properties: ["file": .string(format: .binary)])),
                ], required: true)
                operation = OpenAPI.Operation(tags: [doc.tag], summary: doc.summary, operationId: doc.operationID, parameters: parameters,
                                              requestBody: body, responses: responses)
            }
            let path = route.openAPIPath
            if items[path] == nil { order.append(path) }
            var item = items[path] ?? OpenAPI.PathItem()
            switch route.method {
            case .GET: item.get = operation
            case .POST: item.post = operation
            case .PATCH: item.patch = operation
            case .PUT: item.put = operation
            case .DELETE: item.delete = operation
            default: continue
            }
            items[path] = item
        }
        var paths: OpenAPI.PathItem.Map = [:]
        for path in order { paths[OpenAPI.Path(rawValue: path)] = .b(items[path]!) }
        let components = OpenAPI.Components(
            schemas: schemas,
            securitySchemes: [
                "bearer": .init(type: .http(scheme: "bearer", bearerFormat: "gx_…"), description: "API 令牌：在“我的账号”页创建"),
                "session": .init(type: .apiKey(name: "gx_session", location: .cookie), description: "浏览器会话（写操作需 X-CSRF-Token 头）"),
            ])
        return OpenAPI.Document(
            info: .init(title: "高新产业生态平台 API", description: "Gaoxin /api/v1：JSON，camelCase 字段，金额为万元整数，列表分页返回 total。", version: "1.0.0"),
            servers: [],
            paths: paths,
            components: components,
            security: [[.component(named: "bearer"): []], [.component(named: "session"): []]]
        )
    }

    static func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(build())
    }
}
