import GaoxinSheets
import Vapor

enum JobRoutes {
    static let policy = Policies.jobs

    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/jobs/:id", .read(policy)) { req in
                let job = JobDTO(try await JobQueries.find(req))
                return try await req.renderPage { JobView.render($0, job) }
            },
            RouteSpec(.GET, "/jobs/:id/errors", .read(policy)) { req in
                let job = JobDTO(try await JobQueries.find(req))
                let lang = req.uiLanguage
                let header: [SheetCell] = [.text(lang.t("行号", "Row")), .text(lang.t("列", "Column")), .text(lang.t("值", "Value")), .text(lang.t("原因", "Reason"))]
                let rows = (job.errors ?? []).map { [$0.row > 0 ? SheetCell.integer(Int64($0.row)) : .text($0.place(lang)), .text($0.column), .text($0.value), .text($0.reason)] }
                return try ListExport.file(SheetTable(name: lang.t("错误清单", "Errors"), rows: [header] + rows),
                                           fileName: lang.t("导入错误清单-\(job.id)", "import-errors-\(job.id)"), format: try ListExport.format(req))
            },
            RouteSpec(.GET, "/api/v1/jobs/:id", .read(policy),
                      doc: APIOperation(operationID: "getJob", summary: "查看后台任务进度与结果", tag: "任务", parameters: [.path("id", "任务 ID")], response: JobDTO.self)) { req in
                try .json(JobDTO(try await JobQueries.find(req)))
            },
        ]
    }
}
