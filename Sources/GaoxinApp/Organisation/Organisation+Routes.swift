import OpenAPIKit30
import Vapor

enum OrganisationRoutes {
    static let policy = Policies.organisation
    static let idParam = APIParameter.path("id", "单位 ID")
    static let listParams = APIParameter.list(UnitQueries.list, search: "名称或编码中的任意子串",
                                              ["active": "1 启用 / 0 停用", "under": "只列出该单位 ID 之下的单位"])

    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/units", .read(policy), UnitPages.index),
            RouteSpec(.GET, "/units/export", .read(policy), UnitPages.export),
            RouteSpec(.GET, "/units/new", .write(policy), UnitPages.newForm),
            RouteSpec(.POST, "/units", .write(policy), UnitPages.create),
            RouteSpec(.GET, "/units/:id", .read(policy)) { try await UnitPages.show($0) },
            RouteSpec(.GET, "/units/:id/edit", .write(policy), UnitPages.editForm),
            RouteSpec(.POST, "/units/:id", .write(policy), UnitPages.update),
            RouteSpec(.POST, "/units/:id/move", .write(policy), UnitPages.move),
            RouteSpec(.POST, "/units/:id/deactivate", .write(policy), UnitPages.setActive(false)),
            RouteSpec(.POST, "/units/:id/reactivate", .write(policy), UnitPages.setActive(true)),

            RouteSpec(.GET, "/api/v1/units", .read(policy),
                      doc: APIOperation(operationID: "listUnits", summary: "列出组织单位", tag: "组织单位", parameters: listParams, response: UnitListDTO.self),
                      UnitsAPI.list),
            RouteSpec(.POST, "/api/v1/units", .write(policy),
                      doc: APIOperation(operationID: "createUnit", summary: "新建组织单位", tag: "组织单位", request: .json(UnitInput.self), successStatus: 201, response: UnitDTO.self),
                      UnitsAPI.create),
            RouteSpec(.GET, "/api/v1/units/:id", .read(policy),
                      doc: APIOperation(operationID: "getUnit", summary: "查看组织单位", tag: "组织单位", parameters: [idParam], response: UnitDTO.self),
                      UnitsAPI.show),
            RouteSpec(.PATCH, "/api/v1/units/:id", .write(policy),
                      doc: APIOperation(operationID: "updateUnit", summary: "修改组织单位（不含上级）", tag: "组织单位", parameters: [idParam], request: .patch(UnitInput.self, without: ["parentId"]), response: UnitDTO.self),
                      UnitsAPI.update),
            RouteSpec(.POST, "/api/v1/units/:id/move", .write(policy),
                      doc: APIOperation(operationID: "moveUnit", summary: "移动组织单位到新的上级", tag: "组织单位", parameters: [idParam], request: .json(UnitMoveInput.self), response: UnitDTO.self),
                      UnitsAPI.move),
            RouteSpec(.POST, "/api/v1/units/:id/deactivate", .write(policy),
                      doc: APIOperation(operationID: "deactivateUnit", summary: "停用组织单位", tag: "组织单位", parameters: [idParam], response: UnitDTO.self,
                                        refusals: [.conflict("单位还有启用的下级单位或用户")]),
                      UnitsAPI.setActive(false)),
            RouteSpec(.POST, "/api/v1/units/:id/reactivate", .write(policy),
                      doc: APIOperation(operationID: "reactivateUnit", summary: "启用组织单位", tag: "组织单位", parameters: [idParam], response: UnitDTO.self,
                                        refusals: [.conflict("上级单位已停用")]),
                      UnitsAPI.setActive(true)),
        ]
    }
}
