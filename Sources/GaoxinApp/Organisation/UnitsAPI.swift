import Fluent
import GaoxinDomain
import Vapor

/// JSON handlers of the unit tree; same queries and writes as the pages.
enum UnitsAPI: RecordAPI {
    static func list(_ req: Request) async throws -> Response {
        let query = try ListQuery.parse(req, UnitQueries.list)
        let page = try await ListRunner.page(UnitQueries.list, query, on: req.sql, as: UnitQueries.Row.self)
        let ids = page.items.map(\.id)
        let units = ids.isEmpty ? [] : try await OrgUnit.query(on: req.db).filter(\.$id ~~ ids).all()
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        let items = ids.compactMap { byID[$0].map(UnitDTO.init) }
        return try .json(UnitListDTO(items: items, total: page.total, page: page.page, per: page.per))
    }

    typealias Writes = UnitWrites
    static func present(_ unit: OrgUnit, _ req: Request) async throws -> UnitDTO { UnitDTO(unit) }

    static func checkPatch(_ input: UnitInput, of unit: OrgUnit) throws {
        if let parentId = input.parentId, parentId != unit.parentID {
            throw AppError.badRequest("修改上级单位请使用移动接口 POST /api/v1/units/{id}/move", field: "parentId")
        }
    }

    static func move(_ req: Request) async throws -> Response {
        let unit = try await UnitQueries.find(req)
        let input = try APIBody.decode(UnitMoveInput.self, req)
        return try .json(UnitDTO(try await UnitWrites.move(unit, to: input.parentId, req)))
    }
}
