import SQLKit
import Vapor

enum AuditRoutes {
    static let policy = Policies.audit

    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/audit", .read(policy)) { req in
                let query = try ListQuery.parse(req, AuditQueries.list)
                let page = try await ListRunner.page(AuditQueries.list, query, on: req.sql, as: AuditQueries.Row.self)
                return try await req.renderPage { AuditViews.index($0, query: query, page: page) }
            },
            RouteSpec(.GET, "/audit/export", .read(policy)) { req in
                let query = try ListQuery.parse(req, AuditQueries.list)
                let rows = try await ListRunner.all(AuditQueries.list, query, on: req.sql, as: AuditQueries.Row.self)
                let lang = req.uiLanguage
                return try ListExport.response(rows, columns: AuditViews.columns(), sheetName: lang.t("审计日志", "Audit log"),
                                               fileName: lang.t("审计日志", "audit-log"), format: try ListExport.format(req), lang: lang)
            },
            RouteSpec(.GET, "/audit/:id", .read(policy)) { req in
                guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound("该审计记录") }
                let row = try await req.sql.select().from(SQLRaw(AuditQueries.list.from))
                    .columns(AuditQueries.list.select.map { SQLRaw($0) })
                    .where(SQLRaw("a.id"), .equal, SQLBind(id))
                    .first(decoding: AuditQueries.Row.self, with: ListRunner.decoder)
                guard let row else { throw AppError.notFound("该审计记录") }
                return try await req.renderPage { AuditViews.show($0, row) }
            },
            RouteSpec(.GET, "/api/v1/audit", .read(policy),
                      doc: APIOperation(operationID: "listAudit", summary: "查询审计日志", tag: "审计", parameters: APIParameter.list(AuditQueries.list, search: "摘要、操作人或内容中的子串", [
                        "actor": "操作人用户 ID", "entityId": "对象 ID（文本，如 12 或 6/90）",
                        "from": "起始日期 YYYY-MM-DD（含）", "to": "截止日期 YYYY-MM-DD（含）",
                      ]), response: AuditListDTO.self)) { req in
                let query = try ListQuery.parse(req, AuditQueries.list)
                let page = try await ListRunner.page(AuditQueries.list, query, on: req.sql, as: AuditQueries.Row.self)
                return try .json(AuditListDTO(items: page.items.map(AuditEntryDTO.init), total: page.total, page: page.page, per: page.per))
            },
        ]
    }
}
