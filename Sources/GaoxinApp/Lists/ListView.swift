import GaoxinDomain
import GaoxinSheets
import Plot

/// A column of a list as shown and exported.
struct ListColumn<Row>: @unchecked Sendable {
    let zh: String
    let en: String
    /// The sort key in the list definition, when the column sorts.
    let sortKey: String?
    let html: (Row, PageContext) -> Node<HTML.BodyContext>
    let export: (Row, UILanguage) -> SheetCell
    /// Links and buttons that act on the row: hidden in print, left out of exports.
    let isAction: Bool

    init(_ zh: String, _ en: String, sort: String? = nil,
         html: @escaping (Row, PageContext) -> Node<HTML.BodyContext>,
         export: @escaping (Row, UILanguage) -> SheetCell) {
        self.init(zh, en, sort: sort, isAction: false, html: html, export: export)
    }

    private init(_ zh: String, _ en: String, sort: String?, isAction: Bool,
                 html: @escaping (Row, PageContext) -> Node<HTML.BodyContext>,
                 export: @escaping (Row, UILanguage) -> SheetCell) {
        self.zh = zh
        self.en = en
        self.sortKey = sort
        self.isAction = isAction
        self.html = html
        self.export = export
    }

    /// A column of links and buttons acting on the row (edit, remove…).
    static func action(_ zh: String, _ en: String, html: @escaping (Row, PageContext) -> Node<HTML.BodyContext>) -> ListColumn {
        ListColumn(zh, en, sort: nil, isAction: true, html: html, export: { _, _ in .empty })
    }

    /// A plain text column: the same text on screen and in the export.
    static func text(_ zh: String, _ en: String, sort: String? = nil, _ value: @escaping (Row, UILanguage) -> String) -> ListColumn {
        ListColumn(zh, en, sort: sort, html: { row, context in .text(value(row, context.lang)) },
                   export: { row, lang in let text = value(row, lang); return text.isEmpty ? .empty : .text(text) })
    }
}

/// The one list screen: search box and filters (a GET form that works without JavaScript),
/// the table with sortable headings, the pager and the export links of the current filtered list.
enum ListView {
    struct FilterControl {
        let key: String
        let label: String
        let options: [(value: String, label: String)]
    }

    static func render<Row>(
        _ context: PageContext, basePath: String, exportPath: String?, query: ListQuery, page: ListPage<Row>,
        columns: [ListColumn<Row>], filters: [FilterControl], searchPlaceholder: String
    ) -> Node<HTML.BodyContext> {
        .div(
            .class("list"),
            .form(
                .class("list-controls " + Print.hidden), .method(.get), .action(basePath),
                .input(.type(.search), .name("q"), .value((query.search ?? "").escapedForAttribute), .placeholder(searchPlaceholder),
                       .attribute(named: "aria-label", value: context.t("搜索", "Search"))),
                .forEach(filters) { filter in
                    // A filter without options takes typed text (e.g. an industry-code prefix).
                    filter.options.isEmpty
                        ? .input(.type(.text), .name(filter.key), .value((query.filters[filter.key] ?? "").escapedForAttribute), .placeholder(filter.label),
                                 .class("short"), .attribute(named: "aria-label", value: filter.label))
                        : .select(
                        .attribute(named: "name", value: filter.key), .attribute(named: "aria-label", value: filter.label),
                        FormField.option("", filter.label + context.t("：全部", ": all"), selected: false),
                        .forEach(filter.options) { option in
                            FormField.option(option.value, option.label, selected: query.filters[filter.key] == option.value)
                        }
                    )
                },
                .input(.type(.hidden), .name("sort"), .value(((query.descending ? "-" : "") + query.sortKey).escapedForAttribute)),
                .button(.type(.submit), .text(context.t("查询", "Search"))),
                .a(.class("button secondary"), .href(basePath), .text(context.t("重置", "Reset"))),
                .unwrap(exportPath) { exportPath in
                    .span(.class("exports"),
                          .a(.href((exportPath + "?" + query.queryString(["format": "xlsx", "page": nil])).escapedForAttribute), .text(context.t("导出 Excel", "Export xlsx"))),
                          .a(.href((exportPath + "?" + query.queryString(["format": "csv", "page": nil])).escapedForAttribute), .text(context.t("导出 CSV", "Export CSV"))))
                }
            ),
            .p(.class("count"), .text(!page.totalIsLowerBound ? context.t("共 \(page.total) 条", "\(page.total) in all")
                : query.search != nil
                ? context.t("至少 \(Wan.grouped(UInt64(page.total))) 条（常用字词，总数只统计到此；加字或筛选可缩小范围）",
                            "At least \(Wan.grouped(UInt64(page.total))) (a common word: counted only this far; add characters or a filter to narrow it)")
                : context.t("至少 \(Wan.grouped(UInt64(page.total))) 条（总数只统计到此；加筛选可缩小范围）",
                            "At least \(Wan.grouped(UInt64(page.total))) (counted only this far; add a filter to narrow it)"))),
            .div(
                .class("table-wrap"),
                .table(
                    .thead(.tr(.forEach(columns) { column in heading(context, basePath: basePath, query: query, column: column) })),
                    .tbody(
                        .if(page.items.isEmpty, .tr(.td(.attribute(named: "colspan", value: "\(columns.count)"), .class("empty"),
                                                       .text(context.t("没有符合条件的记录", "Nothing matches"))))),
                        .forEach(page.items) { row in
                            .tr(.forEach(columns) { column in .td(.if(column.isAction, .class("action-col " + Print.hidden)), column.html(row, context)) })
                        }
                    )
                )
            ),
            pager(context, basePath: basePath, query: query, page: page)
        )
    }

    /// A column heading; a sortable one links to the list sorted by it (again: reversed).
    static func heading<Row>(_ context: PageContext, basePath: String, query: ListQuery, column: ListColumn<Row>) -> Node<HTML.TableRowContext> {
        let title = context.t(column.zh, column.en)
        if column.isAction { return Print.actionHeading(title) }
        guard let key = column.sortKey else { return .th(.text(title)) }
        let isCurrent = query.sortKey == key
        let nextSort = (isCurrent && !query.descending ? "-" : "") + key
        let arrow = isCurrent ? (query.descending ? " ↓" : " ↑") : ""
        let href = basePath + "?" + query.queryString(["sort": nextSort, "page": nil])
        return .th(.a(.href(href.escapedForAttribute), .text(title + arrow)))
    }

    static let pageSizes = [20, 50, 100, 200]

    /// Previous/next, and a small form to choose the page size or jump to a page (the list's
    /// search, filters and sort ride along as hidden fields).
    static func pager<Row>(_ context: PageContext, basePath: String, query: ListQuery, page: ListPage<Row>) -> Node<HTML.BodyContext> {
        .if(page.pageCount > 1 || page.total > pageSizes[0], .nav(
            .class("pager " + Print.hidden), .attribute(named: "aria-label", value: context.t("分页", "Pages")),
            .if(page.page > 1, .a(.href((basePath + "?" + query.queryString(["page": String(page.page - 1)])).escapedForAttribute), .text(context.t("上一页", "Previous")))),
            .span(.text(context.t("第 \(page.page) / \(page.pageCount) 页", "Page \(page.page) of \(page.pageCount)"))),
            .if(page.page < page.pageCount, .a(.href((basePath + "?" + query.queryString(["page": String(page.page + 1)])).escapedForAttribute), .text(context.t("下一页", "Next")))),
            .form(
                .class("pager-jump"), .method(.get), .action(basePath.escapedForAttribute),
                .forEach(query.parameters(["page": nil, "per": nil])) { parameter in
                    .input(.type(.hidden), .name(parameter.key.escapedForAttribute), .value(parameter.value.escapedForAttribute))
                },
                .label(.text(context.t("每页 ", "Per page "))),
                .element(named: "select", nodes: [
                    .attribute(named: "name", value: "per"), .attribute(named: "aria-label", value: context.t("每页条数", "Rows per page")),
                    .forEach(Set(pageSizes + [page.per]).sorted()) { size in FormField.option("\(size)", "\(size)", selected: size == page.per).convertToNode() },
                ]),
                .label(.text(context.t(" 跳至第 ", " Go to page "))),
                .input(.type(.number), .name("page"), .value("\(page.page)"), .attribute(named: "min", value: "1"),
                       .attribute(named: "max", value: "\(page.pageCount)"), .class("page-number"),
                       .attribute(named: "aria-label", value: context.t("页码", "Page number"))),
                .text(context.t(" 页 ", " ")),
                .button(.type(.submit), .class("secondary"), .text(context.t("确定", "Go")))
            )
        ))
    }

    static func link(_ text: String, _ path: String) -> Node<HTML.BodyContext> {
        .a(.href(path.escapedForAttribute), .text(text))
    }
}
