import Fluent
import GaoxinDomain
import Vapor

/// The JSON handlers every declared register gets: list (paged, with `total`), show, create,
/// partial update, deactivate, reactivate.
struct RegisterAPI: Sendable {
    let declaration: RegisterDeclaration
    var pages: RegisterPages { RegisterPages(declaration: declaration) }

    /// The list page's JSON: `items`, `total`, `page`, `per`.
    func list(_ req: Request) async throws -> Response {
        let definition = RegisterList.definition(declaration)
        let query = try ListQuery.parse(req, definition)
        let ids = try await ListRunner.pageIDs(definition, query, on: req.sql)
        let records = try await RegisterList.records(declaration, ids: ids.items, today: DisplayFormat.day(req.now), on: req.db)
        return .json(bytes: RegisterJSONText.page(records.map { RegisterDTO(declaration: declaration, record: $0) }, total: ids.total, page: ids.page,
                                                  per: ids.per, totalIsLowerBound: ids.totalIsLowerBound))
    }

    func show(_ req: Request) async throws -> Response {
        try .json(RegisterDTO(declaration: declaration, record: try await pages.find(req)))
    }

    func create(_ req: Request) async throws -> Response {
        let input = try RegisterInput.json(try APIBody.decode([String: BodyValue].self, req), declaration: declaration)
        return try .json(RegisterDTO(declaration: declaration, record: try await RegisterWrites.create(declaration, input, req)), status: .created)
    }

    func update(_ req: Request) async throws -> Response {
        let record = try await pages.find(req)
        let input = try RegisterInput.json(try APIBody.decodePatch([String: BodyValue].self, req), declaration: declaration)
        return try .json(RegisterDTO(declaration: declaration, record: try await RegisterWrites.update(declaration, record, input, req)))
    }

    func setActive(_ active: Bool) -> @Sendable (Request) async throws -> Response {
        { req in
            let record = try await pages.find(req)
            do {
                return try .json(RegisterDTO(declaration: declaration, record: try await RegisterWrites.setActive(declaration, record, active, req)))
            } catch let failed as ValidationFailed {
                throw AppError.conflict(failed.errors.map(\.messageZh).joined(separator: "；"), field: failed.errors.first?.field)
            }
        }
    }
}
