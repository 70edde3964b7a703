import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// 通报: the months with their bulletins, a month's bulletin (page, Word, Excel), drawing it as a
/// job, and their API twins. Everyone who reads programme data reads bulletins (leaders
/// included, SPEC §1); the office draws them.
enum BulletinPages {
    static let path = "/bulletins"
    static let apiPath = "/api/v1/bulletins"
    static let monthsShown = 24

    static var routes: [RouteSpec] {
        let policy = BulletinIssue.policy
        let monthParam = APIParameter.pathText("month", "月份 YYYY-MM", pattern: IndicatorInput.periodPattern)
        return [
            RouteSpec(.GET, path, .read(policy), index),
            RouteSpec(.GET, path + "/:month", .read(policy), show),
            RouteSpec(.GET, path + "/:month/download", .read(policy), download),
            RouteSpec(.POST, path + "/:month/generate", .write(policy), generatePage),
            RouteSpec(.GET, apiPath + "/:month", .read(policy),
                      doc: APIOperation(operationID: "getBulletin", summary: "某月通报（已生成的内容：正文、附表数据、更正记录）", tag: "通报",
                                        parameters: [monthParam], response: BulletinDTO.self)) { req in
                let month = try PeriodClose.month(req.parameters.get("month"))
                guard let record = try await BulletinIssue.record(month, on: req.db) else { throw AppError.notFound("\(month) 的通报") }
                return try .json(try BulletinDTO(record))
            },
            RouteSpec(.POST, apiPath + "/:month/generate", .write(policy),
                      doc: APIOperation(operationID: "generateBulletin", summary: "生成（或重新生成）某月通报：后台任务，返回任务进度；未关账月份为预览稿", tag: "通报",
                                        parameters: [monthParam], request: .json(BulletinInput.self), successStatus: 202, response: JobDTO.self,
                                        refusals: [.rule("月份尚未开始、期号或发文单位不合规")])) { req in
                let month = try PeriodClose.month(req.parameters.get("month"))
                // The body is required (`{}` takes every default), as the document says.
                guard let body = req.body.data, body.readableBytes > 0 else { throw AppError.badRequest("缺少请求体：JSON 对象，可为 {}", field: nil) }
                let input = try APIBody.decode(BulletinInput.self, req)
                return try .json(JobDTO(try await BulletinIssue.start(month, input, req)), status: .accepted)
            },
        ]
    }

    @Sendable static func index(_ req: Request) async throws -> Response {
        let months = IndicatorWrites.currentPeriod(req.now).recent(monthsShown)
        let names = months.map(\.description)
        let records = Dictionary(try await BulletinRecord.query(on: req.db).filter(\.$month ~~ names).all().map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        let closed = try await PeriodClose.closed(among: Set(names), on: req.db)
        return try await req.renderPage { BulletinView.index($0, months: months, records: records, closed: closed) }
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await render(req, month: try PeriodClose.month(req.parameters.get("month")), form: BulletinInput(), errors: [], status: .ok)
    }

    static func render(_ req: Request, month: Period, form: BulletinInput, errors: [FieldError], status: HTTPResponseStatus) async throws -> Response {
        let record = try await BulletinIssue.record(month, on: req.db)
        let state = BulletinView.State(month: month, record: record, content: try record?.content(),
                                       monthClosed: try await PeriodClose.record(month, on: req.db) != nil,
                                       mayWrite: req.actor?.hasAny(BulletinIssue.policy.write) ?? false, form: form, errors: errors)
        return try await req.renderPage(status: status) { BulletinView.render($0, state) }
    }

    @Sendable static func download(_ req: Request) async throws -> Response {
        let month = try PeriodClose.month(req.parameters.get("month"))
        guard let record = try await BulletinIssue.record(month, on: req.db) else { throw AppError.notFound("\(month) 的通报") }
        let content = try record.content()
        let format = req.query[String.self, at: "format"] ?? "docx"
        let name = BulletinDocuments.fileName(content)
        switch format {
        case "docx":
            return ListExport.attachment(try BulletinDocuments.word(content), fileName: name, ext: "docx",
                                         type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document"))
        case "xlsx":
            return ListExport.attachment(try BulletinDocuments.workbook(content), fileName: name, ext: "xlsx", type: ListExport.xlsxType)
        default:
            throw AppError.badRequest("通报的下载格式应为 docx 或 xlsx", field: "format")
        }
    }

    /// The form posts text; an empty number means the default.
    @Sendable static func generatePage(_ req: Request) async throws -> Response {
        let month = try PeriodClose.month(req.parameters.get("month"))
        let issuer = (try? req.content.get(String.self, at: "issuer"))?.trimmingCharacters(in: .whitespaces)
        let numberText = ((try? req.content.get(String.self, at: "number")) ?? "").trimmingCharacters(in: .whitespaces)
        let input = BulletinInput(issuer: issuer?.isEmpty == false ? issuer : nil, number: Int(numberText))
        do {
            if !numberText.isEmpty, Int(numberText) == nil {
                throw ValidationFailed([.invalid("number", zh: "期号应为 1–999 的整数", en: "The number is a whole number from 1 to 999")])
            }
            let job = try await BulletinIssue.start(month, input, req)
            return .redirect(Site.job(job.id!))
        } catch let failed as ValidationFailed {
            return try await render(req, month: month, form: input, errors: failed.errors, status: .unprocessableEntity)
        }
    }
}
