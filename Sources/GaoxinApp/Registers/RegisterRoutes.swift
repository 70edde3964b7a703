import OpenAPIKit30
import Vapor

/// Every route of a declared register, HTML and API, each with its access rule and (API) its
/// OpenAPI description, all from the declaration: paths from `declaration.path`, schemas from
/// its fields, list parameters from its list definition.
enum RegisterRoutes {
    /// `morePages` and `moreAPI`: what the register alone does (a cluster's chains and figures).
    static func routes(_ declaration: RegisterDeclaration, morePages: [RouteSpec] = [], moreAPI: [RouteSpec] = []) -> [RouteSpec] {
        let pages = RegisterPages(declaration: declaration), api = RegisterAPI(declaration: declaration)
        let name = declaration.schemaName
        let record = APISchemaValue(name: name, schema: RegisterDTO.schema(declaration))
        let page = APISchemaValue(name: name + "List", schema: .object(properties: [
            "items": .array(items: .reference(.component(named: name))), "total": .integer, "page": .integer, "per": .integer, "totalIsLowerBound": .boolean,
        ]))
        let searched = declaration.fields.filter { $0.searchable || $0.searchedByPrefix }.map(\.zh).joined(separator: "、")
        let docs = RecordRoutes.Docs(
            schemaName: name, tag: declaration.titleZh,
            listParameters: APIParameter.list(RegisterList.definition(declaration), search: searched.isEmpty ? "名称中的子串" : searched + "中的子串"),
            list: .value(page), record: .value(record),
            create: .schema(APISchemaValue(name: name + "Input", schema: RegisterDTO.inputSchema(declaration, partial: false)), patch: false),
            patch: .schema(APISchemaValue(name: name + "Patch", schema: RegisterDTO.inputSchema(declaration, partial: true)), patch: true),
            // A register that reads the database before (de)activating (a unit with active sub-units) may refuse either way.
            deactivateRefusals: declaration.activationConflict == nil ? [] : [.conflict("记录仍有启用的下级或关联记录，暂不能停用")],
            reactivateRefusals: [.conflict(declaration.activationConflict == nil ? "启用时其唯一字段已被其他在用记录占用" : "启用时其唯一字段已被占用，或其上级已停用")])
        return RecordRoutes(
            path: declaration.path, policy: declaration.policy,
            pages: .init(index: pages.index, export: pages.export, newForm: pages.newForm, create: pages.create, show: pages.show,
                         editForm: pages.editForm, update: pages.update, setActive: pages.setActive),
            api: .init(list: api.list, create: api.create, show: api.show, update: api.update, setActive: api.setActive),
            docs: docs
        ).routes(morePages: morePages, moreAPI: moreAPI)
    }
}
