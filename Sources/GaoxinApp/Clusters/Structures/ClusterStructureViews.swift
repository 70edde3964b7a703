import GaoxinDomain
import Plot

/// Pages of cluster structures: the list, one structure's totals by group, and the form whose
/// groups are typed a line each.
enum ClusterStructureViews {
    static func index(_ context: PageContext, _ structures: [ClusterStructureDTO], canWrite: Bool) -> HTML {
        Page.render(
            context, title: context.t("集群体系", "Cluster structures"),
            .nav(.class("breadcrumbs"), .a(.href(Site.clusters), .text(context.t("产业集群", "Clusters")))),
            .if(canWrite, .div(.class("actions"), .a(.class("button"), .href(Site.clusterStructureNew), .text(context.t("新建集群体系", "New structure"))))),
            .if(structures.isEmpty, .p(.class("empty"), .text(context.t("尚无集群体系，如“465”现代产业集群", "No structure yet, e.g. the 465 clusters")))),
            .table(
                .thead(.tr(.th(.text(context.t("体系名称", "Name"))), .th(.text(context.t("归属", "Of"))), .th(.text(context.t("分组", "Groups"))),
                           .th(.text(context.t("集群数", "Clusters"))))),
                .tbody(.forEach(structures) { s in
                    .tr(.td(.a(.href(Site.clusterStructure(s.id)), .text(s.name))), .td(.text(s.unitName ?? "")),
                        .td(.text(s.groups.map { "\($0.name)（\($0.clusterIds.count)）" }.joined(separator: "、"))),
                        .td(.class("num"), .text("\(s.groups.reduce(0) { $0 + $1.clusterIds.count })")))
                }))
        )
    }

    static func show(_ context: PageContext, _ totals: ClusterStructureTotals, canWrite: Bool) -> HTML {
        let s = totals.structure
        return Page.render(
            context, title: s.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.clusterStructures), .text(context.t("集群体系", "Cluster structures")))),
            .unwrap(s.unitName) { .p(.class("hint"), .text(context.t("归属：", "Of: ") + $0)) },
            .unwrap(s.note) { .p(.text($0)) },
            .form(.class("inline"), .method(.get), .action(Site.clusterStructure(s.id)),
                  .label(.for("month"), .text(context.t("统计截至 ", "Through "))),
                  .input(.type(.month), .id("month"), .name("month"), .value(totals.period)),
                  .button(.type(.submit), .class("secondary"), .text(context.t("查看", "Show")))),
            .p(.text(context.t("1–\(totals.throughMonth)月，合计规上营收 ", "Months 1–\(totals.throughMonth): above-scale revenue ")
                     + ClusterFiguresView.yi(totals.total.yearToDate, context)
                     + context.t("；超千亿集群 \(totals.total.overThousand) 个，其中超两千亿 \(totals.total.overTwoThousand) 个、超三千亿 \(totals.total.overThreeThousand) 个。",
                                 "; \(totals.total.overThousand) clusters over 100 bn yuan, \(totals.total.overTwoThousand) over 200 bn, \(totals.total.overThreeThousand) over 300 bn."))),
            .table(
                .thead(.tr(.th(.text(context.t("分组 / 集群", "Group / cluster"))), .th(.text(context.t("1–\(totals.throughMonth)月（亿元）", "Months 1–\(totals.throughMonth) (100m yuan)"))),
                           .th(.text(context.t("上年同期（亿元）", "Last year (100m yuan)"))), .th(.text(context.t("同比（可比口径）", "YoY (comparable)"))),
                           .th(.text(context.t("年度目标（亿元）", "Target (100m yuan)"))), .th(.text(context.t("完成进度", "Progress"))),
                           .th(.text(context.t("规模层级 / 超千亿个数", "Tier / over 100 bn"))))),
                .tbody(.forEach(totals.groups) { group in
                    .group(row(context, group.total, strong: true),
                           .forEach(group.clusters) { row(context, $0, strong: false) })
                }, row(context, totals.total, strong: true))),
            .p(.class("rule"), .text(context.t(
                "各集群按自身营收口径计；同比只比较上年同期有数据的集群（可比口径）；完成进度按有年度目标的集群合计。" + ClusterPace.ruleZh,
                "Each cluster on its own path; growth compares only clusters with last year's months; progress sums the clusters with a target. " + ClusterPace.ruleEn))),
            .if(canWrite, .div(.class("actions " + Print.hidden),
                .a(.class("button"), .href(Site.clusterStructureEdit(s.id)), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(Site.clusterStructureDelete(s.id)), Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(context.t("删除体系", "Delete structure"))))))
        )
    }

    private static func row(_ context: PageContext, _ line: ClusterStructureTotals.Line, strong: Bool) -> Node<HTML.TableContext> {
        let name: Node<HTML.BodyContext> = line.clusterId.map { .a(.href(Site.cluster($0)), .text(line.name)) } ?? .strong(.text(line.name))
        let tier = line.clusterId == nil ? "\(line.overThousand)" : (line.tier.flatMap { code in ClusterScaleTier.allCases.first { $0.code == code } }
            .map { context.t($0.nameZh, $0.nameEn) } ?? "—")
        return .tr(.class(strong ? "subtotal" : ""),
                   .td(name), .td(.class("num"), .text(Wan(line.yearToDate).yiText)),
                   .td(.class("num"), .text(line.previousYearToDate.map { Wan($0).yiText } ?? "—")),
                   .td(.class("num"), .text(ClusterFiguresView.percent(line.growth, signed: true))),
                   .td(.class("num"), .text(line.annualTarget.map { Wan($0).yiText } ?? "—")),
                   .td(.class("num"), .text(ClusterFiguresView.percent(line.progress)),
                       .unwrap(line.pace) { pace in .span(.class("pace pace-\(pace)"), .text(" " + (ClusterPace(rawValue: pace).map { context.t($0.nameZh, $0.nameEn) } ?? pace))) }),
                   .td(.text(tier)))
    }

    static func form(_ context: PageContext, id: Int?, values: [String: String], owners: [FormField.Option], clusterNames: [String], errors: [FieldError]) -> HTML {
        let lang = context.lang
        return Page.render(
            context, title: id == nil ? context.t("新建集群体系", "New cluster structure") : context.t("编辑集群体系", "Edit cluster structure"),
            FormField.summary(errors, lang: lang),
            .form(.class("record"), .method(.post), .action(id.map(Site.clusterStructure) ?? Site.clusterStructures), .novalidate(), Page.csrf(context),
                  FormField.text("name", label: context.t("体系名称", "Name"), value: values["name"], errors: errors, lang: lang, required: true, maxLength: 100,
                                 hint: context.t("如 “465”现代产业集群、6+2+X", "e.g. the 465 modern industrial clusters")),
                  FormField.select("unitId", label: context.t("归属的市、板块或园区", "City, board or zone"), options: owners,
                                   selected: values["unitId"] ?? owners.first?.value, errors: errors, lang: lang, required: true),
                  FormField.textarea("groups", label: context.t("分组及集群", "Groups and clusters"), value: values["groups"], errors: errors, lang: lang,
                                     hint: context.t("每行一个分组：分组名：集群、集群…（一个集群只能在一个分组中）。在用集群：",
                                                     "One group a line — group: cluster, cluster (a cluster in one group only). Active clusters: ")
                                        + clusterNames.joined(separator: "、")),
                  FormField.text("sortOrder", label: context.t("排序号", "Sort order"), value: values["sortOrder"] ?? "0", errors: errors, lang: lang, type: .number),
                  FormField.textarea("note", label: context.t("备注", "Note"), value: values["note"], errors: errors, lang: lang),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save"))),
                       .a(.class("button secondary"), .href(id.map(Site.clusterStructure) ?? Site.clusterStructures), .text(context.t("取消", "Cancel")))))
        )
    }
}
