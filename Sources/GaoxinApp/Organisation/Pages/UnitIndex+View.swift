import GaoxinDomain
import Plot

/// The unit tree as a list: tree order with indentation by default, searchable and filterable.
enum UnitIndexView {
    static func columns(canWrite: Bool) -> [ListColumn<UnitQueries.Row>] {
        [
            ListColumn("名称", "Name", sort: "name", html: { row, context in
                .span(.class("tree-name"), .attribute(named: "style", value: "padding-left: \(Double(row.depth) * 1.2)em"),
                      .a(.href(Site.unit(row.id)), .text(row.name)))
            }, export: { row, _ in .text(row.name) }),
            .text("类型", "Kind", sort: "kind") { row, lang in lang.t(row.kindName, UnitKind(rawValue: row.kind)?.nameEn ?? row.kind) },
            .text("编码", "Code", sort: "code") { row, _ in row.code ?? "" },
            .text("上级单位", "Parent") { row, _ in row.parentName ?? "" },
            ListColumn("用户数", "Users", html: { row, _ in .text("\(row.userCount)") }, export: { row, _ in .integer(Int64(row.userCount)) }),
            .text("状态", "Status") { row, lang in row.active ? lang.t("启用", "Active") : lang.t("已停用", "Inactive") },
        ]
    }

    static func render(_ context: PageContext, query: ListQuery, page: ListPage<UnitQueries.Row>, canWrite: Bool,
                       parentOptions: [FormField.Option]) -> HTML {
        Page.render(
            context, title: context.t("组织单位", "Organisation units"),
            .if(canWrite, .p(.class("actions"),
                             .a(.class("button"), .href(Site.unitNew), .text(context.t("新建单位", "New unit"))),
                             .a(.class("button secondary"), .href(Site.imports), .text(context.t("批量导入", "Import"))))),
            ListView.render(
                context, basePath: Site.units, exportPath: Site.unitsExport, query: query, page: page,
                columns: columns(canWrite: canWrite),
                filters: [
                    .init(key: "kind", label: context.t("类型", "Kind"), options: UnitKind.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                    .init(key: "active", label: context.t("状态", "Status"), options: [("1", context.t("启用", "Active")), ("0", context.t("已停用", "Inactive"))]),
                    .init(key: "under", label: context.t("所属上级", "Under"), options: parentOptions.map { ($0.value, $0.label) }),
                ],
                searchPlaceholder: context.t("按名称或编码搜索", "Search name or code")
            )
        )
    }
}
