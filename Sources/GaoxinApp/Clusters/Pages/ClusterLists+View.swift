import GaoxinDomain
import Plot

/// The cluster page's 四张清单 section.
enum ClusterListsView {
    static func section<C: HTML.BodyContext>(_ context: PageContext, clusterID: Int, _ lists: ClusterLists) -> Node<C> {
        .section(
            .id("lists"),
            .h2(.text(context.t("四张清单", "Four lists")),
                .a(.class("button secondary"), .href(Site.clusterListsExport(clusterID) + "?format=xlsx"), .text(context.t("导出", "Export")))),
            .h3(.text(context.t("重点企业（链主、准链主、骨干）", "Key enterprises (chain leaders, candidates, backbone)"))),
            .if(lists.keyEnterprises.isEmpty, .p(.class("empty"), .text(context.t("本集群产业链上尚无链主、准链主或骨干企业", "No chain leader, candidate or backbone enterprise on the cluster's chains")))),
            .if(!lists.keyEnterprises.isEmpty, .table(
                .thead(.tr(.th(.text(context.t("企业", "Enterprise"))), .th(.text(context.t("层级", "Tier"))),
                           .th(.text(context.t("近 12 个月营收（亿元，\(lists.revenueFrom)–\(lists.revenueTo)）", "Revenue, 12 months (100m yuan, \(lists.revenueFrom)–\(lists.revenueTo))"))))),
                .tbody(.forEach(lists.keyEnterprises) { e in
                    .tr(.td(.a(.href(Site.enterprise(e.id)), .text(e.name))), .td(.text(e.tierName)), .td(.class("num"), .text(Wan(e.revenue).yiText)))
                }))),
            .h3(.text(context.t("重点项目（省重大、市重大、区重点）", "Key projects (provincial, municipal, district)"))),
            .if(lists.keyProjects.isEmpty, .p(.class("empty"), .text(context.t("本集群尚无重点项目", "No key project in this cluster yet")))),
            .if(!lists.keyProjects.isEmpty, .table(
                .thead(.tr(.th(.text(context.t("项目", "Project"))), .th(.text(context.t("级别", "Level"))), .th(.text(context.t("阶段", "Stage"))),
                           .th(.class("num"), .text(context.t("总投资（亿元）", "Investment (100m yuan)"))))),
                .tbody(.forEach(lists.keyProjects) { p in
                    .tr(.td(.a(.href(RegisterDeclaration.projects.path(p.id)), .text(p.name))), .td(.text(p.level)),
                        .td(.text(p.stage), .if(p.late, .span(.class("badge expired"), .text(context.t(" 滞后", " late"))))),
                        .td(.class("num"), .text(Wan(p.totalInvestment).yiText)))
                }))),
            shownOf(lists.keyProjects.count, lists.keyProjectsTotal, context),
            .p(.a(.href(RegisterDeclaration.projects.path + "?clusterId=\(clusterID)"), .text(context.t("本集群全部项目", "All the cluster's projects")))),
            .h3(.text(context.t("招商目标", "Target companies"))),
            .if(lists.targetCompanies.isEmpty, .p(.class("empty"), .text(context.t("尚无招商目标企业", "No target company yet")))),
            .if(!lists.targetCompanies.isEmpty, .table(
                .thead(.tr(.th(.text(context.t("企业", "Company"))), .th(.text(context.t("产业链环节", "Chain node"))), .th(.text(context.t("所在地区", "Region"))),
                           .th(.text(context.t("线索来源", "Source"))), .th(.text(context.t("目标理由", "Why"))))),
                .tbody(.forEach(lists.targetCompanies) { t in
                    .tr(.td(.a(.href(RegisterDeclaration.targetCompanies.path(t.id)), .text(t.name))), .td(.text(t.node)), .td(.text(t.region ?? "")),
                        .td(.text(t.source ?? "")), .td(.text(t.reason ?? "")))
                }))),
            shownOf(lists.targetCompanies.count, lists.targetCompaniesTotal, context),
            .p(.a(.href(RegisterDeclaration.targetCompanies.path + "/new"), .text(context.t("登记招商目标企业", "Add a target company")))),
            .h3(.text(context.t("问题与需求（本集群项目未解决的问题）", "Problems and needs (the cluster's projects' open obstacles)"))),
            .if(lists.problems.isEmpty, .p(.class("empty"), .text(context.t("本集群项目没有未解决的问题", "No open obstacle on the cluster's projects")))),
            .if(!lists.problems.isEmpty, .table(
                .thead(.tr(.th(.text(context.t("问题", "Problem"))), .th(.text(context.t("项目", "Project"))), .th(.text(context.t("责任单位", "Unit"))),
                           .th(.text(context.t("解决时限", "Due"))))),
                .tbody(.forEach(lists.problems) { o in
                    .tr(.td(.a(.href(RegisterDeclaration.obstacles.path(o.id)), .text(o.title))), .td(.text(o.project)), .td(.text(o.unit)),
                        .td(.text(o.dueOn), .if(o.overdue, .span(.class("badge expired"), .text(context.t(" 已逾期", " overdue"))))))
                }))),
            shownOf(lists.problems.count, lists.problemsTotal, context)
        )
    }

    /// “共 1,234 条，此处列出前 50 条（导出含全部）” under a list that was cut.
    static func shownOf<C: HTML.BodyContext>(_ shown: Int, _ total: Int, _ context: PageContext) -> Node<C> {
        .if(total > shown, .p(.class("hint"), .text(context.t("共 \(total) 条，此处列出前 \(shown) 条（导出含全部）",
                                                              "\(total) in all; the first \(shown) shown (the export holds all)"))))
    }
}
