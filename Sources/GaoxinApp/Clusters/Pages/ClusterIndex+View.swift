import GaoxinDomain
import Plot

/// The cluster registry as a list.
enum ClusterIndexView {
    static let columns: [ListColumn<ClusterQueries.Row>] = [
        ListColumn("集群名称", "Name", sort: "name", html: { row, _ in .a(.class("long-name"), .href(Site.cluster(row.id)), .text(row.name)) },
                   export: { row, _ in .text(row.name) }),
        .text("类别", "Category", sort: "category") { row, lang in ClusterCategory(rawValue: row.category).map { lang.t($0.nameZh, $0.nameEn) } ?? row.category },
        .text("牵头部门", "Lead unit") { row, _ in row.leadUnitName },
        ListColumn("年度目标（亿元）", "Annual target (100m yuan)", sort: "target", html: { row, _ in .text(row.annualTarget.map { Wan($0).yiText } ?? "—") },
                   export: { row, _ in row.annualTarget.map { .number((Double($0) / 100).rounded() / 100) } ?? .empty }),
        ListColumn("产业链", "Chains", html: { row, _ in .text("\(row.chainCount)") }, export: { row, _ in .integer(Int64(row.chainCount)) }),
        .text("状态", "Status") { row, lang in row.active ? lang.t("启用", "Active") : lang.t("已停用", "Inactive") },
    ]

    static func render(_ context: PageContext, query: ListQuery, page: ListPage<ClusterQueries.Row>, canWrite: Bool, unitOptions: [FormField.Option]) -> HTML {
        Page.render(
            context, title: context.t("产业集群", "Clusters"),
            .p(.class("actions"),
               .if(canWrite, .a(.class("button"), .href(Site.clusterNew), .text(context.t("新建集群", "New cluster")))),
               .a(.class("button secondary"), .href(Site.clusterStructures), .text(context.t("集群体系（如“465”）与合计", "Cluster structures and totals")))),
            ListView.render(
                context, basePath: Site.clusters, exportPath: Site.clustersExport, query: query, page: page, columns: columns,
                filters: [
                    .init(key: "category", label: context.t("类别", "Category"), options: ClusterCategory.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                    .init(key: "under", label: context.t("牵头部门", "Lead unit"), options: unitOptions.map { ($0.value, $0.label) }),
                    .init(key: "active", label: context.t("状态", "Status"), options: [("1", context.t("启用", "Active")), ("0", context.t("已停用", "Inactive"))]),
                ],
                searchPlaceholder: context.t("按集群名称或挂钩领导搜索", "Search name or liaison leader")
            )
        )
    }
}
