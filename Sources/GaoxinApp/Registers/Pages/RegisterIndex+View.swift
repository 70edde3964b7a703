import GaoxinDomain
import Plot

/// A declared register's list page.
enum RegisterIndexView {
    static func render(_ context: PageContext, _ declaration: RegisterDeclaration, query: ListQuery, page: ListPage<RegisterRecord>,
                       filters: [ListView.FilterControl], totals: [(field: RegisterField, total: Int64?)] = [], canCreate: Bool) -> HTML {
        let searched = declaration.fields.filter { $0.searchable || $0.searchedByPrefix }.map { context.t($0.zh, $0.en) }.joined(separator: context.t("、", ", "))
        return Page.render(
            context, title: declaration.title(context.lang),
            .if(canCreate || !declaration.listLinks.isEmpty, .p(.class("actions " + Print.hidden),
                .if(canCreate, .a(.class("button"), .href(declaration.path + "/new"),
                                  .text(context.t("新建", "New ") + context.t(declaration.titleZh, declaration.titleEn.lowercased())))),
                // Many records at once: the register's template and file import (every register has one).
                .if(canCreate, .a(.class("button secondary"), .href(Site.imports), .text(context.t("批量导入", "Import a file")))),
                .forEach(declaration.listLinks) { link in .a(.class("button secondary"), .href(link.path), .text(context.t(link.zh, link.en))) })),
            ListView.render(context, basePath: declaration.path, exportPath: declaration.path + "/export", query: query, page: page,
                            columns: RegisterList.columns(declaration), filters: filters,
                            searchPlaceholder: context.t("按\(searched)搜索", "Search \(searched)")),
            .if(!totals.isEmpty && page.total > 0, .p(.class("totals"), .text(totalsLine(context, totals, count: page.total))))
        )
    }

    /// "筛选结果 12 条，金额合计 6.85 亿元": money added up over every record the filter matches.
    static func totalsLine(_ context: PageContext, _ totals: [(field: RegisterField, total: Int64?)], count: Int) -> String {
        let parts = totals.map { item in
            context.t("\(item.field.zh)合计 ", "\(item.field.en) in total ") + Wan(item.total ?? 0).yiText + context.t(" 亿元", " (100m yuan)")
        }
        return context.t("筛选结果 \(count) 条，", "\(count) records matched; ") + parts.joined(separator: context.t("，", "; "))
    }
}
