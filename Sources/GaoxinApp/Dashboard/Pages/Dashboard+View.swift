import Foundation
import GaoxinDomain
import Plot

/// The dashboard's panels: the month's close (office), the warnings, the unit's own work, and the
/// programme's figures from the latest bulletin — cards and server-drawn charts, every number a
/// link to the list behind it.
enum DashboardView {
    static func panels(_ context: PageContext, _ d: Dashboard) -> Node<HTML.BodyContext> {
        .group(
            .unwrap(d.month) { month(context, $0) },
            .unwrap(d.unit) { unit(context, $0, bulletin: d.bulletin?.content) },
            .unwrap(d.parks) { parks(context, $0) },
            .if(!d.warnings.isEmpty, warnings(context, d.warnings)),
            .unwrap(d.bulletin) { programme(context, $0.content) }
        )
    }

    static func month(_ context: PageContext, _ m: Dashboard.MonthStatus) -> Node<HTML.BodyContext> {
        .section(.class("panel"),
            .h2(.text(context.t("本期工作：\(m.month)", "This period: \(m.month)"))),
            .div(.class("cards"),
                 HomeView.card(context.t("关账", "Close"), m.closed ? context.t("已关账", "Closed") : context.t("未关账 · 查看缺项", "Open · see gaps"), PeriodPages.path + "/\(m.month)"),
                 HomeView.card(context.t("月度通报", "Bulletin"),
                               m.bulletin.map { $0.final ? context.t("已生成", "Drawn") : context.t("预览稿", "Draft") } ?? context.t("未生成", "Not drawn"),
                               BulletinPages.path + "/\(m.month)")))
    }

    static func warnings(_ context: PageContext, _ kinds: [EarlyWarnings.Kind]) -> Node<HTML.BodyContext> {
        .section(.class("panel"),
            .h2(.text(context.t("预警", "Warnings"))),
            .div(.class("cards"), .forEach(kinds) { kind in
                .a(.class("card"), .href("/warnings#\(kind.key)"),
                   .span(.class("card-title"), .text(kind.title)),
                   .span(.class("card-value"), .span(.class("light red"), .text("\(kind.red)")), .text(" "), .span(.class("light yellow"), .text("\(kind.yellow)"))))
            }))
    }

    static func unit(_ context: PageContext, _ u: Dashboard.UnitFigures, bulletin: BulletinContent?) -> Node<HTML.BodyContext> {
        let target = bulletin?.targets.rows.first { $0.unit == u.unitName }
        let projects = RegisterDeclaration.projects.path, leads = RegisterDeclaration.leads.path
        return .section(.class("panel"),
            .h2(.text(context.t("本单位：\(u.unitName)", "My unit: \(u.unitName)"))),
            .unwrap(target) { row in
                .p(.a(.href(RegisterDeclaration.attractionTargets.path + "/progress?year=\(bulletin!.header.year)"),
                      .text(context.t("目标指引清单综合完成率 \(BulletinWording.percent(row.completion))，第 \(row.rank) / \(bulletin!.targets.rows.count) 名（\(bulletin!.header.month) 通报）",
                                      "Target completion \(BulletinWording.percent(row.completion)), rank \(row.rank) of \(bulletin!.targets.rows.count)"))),
                   .text(" "), .span(.class("light " + row.light), .text(BulletinLight.name(row.light))))
            },
            BarChartSVG.render(u.projects.map { .init(label: $0.name, value: Double($0.count), valueText: "\($0.count) 个",
                                                       href: projects + "?owningUnitId=\(u.unitID)&stage=\($0.key)") },
                               title: context.t("负责项目（按阶段）", "Projects by stage")),
            BarChartSVG.render(u.leads.map { .init(label: $0.name, value: Double($0.count), valueText: "\($0.count) 条",
                                                    href: leads + "?owningUnitId=\(u.unitID)&stage=\($0.key)") },
                               title: context.t("招商线索（按阶段）", "Leads by stage")))
    }

    static func parks(_ context: PageContext, _ p: ParkFigures) -> Node<HTML.BodyContext> {
        let spaces = RegisterDeclaration.spaces.path, statistics = RegisterDeclaration.parkStatistics.path
        return .section(.class("panel"),
            .h2(.text(context.t("本单位园区：\(p.unitName)", "My parks: \(p.unitName)"))),
            .div(.class("cards"),
                 HomeView.card(context.t("运营园区", "Parks"), "\(p.parks)", RegisterDeclaration.parks.path + "?owningUnitId=\(p.unitID)"),
                 HomeView.card(context.t("在招空间", "Spaces on offer"), context.t("\(p.onOffer) 个 · \(Wan.grouped(UInt64(max(0, p.offeredArea)))) m²", "\(p.onOffer) · \(p.offeredArea) m²"),
                               spaces + "?status=available"),
                 HomeView.card(context.t("已过期待确认", "Stale, to confirm"), "\(p.stale)", spaces + "?freshness=expired"),
                 HomeView.card(context.t("7 天内到期", "Due within 7 days"), "\(p.expiring)", spaces + "?freshness=expiring"),
                 HomeView.card(context.t("\(p.year) 年统计", "\(p.year) statistics"),
                               context.t("待审 \(p.submitted) · 退回 \(p.returned) · 已审 \(p.reviewed) · 未报 \(p.missing)",
                                         "Awaiting \(p.submitted) · returned \(p.returned) · reviewed \(p.reviewed) · missing \(p.missing)"),
                               statistics + "?year=\(p.year)"),
                 HomeView.card(context.t("揭榜申请待评审", "Applications to review"), "\(p.applications)",
                               RegisterDeclaration.scenarioApplications.path + "?status=submitted")))
    }

    /// The programme from the latest bulletin: totals, the top clusters against their targets,
    /// the red items, the target ranking's head and tail.
    static func programme(_ context: PageContext, _ c: BulletinContent) -> Node<HTML.BodyContext> {
        let link = BulletinPages.path + "/\(c.header.month)"
        let red = c.clusters.filter { $0.light == "red" }
        let thousand = c.tiers.first?.clusters.count ?? 0
        let ranked = c.targets.rows
        return .section(.class("panel"),
            .h2(.text(context.t("产业集群与项目（\(c.header.month) 通报\(c.header.final ? "" : "，预览稿")）", "Programme (\(c.header.month) bulletin)"))),
            .div(.class("cards"),
                 HomeView.card(context.t("集群规上营收（\(c.periodText)，亿元）", "Cluster revenue"), Wan(c.clusterTotal.yearToDate).yiText, link),
                 HomeView.card(context.t("完成年度目标", "Of the annual target"), BulletinWording.percent(c.clusterTotal.progress), link),
                 HomeView.card(context.t("超千亿集群", "Clusters over 100 bn"), "\(thousand)", link),
                 HomeView.card(context.t("红灯集群", "Red clusters"), "\(red.count)", link),
                 HomeView.card(context.t("滞后项目（截至 \(c.header.asOf)）", "Late projects"), "\(c.lateProjects.count)", link),
                 HomeView.card(context.t("未解决问题 / 逾期", "Open / overdue obstacles"), "\(c.obstacles.open) / \(c.obstacles.overdue)", link)),
            BarChartSVG.render(c.clusters.prefix(10).map { row in
                .init(label: row.name, value: Double(row.yearToDate), valueText: Wan(row.yearToDate).yiText + " 亿",
                      target: row.annualTarget.map { Double($0) * Double(c.header.throughMonth) / 12 }, light: row.light,
                      href: row.clusterId.map(Site.cluster) ?? link)
            }, title: context.t("规上营收前十的集群（竖线为时序进度应完成额，颜色为亮灯）", "Top ten clusters (tick: where the pace says they should be)")),
            .if(!ranked.isEmpty, BarChartSVG.render((ranked.count > 10 ? Array(ranked.prefix(5)) + Array(ranked.suffix(5)) : ranked).map { row in
                .init(label: "\(row.rank). \(row.unit)", value: (row.completion ?? 0) * 100, valueText: BulletinWording.percent(row.completion), light: row.light,
                      href: RegisterDeclaration.attractionTargets.path + "/progress?year=\(c.header.year)")
            }, title: context.t("目标综合完成率排名（前五与后五）", "Target completion ranking (top and bottom five)"))),
            .if(!red.isEmpty, .p(.text(context.t("红灯集群：", "Red clusters: ")), .forEach(red.prefix(12)) { row in
                .group(.a(.href(row.clusterId.map(Site.cluster) ?? link), .text(row.name)), .text(" "))
            })),
            .p(.a(.href(link), .text(context.t("查看完整通报", "The whole bulletin")))))
    }
}
