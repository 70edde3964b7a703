import OpenAPIKit30
import Vapor

enum OrganisationRoutes {
    static let policy = Policies.organisation
    static let idParam = APIParameter.path("id", "单位 ID")
    static let listParams: [APIParameter] = [
        .query("q", "名称或编码中的任意子串"), .query("page", "页码，从 1 开始", .integer(minimum: (1, exclusive: false))),
        .query("per", "每页条数，1–200", .integer(maximum: (200, exclusive: false), minimum: (1, exclusive: false))),
        .sort(UnitQueries.list),
        .query("kind", "单位类型"), .query("active", "1 启用 / 0 停用"), .query("under", "只列出该单位 ID 之下的单位", APIParameter.idSchema),
    ]

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
                      doc: APIOperation(operationID: "updateUnit", summary: "修改组织单位（不含上级）", tag: "组织单位", parameters: [idParam], request: .json(UnitInput.self), response: UnitDTO.self),
                      UnitsAPI.update),
            RouteSpec(.POST, "/api/v1/units/:id/move", .write(policy),
                      doc: APIOperation(operationID: "moveUnit", summary: "移动组织单位到新的上级", tag: "组织单位", parameters: [idParam], request: .json(UnitMoveInput.self), response: UnitDTO.self),
                      UnitsAPI.move),
            RouteSpec(.POST, "/api/v1/units/:id/deactivate", .write(policy),
                      doc: APIOperation(operationID: "deactivateUnit", summary: "停用组织单位", tag: "组织单位", parameters: [idParam], response: UnitDTO.self),
                      UnitsAPI.setActive(false)),
            RouteSpec(.POST, "/api/v1/units/:id/reactivate", .write(policy),
                      doc: APIOperation(operationID: "reactivateUnit", summary: "启用组织单位", tag: "组织单位", parameters: [idParam], response: UnitDTO.self),
                      UnitsAPI.setActive(true)),
        ]
    }
}
