import Foundation
import Plot

enum AuditViews {
    static func actionName(_ code: String, _ lang: UILanguage) -> String {
        AuditLog.Action(rawValue: code).map { lang.t($0.nameZh, $0.nameEn) } ?? code
    }

    static func columns() -> [ListColumn<AuditQueries.Row>] {
        [
            ListColumn("时间", "When", sort: "at", html: { row, _ in .a(.href(Site.auditEntry(row.id)), .text(DisplayFormat.dateTime(row.at))) },
                       export: { row, _ in .text(DisplayFormat.dateTime(row.at)) }),
            .text("操作人", "Who") { row, _ in row.actorName },
            .text("操作", "Action") { row, lang in actionName(row.action, lang) },
            .text("对象", "Entity") { row, lang in AuditReading(row).object(lang) },
            .text("摘要", "Summary") { row, lang in AuditReading(row).summary(lang) },
            .text("地址", "Address") { row, _ in row.address ?? "" },
        ]
    }

    static func index(_ context: PageContext, query: ListQuery, page: ListPage<AuditQueries.Row>) -> HTML {
        Page.render(
            context, title: context.t("审计日志", "Audit log"),
            .p(.class("hint"), .text(context.t("审计日志只追加、不可修改：数据库拒绝对其更新和删除。", "The audit log is append-only: the database refuses updates and deletes."))),
            .form(.class("list-controls"), .method(.get), .action(Site.audit),
                  .label(.text(context.t("从 ", "From "))), .input(.type(.date), .name("from"), .value((query.filters["from"] ?? "").escapedForAttribute)),
                  .label(.text(context.t(" 到 ", " to "))), .input(.type(.date), .name("to"), .value((query.filters["to"] ?? "").escapedForAttribute)),
                  .unwrap(query.search) { .input(.type(.hidden), .name("q"), .value($0.escapedForAttribute)) },
                  .button(.type(.submit), .text(context.t("按日期筛选", "Filter by date")))),
            ListView.render(
                context, basePath: Site.audit, exportPath: Site.auditExport, query: query, page: page, columns: columns(),
                filters: [
                    .init(key: "entity", label: context.t("对象", "Entity"), options: AuditQueries.entities.map { ($0.value, context.t($0.zh, $0.en)) }),
                    .init(key: "action", label: context.t("操作", "Action"), options: AuditLog.Action.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                ],
                searchPlaceholder: context.t("搜索摘要、操作人或内容", "Search summary, who or content")
            )
        )
    }

    static func show(_ context: PageContext, _ entry: AuditQueries.Row) -> HTML {
        let reading = AuditReading(entry)
        return Page.render(
            context, title: context.t("审计记录 #\(entry.id)", "Audit entry #\(entry.id)"),
            .dl(.class("facts"),
                .dt(.text(context.t("时间", "When"))), .dd(.text(DisplayFormat.dateTime(entry.at))),
                .dt(.text(context.t("操作人", "Who"))), .dd(.text(entry.actorName)),
                .dt(.text(context.t("操作", "Action"))), .dd(.text(actionName(entry.action, context.lang))),
                .dt(.text(context.t("对象", "Entity"))), .dd(.text(reading.object(context.lang)), .span(.class("hint"), .text(" #" + entry.entityId))),
                .dt(.text(context.t("摘要", "Summary"))), .dd(.text(reading.summary(context.lang))),
                .dt(.text(context.t("地址", "Address"))), .dd(.text(entry.address ?? "—"))),
            AuditDiffTable.render(context, reading),
            .if(entry.beforeJson != nil || entry.afterJson != nil, .details(
                .summary(.text(context.t("原始快照（JSON）", "Raw snapshots (JSON)"))),
                .div(.class("diff"),
                     .div(.h3(.text(context.t("修改前", "Before"))), .pre(.text(pretty(entry.beforeJson)))),
                     .div(.h3(.text(context.t("修改后", "After"))), .pre(.text(pretty(entry.afterJson)))))))
        )
    }

    static func pretty(_ json: String?) -> String {
        guard let json, let data = json.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data),
              let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return json ?? "—" }
        return String(decoding: pretty, as: UTF8.self)
    }
}
