import Foundation
import GaoxinDomain
import Vapor

/// The attraction and project work beyond each register's own pages: the project stage form,
/// the lead board, the pipeline, the target progress and ranking, the investment completion and the early warnings — each a
/// page and (but the board) its API twin.
enum AttractionRoutes {
    static var all: [RouteSpec] {
        let projects = RegisterDeclaration.projects, targets = RegisterDeclaration.attractionTargets, investments = RegisterDeclaration.projectInvestments
        let yearParam = APIParameter.query("year", "年度（如 2025）", .integer(maximum: (2100, exclusive: false), minimum: (2000, exclusive: false)))
        return ProjectStagePages.routes + ProjectEnterprisePages.routes + LeadPages.routes + [
            RouteSpec(.GET, projects.path + "/pipeline", .read(projects.policy)) { req in
                let pipeline = try await ProjectPipeline.load(year: try year(req, strict: false), today: DisplayFormat.day(req.now), on: req.sql)
                return try await req.renderPage { AttractionViews.pipeline($0, pipeline) }
            },
            RouteSpec(.GET, projects.apiPath + "/pipeline", .read(projects.policy),
                      doc: APIOperation(operationID: "getProjectPipeline", summary: "项目推进总览：按阶段、责任单位、集群、级别的项目数、总投资（万元）和滞后数", tag: projects.titleZh,
                                        parameters: [yearParam], response: ProjectPipeline.self)) { req in
                try .json(try await ProjectPipeline.load(year: try year(req, strict: true), today: DisplayFormat.day(req.now), on: req.sql))
            },
            RouteSpec(.GET, targets.path + "/progress", .read(targets.policy)) { req in
                let progress = try await TargetProgress.load(year: try year(req, strict: false) ?? currentYear(req), today: DisplayFormat.day(req.now), on: req.sql)
                return try await req.renderPage { AttractionViews.progress($0, progress) }
            },
            RouteSpec(.GET, targets.apiPath + "/progress", .read(targets.policy),
                      doc: APIOperation(operationID: "getAttractionTargetProgress", summary: "目标指引清单完成情况与单位排名（按签约日期计入当年，投资档次累计计数）", tag: targets.titleZh,
                                        parameters: [yearParam], response: TargetProgress.self)) { req in
                try .json(try await TargetProgress.load(year: try year(req, strict: true) ?? currentYear(req), today: DisplayFormat.day(req.now), on: req.sql))
            },
            RouteSpec(.GET, investments.path + "/progress", .read(investments.policy)) { req in
                let progress = try await InvestmentProgress.load(year: try year(req, strict: false) ?? currentYear(req), today: DisplayFormat.day(req.now), on: req.sql)
                return try await req.renderPage { AttractionViews.investment($0, progress) }
            },
            RouteSpec(.GET, investments.apiPath + "/progress", .read(investments.policy),
                      doc: APIOperation(operationID: "getInvestmentProgress", summary: "年度投资完成情况：计划、累计完成（万元）与完成率，合计及按责任单位、集群、级别", tag: investments.titleZh,
                                        parameters: [yearParam], response: InvestmentProgress.self)) { req in
                try .json(try await InvestmentProgress.load(year: try year(req, strict: true) ?? currentYear(req), today: DisplayFormat.day(req.now), on: req.sql))
            },
            RouteSpec(.GET, "/warnings", .read(projects.policy)) { req in
                let warnings = try await EarlyWarnings.load(today: DisplayFormat.day(req.now), staleDays: req.application.gaoxinConfig.staleLeadDays, on: req.sql)
                return try await req.renderPage { AttractionViews.warnings($0, warnings) }
            },
            RouteSpec(.GET, "/api/v1/warnings", .read(projects.policy),
                      doc: APIOperation(operationID: "getEarlyWarnings", summary: "预警：滞后项目、逾期问题、目标进度落后单位、投资完成落后项目、长期未跟进线索（红黄规则随附）", tag: projects.titleZh,
                                        response: EarlyWarnings.self)) { req in
                try .json(try await EarlyWarnings.load(today: DisplayFormat.day(req.now), staleDays: req.application.gaoxinConfig.staleLeadDays, on: req.sql))
            },
        ]
    }

    static func currentYear(_ req: Request) -> Int { CalendarDay(DisplayFormat.day(req.now))?.year ?? 2025 }

    /// The `year` parameter; a page's empty box means "not given", the API's empty value is refused.
    static func year(_ req: Request, strict: Bool) throws -> Int? {
        guard let raw = req.query[String.self, at: "year"], strict || !raw.isEmpty else { return nil }
        guard let year = Int(raw), (2000...2100).contains(year) else {
            throw AppError.badRequest("年度应为 2000–2100 之间的整数", field: "year")
        }
        return year
    }
}

/// The menu's two attraction entries and the pages under each.
enum Attraction {
    static let leadPaths = [RegisterDeclaration.leads, .leadActivities, .leadSources, .attractionTargets, .targetMetrics, .targetMetricGoals, .targetMetricReports].map(\.path)
    static let projectPaths = [RegisterDeclaration.projects, .projectInvestments, .patrols, .obstacles].map(\.path)
}
