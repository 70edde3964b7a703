import OpenAPIKit30
import Vapor

/// Every route of a declared register, HTML and API, each with its access rule and (API) its
/// OpenAPI description, all from the declaration: paths from `declaration.path`, schemas from
/// its fields, list parameters from its list definition.
enum RegisterRoutes {
    static func routes(_ declaration: RegisterDeclaration) -> [RouteSpec] {
        let pages = RegisterPages(declaration: declaration), api = RegisterAPI(declaration: declaration)
        let policy = declaration.policy, path = declaration.path, apiPath = declaration.apiPath
        let tag = declaration.titleZh, name = declaration.schemaName
        let id = APIParameter.path("id", "ID")
        let record = APISchemaValue(name: name, schema: RegisterDTO.schema(declaration))
        let page = APISchemaValue(name: name + "List", schema: .object(properties: [
            "items": .array(items: .reference(.component(named: name))), "total": .integer, "page": .integer, "per": .integer, "totalIsLowerBound": .boolean,
        ]))
        let searched = declaration.fields.filter(\.searchable).map(\.zh).joined(separator: "、")
        let definition = RegisterList.definition(declaration)
        let duplicate = APIRefusal.conflict("启用时其唯一字段已被其他在用记录占用")
        return [
            RouteSpec(.GET, path, .read(policy), pages.index),
            RouteSpec(.GET, path + "/export", .read(policy), pages.export),
            RouteSpec(.GET, path + "/new", .write(policy), pages.newForm),
            RouteSpec(.POST, path, .write(policy), pages.create),
            RouteSpec(.GET, path + "/:id", .read(policy), pages.show),
            RouteSpec(.GET, path + "/:id/edit", .write(policy), pages.editForm),
            RouteSpec(.POST, path + "/:id", .write(policy), pages.update),
            RouteSpec(.POST, path + "/:id/deactivate", .write(policy), pages.setActive(false)),
            RouteSpec(.POST, path + "/:id/reactivate", .write(policy), pages.setActive(true)),

            RouteSpec(.GET, apiPath, .read(policy),
                      doc: APIOperation(operationID: "list\(name)s", summary: "列出\(tag)", tag: tag,
                                        parameters: APIParameter.list(definition, search: searched.isEmpty ? "名称中的子串" : searched + "中的子串"),
                                        responseValue: page), api.list),
            RouteSpec(.POST, apiPath, .write(policy),
                      doc: APIOperation(operationID: "create\(name)", summary: "新建\(tag)", tag: tag,
                                        request: .schema(APISchemaValue(name: name + "Input", schema: RegisterDTO.inputSchema(declaration, partial: false)), patch: false),
                                        successStatus: 201, responseValue: record), api.create),
            RouteSpec(.GET, apiPath + "/:id", .read(policy),
                      doc: APIOperation(operationID: "get\(name)", summary: "查看\(tag)", tag: tag, parameters: [id], responseValue: record), api.show),
            RouteSpec(.PATCH, apiPath + "/:id", .write(policy),
                      doc: APIOperation(operationID: "update\(name)", summary: "修改\(tag)（只改提交的字段）", tag: tag, parameters: [id],
                                        request: .schema(APISchemaValue(name: name + "Patch", schema: RegisterDTO.inputSchema(declaration, partial: true)), patch: true),
                                        responseValue: record), api.update),
            RouteSpec(.POST, apiPath + "/:id/deactivate", .write(policy),
                      doc: APIOperation(operationID: "deactivate\(name)", summary: "停用\(tag)", tag: tag, parameters: [id], responseValue: record), api.setActive(false)),
            RouteSpec(.POST, apiPath + "/:id/reactivate", .write(policy),
                      doc: APIOperation(operationID: "reactivate\(name)", summary: "启用\(tag)", tag: tag, parameters: [id], responseValue: record,
                                        refusals: [duplicate]), api.setActive(true)),
        ]
    }
}
