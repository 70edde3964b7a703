import Fluent
import Foundation
import GaoxinDomain
import Plot
import Vapor

/// 关账: the months (the last two years, each open or closed), a month's page — what is missing,
/// the close button, the restatements, the reopen form — and their API twins.
enum PeriodPages {
    static let path = "/periods"
    static let apiPath = "/api/v1/periods"
    static let monthsShown = 24

    static var routes: [RouteSpec] {
        let policy = PeriodClose.policy
        let monthParam = APIParameter.pathText("month", "月份 YYYY-MM", pattern: IndicatorInput.periodPattern)
        return [
            RouteSpec(.GET, path, .read(policy), index),
            RouteSpec(.GET, path + "/:month", .read(policy), show),
            RouteSpec(.POST, path + "/:month/close", .write(policy), closePage),
            RouteSpec(.POST, path + "/:month/reopen", .write(policy), reopenPage),
            RouteSpec(.GET, apiPath + "/:month", .read(policy),
                      doc: APIOperation(operationID: "getPeriod", summary: "某月关账状态：是否已关账、尚缺的数据（未报企业、集群、项目投资）与更正记录",
                                        tag: "关账", parameters: [monthParam], response: PeriodStatus.self)) { req in
                try .json(try await PeriodClose.status(try PeriodClose.month(req.parameters.get("month")), on: req.db))
            },
            RouteSpec(.POST, apiPath + "/:month/close", .write(policy),
                      doc: APIOperation(operationID: "closePeriod", summary: "关账：该月数据齐全时冻结，此后更正须说明原因并留下更正记录", tag: "关账",
                                        parameters: [monthParam], response: PeriodStatus.self,
                                        refusals: [.rule("该月数据尚不完整（列出所缺）"), .conflict("该月已经关账")])) { req in
                let month = try PeriodClose.month(req.parameters.get("month"))
                try await PeriodClose.close(month, req)
                return try .json(try await PeriodClose.status(month, on: req.db))
            },
            RouteSpec(.POST, apiPath + "/:month/reopen", .write(policy),
                      doc: APIOperation(operationID: "reopenPeriod", summary: "重新开账（须说明原因，记入审计日志）", tag: "关账",
                                        parameters: [monthParam], request: .json(PeriodReopenInput.self), response: PeriodStatus.self,
                                        refusals: [.rule("未填写原因"), .conflict("该月尚未关账")])) { req in
                let month = try PeriodClose.month(req.parameters.get("month"))
                try await PeriodClose.reopen(month, reason: try APIBody.decode(PeriodReopenInput.self, req).reason, req)
                return try .json(try await PeriodClose.status(month, on: req.db))
            },
        ]
    }

    /// The last `monthsShown` months, newest first, with who closed each closed one.
    @Sendable static func index(_ req: Request) async throws -> Response {
        let months = IndicatorWrites.currentPeriod(req.now).recent(monthsShown)
        let closed = Dictionary(try await PeriodCloseRecord.query(on: req.db).filter(\.$month ~~ months.map(\.description)).all().map { ($0.month, $0) },
                                uniquingKeysWith: { a, _ in a })
        let restated = try await Restatement.query(on: req.db).filter(\.$month ~~ months.map(\.description)).all()
        let restatedCounts = Dictionary(grouping: restated, by: \.month).mapValues(\.count)
        return try await req.renderPage { PeriodView.index($0, months: months, closed: closed, restatedCounts: restatedCounts) }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, month: try PeriodClose.month(req.parameters.get("month")), errors: [], status: .ok)
    }

    static func render(_ req: Request, month: Period, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        let state = try await PeriodClose.status(month, on: req.db)
        let mayWrite = req.actor?.hasAny(PeriodClose.policy.write) ?? false
        return try await req.renderPage(status: status) { context in
            PeriodView.render(context, state, mayWrite: mayWrite, errors: errors)
        }
    }

    @Sendable static func closePage(_ req: Request) async throws -> Response {
        let month = try PeriodClose.month(req.parameters.get("month"))
        do {
            try await PeriodClose.close(month, req)
            return .redirect(path + "/\(month)?notice=saved")
        } catch let failed as ValidationFailed {
            return try await render(req, month: month, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func reopenPage(_ req: Request) async throws -> Response {
        let month = try PeriodClose.month(req.parameters.get("month"))
        do {
            try await PeriodClose.reopen(month, reason: try req.content.decode(PeriodReopenInput.self).reason, req)
            return .redirect(path + "/\(month)?notice=saved")
        } catch let failed as ValidationFailed {
            return try await render(req, month: month, errors: failed.errors, status: .unprocessableEntity)
        }
    }
}
