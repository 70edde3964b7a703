import Fluent
import GaoxinDomain
import Vapor

/// JSON handlers of what only an enterprise has (its months, its qualifications); the register's
/// own list, record, create, update and (de)activation come from its declaration.
enum EnterprisesAPI {
    static func indicators(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        return try .json(IndicatorListDTO(items: try await EnterpriseQueries.indicators(of: enterprise.id!, on: req.db, limit: 600).map(IndicatorDTO.init)))
    }

    static func putIndicator(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        let input = try APIBody.decode(IndicatorInput.self, req)
        let row = try await IndicatorWrites.put(enterprise, period: req.parameters.get("period") ?? "", input, req)
        return try .json(IndicatorDTO(row))
    }

    static func qualifications(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        let today = QualificationWrites.today(req.now)
        return try .json(QualificationListDTO(items: try await EnterpriseQueries.qualifications(of: enterprise.id!, on: req.db).map { QualificationDTO($0, today: today) }))
    }

    static func addQualification(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        let row = try await QualificationWrites.add(enterprise, try APIBody.decode(QualificationInput.self, req), req)
        return try .json(QualificationDTO(row, today: QualificationWrites.today(req.now)), status: .created)
    }

    static func removeQualification(_ req: Request) async throws -> Response {
        let enterprise = try await EnterpriseQueries.find(req)
        guard let id = req.parameters.get("qualificationId", as: Int.self) else { throw AppError.notFound("该资质记录") }
        try await QualificationWrites.remove(enterprise, qualificationID: id, req)
        return Response(status: .noContent)
    }
}
