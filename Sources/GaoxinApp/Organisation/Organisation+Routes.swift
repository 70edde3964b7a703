import OpenAPIKit30
import Vapor

enum OrganisationRoutes {
    static let policy = Policies.organisation
    static let idParam = APIParameter.path("id", "单位 ID")

    static var all: [RouteSpec] {
        RecordRoutes(
            path: "/units", policy: policy,
            pages: UnitPages.self, api: UnitsAPI.self,
            docs: .init(schemaName: "Unit", tag: "组织单位", idDescription: "单位 ID",
                        listParameters: APIParameter.list(UnitQueries.list, search: "名称或编码中的任意子串",
                                                          ["active": "1 启用 / 0 停用", "under": "只列出该单位 ID 之下的单位"]),
                        list: .type(UnitListDTO.self), record: .type(UnitDTO.self),
                        create: .json(UnitInput.self), patch: .patch(UnitInput.self, without: ["parentId"]),
                        summaries: ["update": "修改组织单位（不含上级，只改提交的字段）"],
                        deactivateRefusals: [.conflict("单位还有启用的下级单位或用户")],
                        reactivateRefusals: [.conflict("上级单位已停用")])
        ).routes(
            morePages: [RouteSpec(.POST, "/units/:id/move", .write(policy), UnitPages.move)],
            moreAPI: [
                RouteSpec(.POST, "/api/v1/units/:id/move", .write(policy),
                          doc: APIOperation(operationID: "moveUnit", summary: "移动组织单位到新的上级", tag: "组织单位", parameters: [idParam], request: .json(UnitMoveInput.self), response: UnitDTO.self),
                          UnitsAPI.move),
            ])
    }
}
