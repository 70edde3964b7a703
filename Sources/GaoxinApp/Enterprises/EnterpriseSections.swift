import Fluent
import GaoxinDomain
import Vapor

/// What an enterprise's page shows beyond its declared fields (`RegisterRecordSections`): its
/// chain nodes, qualifications, and figures (chart, the zone's own indicators, the months and the
/// month form). Each reads its own tables; a failed form redraws only its own section.
enum EnterpriseSections {
    static let figuresName = "enterprise-figures"
    static let qualificationsName = "enterprise-qualifications"

    static let all: [RegisterRecordSections.Section] = [
        .init(name: "enterprise-nodes") { req, record in
            let links = try await EnterpriseQueries.chainNodes(of: record.id, on: req.db)
            return { EnterpriseSectionViews.chainNodes($0, links) }
        },
        .init(name: qualificationsName) { req, record in
            let model = try await qualifications(record.id, canWrite: await RegisterWrites.mayWrite(.enterprises, record, req), req)
            return { EnterpriseSectionViews.qualifications($0, model) }
        },
        .init(name: figuresName) { req, record in
            let model = try await figures(record.id, canWrite: await RegisterWrites.mayWrite(.enterprises, record, req), req)
            return { EnterpriseSectionViews.figures($0, model) }
        },
    ]

    static func qualifications(_ id: Int, canWrite: Bool, values: [String: String] = [:], errors: [FieldError] = [],
                               _ req: Request) async throws -> EnterpriseSectionViews.Qualifications {
        let today = QualificationWrites.today(req.now)
        let rows = try await EnterpriseQueries.qualifications(of: id, on: req.db).map { QualificationDTO($0, today: today) }
        return .init(enterpriseID: id, rows: rows, canWrite: canWrite, values: values, errors: errors)
    }

    static func figures(_ id: Int, canWrite: Bool, values: [String: String] = [:], errors: [FieldError] = [],
                        _ req: Request) async throws -> EnterpriseSectionViews.Figures {
        let rows = try await EnterpriseQueries.indicators(of: id, on: req.db)
        let restated = try await PeriodClose.restatedMonths(entity: "enterprise_indicator", entityIDs: rows.map { "\(id)/\($0.period)" }, on: req.db)
        return .init(enterpriseID: id, indicators: rows.map(IndicatorDTO.init), restatedMonths: restated,
                     customFigures: try await CustomFigures.of(enterprise: id, on: req.db), canWrite: canWrite, values: values, errors: errors)
    }

    /// The enterprise's page with one of its sections drawn again with a failed form's values and errors.
    static func redraw(_ req: Request, _ enterprise: Enterprise, section: String, draw: @escaping RegisterRecordSections.Draw) async throws -> Response {
        guard let record = try await RegisterStore.find(.enterprises, id: enterprise.id!, today: DisplayFormat.day(req.now), on: req.db) else {
            throw AppError.notFound("该企业")
        }
        return try await RegisterPages(declaration: .enterprises).show(req, record: record, redrawn: .init(name: section, draw: draw), status: .unprocessableEntity)
    }
}
