import GaoxinDomain
import Plot

/// The enterprise register as a list: search by name or credit code, filter by unit, industry, scale, tier.
enum EnterpriseIndexView {
    static let columns: [ListColumn<EnterpriseQueries.Row>] = [
        ListColumn("企业名称", "Name", sort: "name", html: { row, _ in
            .a(.class("long-name"), .href(Site.enterprise(row.id)), .text(row.name))
        }, export: { row, _ in .text(row.name) }),
        .text("统一社会信用代码", "Credit code", sort: "creditCode") { row, _ in row.creditCode },
        .text("行业代码", "Industry code", sort: "industry") { row, _ in row.industryCode },
        .text("行业名称", "Industry") { row, lang in IndustryCatalogue.standard.name(of: row.industryCode).map { lang.t($0.zh, $0.en ?? $0.zh) } ?? "" },
        .text("所属单位", "Unit", sort: "unit") { row, _ in row.unitName },
        .text("规上", "Above scale", sort: "aboveScale") { row, lang in row.aboveScale ? lang.t("是", "Yes") : lang.t("否", "No") },
        .text("层级", "Tier", sort: "tier") { row, lang in row.tier.flatMap(EnterpriseTier.init(rawValue:)).map { lang.t($0.nameZh, $0.nameEn) } ?? "" },
        ListColumn("近12个月营收（亿元）", "Revenue, last 12 months (100m yuan)", sort: "revenue", html: { row, context in
            .span(.class("num"), .attribute(named: "title", value: row.revenueThrough.map { context.t("截至 \($0) 的 12 个月", "12 months to \($0)") } ?? ""),
                  .text(row.recentRevenue.map { Wan($0).yiText } ?? "—"))
        }, export: { row, _ in .text(row.recentRevenue.map { Wan($0).yiText } ?? "") }),
        .text("所属集群", "Clusters") { row, _ in row.clusterNames ?? "" },
        .text("产业链环节", "Chain nodes") { row, _ in row.nodeNames ?? "" },
        .text("状态", "Status", sort: "active") { row, lang in row.active ? lang.t("在册", "Active") : lang.t("已停用", "Inactive") },
    ]

    static func render(_ context: PageContext, query: ListQuery, page: ListPage<EnterpriseQueries.Row>, canWrite: Bool,
                       unitOptions: [FormField.Option], clusterOptions: [FormField.Option]) -> HTML {
        Page.render(
            context, title: context.t("企业", "Enterprises"),
            .if(canWrite, .p(.class("actions"),
                             .a(.class("button"), .href(Site.enterpriseNew), .text(context.t("登记企业", "New enterprise"))),
                             .a(.class("button secondary"), .href(Site.imports), .text(context.t("批量导入企业或月度指标", "Import enterprises or figures"))))),
            ListView.render(
                context, basePath: Site.enterprises, exportPath: Site.enterprisesExport, query: query, page: page, columns: columns,
                filters: [
                    .init(key: "under", label: context.t("所属单位", "Unit"), options: unitOptions.map { ($0.value, $0.label) }),
                    .init(key: "cluster", label: context.t("所属集群", "Cluster"), options: clusterOptions.map { ($0.value, $0.label) }),
                    .init(key: "industry", label: context.t("行业代码前缀（如 39）", "Industry code prefix (e.g. 39)"), options: []),
                    .init(key: "aboveScale", label: context.t("规模", "Scale"), options: [("1", context.t("规上", "Above scale")), ("0", context.t("规下", "Below scale"))]),
                    .init(key: "tier", label: context.t("层级", "Tier"), options: EnterpriseTier.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                    .init(key: "qualification", label: context.t("资质（有效）", "Qualification (held)"),
                          options: Qualification.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                    .init(key: "active", label: context.t("状态", "Status"), options: [("1", context.t("在册", "Active")), ("0", context.t("已停用", "Inactive"))]),
                ],
                searchPlaceholder: context.t("按企业名称或信用代码搜索", "Search name or credit code")
            )
        )
    }
}
