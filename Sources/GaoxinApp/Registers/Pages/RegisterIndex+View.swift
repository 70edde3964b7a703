import GaoxinDomain
import Plot

/// A declared register's list page.
enum RegisterIndexView {
    static func render(_ context: PageContext, _ declaration: RegisterDeclaration, query: ListQuery, page: ListPage<RegisterRecord>,
                       filters: [ListView.FilterControl], canCreate: Bool) -> HTML {
        let searched = declaration.fields.filter(\.searchable).map { context.t($0.zh, $0.en) }.joined(separator: context.t("、", ", "))
        return Page.render(
            context, title: declaration.title(context.lang),
            .if(canCreate, .p(.class("actions " + Print.hidden), .a(.class("button"), .href(declaration.path + "/new"),
                                                               .text(context.t("新建", "New ") + context.t(declaration.titleZh, declaration.titleEn.lowercased()))))),
            ListView.render(context, basePath: declaration.path, exportPath: declaration.path + "/export", query: query, page: page,
                            columns: RegisterList.columns(declaration), filters: filters,
                            searchPlaceholder: context.t("按\(searched)搜索", "Search \(searched)"))
        )
    }
}
