import OpenAPIKit30
import Vapor

/// The unit tree's routes: the declared register's, and its move.
enum OrganisationRoutes {
    static let policy = Policies.organisation
    static let idParam = APIParameter.path("id", "单位 ID")

    static var all: [RouteSpec] {
        let units = RegisterDeclaration.units
        return RegisterRoutes.routes(units, morePages: [
            RouteSpec(.POST, units.path + "/:id/move", .write(policy), UnitMove.page),
        ], moreAPI: [
            RouteSpec(.POST, units.apiPath + "/:id/move", .write(policy),
                      doc: APIOperation(operationID: "moveUnit", summary: "移动组织单位到新的上级", tag: units.titleZh, parameters: [idParam],
                                        request: .json(UnitMoveInput.self), response: nil,
                                        responseValue: APISchemaValue(name: units.schemaName, schema: RegisterDTO.schema(units))),
                      UnitMove.api),
        ])
    }
}
