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
        _ = register(TokenDTO.self)
        _ = register(AuditEntryDTO.self)
        _ = register(ChainGapDTO.self)

        var items: [String: OpenAPI.PathItem] = [:]
        var order: [String] = []
        for route in routes {
            guard let doc = route.doc else { continue }
            let parameters: OpenAPI.Parameter.Array = doc.parameters.map { parameter in
                .b(OpenAPI.Parameter(name: parameter.name,
                                     context: parameter.location == .path ? .path : .query(required: false, allowEmptyValue: parameter.allowEmptyValue),
                                     schema: parameter.schema, description: parameter.description))
            }
            var responses: OpenAPI.Response.Map = [:]
            let success = OpenAPI.Response.StatusCode(integerLiteral: doc.successStatus)
            if let response = doc.response {
                responses[success] = .b(OpenAPI.Response(description: doc.summary, content: [.json: .init(schemaReference: register(response))]))
            } else if let value = doc.responseValue {
                schemas[OpenAPI.ComponentKey(rawValue: value.name)!] = value.schema
                responses[success] = .b(OpenAPI.Response(description: doc.summary, content: [.json: .init(schemaReference: .component(named: value.name))]))
            } else {
                responses[success] = .b(OpenAPI.Response(description: doc.summary))
            }
            for refusal in doc.documentedRefusals {
                responses[OpenAPI.Response.StatusCode(integerLiteral: refusal.status)] = .b(OpenAPI.Response(
                    description: refusal.reason, content: [.json: .init(schemaReference: .component(named: errorSchemaName))]))
            }
            responses[.default] = .b(OpenAPI.Response(description: "错误（error 对象：code、message、field）",
                                                      content: [.json: .init(schemaReference: .component(named: errorSchemaName))]))
            let operation: OpenAPI.Operation
            switch doc.request {
            case .none:
                operation = OpenAPI.Operation(tags: [doc.tag], summary: doc.summary, operationId: doc.operationID, parameters: parameters, responses: responses)
            case .json(let type), .patch(let type, _):
                var patchWithout: [String]?
                if case .patch(_, let without) = doc.request { patchWithout = without }
                let name = patchWithout == nil ? type.schemaName : patchSchemaName(type.schemaName)
                schemas[OpenAPI.ComponentKey(rawValue: name)!] = requestSchema(type.openAPISchema, patchWithout: patchWithout)
                let body = OpenAPI.Request(content: [.json: .init(schemaReference: .component(named: name))], required: true)
                operation = OpenAPI.Operation(tags: [doc.tag], summary: doc.summary, operationId: doc.operationID, parameters: parameters,
                                              requestBody: body, responses: responses)
            case .schema(let value, _):
                // Declared registers state their bodies exactly (RegisterDTO.inputSchema): no widening.
                schemas[OpenAPI.ComponentKey(rawValue: value.name)!] = value.schema
                let body = OpenAPI.Request(content: [.json: .init(schemaReference: .component(named: value.name))], required: true)
                operation = OpenAPI.Operation(tags: [doc.tag], summary: doc.summary, operationId: doc.operationID, parameters: parameters,
                                              requestBody: body, responses: responses)
            case .upload:
                let body = OpenAPI.Request(content: [
                    // An empty file is refused (400 "请选择要导入的文件"), so the document says at least one byte.
                    .multipartForm: .init(schema: .object(properties: ["file": .string(format: .binary, minLength: 1)])),
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

    /// `UnitInput` → `UnitPatch`: the schema of a partial update built from a create input.
    static func patchSchemaName(_ inputName: String) -> String {
        (inputName.hasSuffix("Input") ? String(inputName.dropLast("Input".count)) : inputName) + "Patch"
    }

    /// A JSON request body as the server reads it. Every input field is a Swift optional, so a
    /// field the schema does not require may also be `null`, read as "not given". A PATCH
    /// requires no field (`{}` changes nothing); its body itself is required (`APIBody.decodePatch`
    /// refuses a missing one with 422).
    static func requestSchema(_ schema: JSONSchema, patchWithout: [String]?) -> JSONSchema {
        guard case .object(let core, let object) = schema.value else { return schema }
        let patch = patchWithout != nil
        var properties = object.properties.mapValues { property -> JSONSchema in
            let field = patch ? property.optionalSchemaObject() : property
            if field.required || field.nullable { return field }
            // An enum admits null only when null is one of its values (OpenAPI 3.0.3).
            if let values = field.allowedValues, !values.contains(nil) { return field.nullableSchemaObject().with(allowedValues: values + [nil]) }
            return field.nullableSchemaObject()
        }
        for name in patchWithout ?? [] { properties[name] = nil }
        // A declared minimum above the required fields' count (e.g. "at least one figure") stays.
        let declaredMinimum = object.minProperties > object.requiredProperties.count ? object.minProperties : nil
        return .object(core, .init(properties: properties, additionalProperties: object.additionalProperties,
                                   maxProperties: object.maxProperties, minProperties: patch ? nil : declaredMinimum))
    }

    static func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(build())
        // Every integer the API reads or writes is a Swift `Int`/`Int64`: said once here, so a
        // client (or a fuzzer) knows that 2^63 is out of range rather than finding a 400.
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        return try JSONSerialization.data(withJSONObject: int64Integers(object), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// `{"type": "integer"}` without a format gets `"format": "int64"`, at any depth.
    static func int64Integers(_ value: Any) -> Any {
        if var object = value as? [String: Any] {
            for (key, child) in object { object[key] = int64Integers(child) }
            if object["type"] as? String == "integer", object["format"] == nil { object["format"] = "int64" }
            return object
        }
        if let array = value as? [Any] { return array.map(int64Integers) }
        return value
    }
}
