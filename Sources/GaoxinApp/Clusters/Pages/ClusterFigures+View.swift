import Foundation
import GaoxinDomain
import Plot

/// The cluster page's 经济运行 section: 1–N月 above-scale revenue against the year before and the
/// annual target, the pace against 时序进度 with its rule, the scale tier, the twelve months on
/// both paths, and — for a top-down cluster its writers may change — the form for a month.
enum ClusterFiguresView {
    struct Model {
        var clusterID: Int
        var report: ClusterFigureReport
        var canEnter: Bool
        var values: [String: String] = [:]
        var errors: [FieldError] = []
        /// Closed months (their figure is corrected with a reason, never deleted) and those corrected.
        var closedMonths: Set<String> = []
        var restatedMonths: Set<String> = []
    }

    static func yi(_ wan: Int64?, _ context: PageContext) -> String {
        wan.map { Wan($0).yiText + " " + context.t("亿元", "100m yuan") } ?? "—"
    }

    static func percent(_ share: Double?, signed: Bool = false) -> String {
        guard let share else { return "—" }
        return String(format: signed ? "%+.1f%%" : "%.1f%%", share * 100)
    }

    static func section<C: HTML.BodyContext>(_ context: PageContext, _ model: Model) -> Node<C> {
        let r = model.report
        let lang = context.lang
        let topDown = r.source == ClusterFiguresSource.topDown.rawValue
        return .section(
            .class("cluster-figures"), .id("figures"),
            .h2(.text(context.t("经济运行（规上营收）", "Above-scale revenue"))),
            .form(.class("inline"), .method(.get), .action(Site.cluster(model.clusterID) + "#figures"),
                  .label(.for("month"), .text(context.t("统计截至 ", "Through "))),
                  .input(.type(.month), .id("month"), .name("month"), .value(r.period)),
                  .button(.type(.submit), .class("secondary"), .text(context.t("查看", "Show")))),
            .dl(.class("facts"),
                .dt(.text(context.t("营收口径", "Source"))), .dd(.text(r.sourceName)),
                .dt(.text(context.t("1–\(r.throughMonth)月累计", "Months 1–\(r.throughMonth)"))), .dd(.strong(.text(yi(r.yearToDate, context)))),
                .dt(.text(context.t("上年同期", "Same months last year"))), .dd(.text(yi(r.previousYearToDate, context))),
                .dt(.text(context.t("同比增长", "Year-on-year"))), .dd(.text(percent(r.growth, signed: true))),
                .dt(.text(context.t("年度目标", "Annual target"))), .dd(.text(yi(r.annualTarget, context))),
                .dt(.text(context.t("完成进度", "Progress"))),
                .dd(.text(percent(r.progress) + context.t("（时序进度 ", " (share of year ") + percent(r.timeShare) + context.t("）", ")")),
                    .unwrap(r.pace) { pace in .span(.class("pace pace-\(pace)"), .text(" " + (r.paceName ?? pace))) },
                    .if(r.pace != nil, .div(.class("rule"), .text(r.paceRule)))),
                .dt(.text(context.t("尚需完成", "Still to do"))),
                .dd(.text(yi(r.remaining, context)),
                    .unwrap(r.monthlyPaceNeeded) { .text(context.t("，后 \(12 - r.throughMonth) 个月平均每月 ", "; ") + yi($0, context) + context.t("", " a month")) }),
                .dt(.text(context.t("规模层级", "Scale tier"))),
                .dd(.text(r.tierName.map { context.t("本年累计已达", "So far this year: ") + $0 } ?? context.t("本年累计未达百亿级", "Below 10 bn yuan so far")),
                    .unwrap(r.previousYearTotal) { total in
                        .text(context.t("；\(r.year - 1) 年全年 ", "; \(r.year - 1): ") + yi(total, context) + (r.previousYearTierName.map { "（\($0)）" } ?? ""))
                    }),
                .unwrap(r.otherPathYearToDate) { other in
                    .group(.dt(.text(topDown ? context.t("企业汇总口径累计", "Summed from enterprises") : context.t("统计填报口径累计", "As reported"))),
                           .dd(.text(yi(other, context))))
                }),
            .table(
                .thead(.tr(.th(.text(context.t("月份", "Month"))), .th(.text(context.t("企业汇总（亿元）", "From enterprises (100m yuan)"))),
                           .th(.text(context.t("统计填报（亿元）", "Reported (100m yuan)"))), .th(.text(context.t("上年同月（亿元）", "Same month last year"))),
                           .th(.text(context.t("同比", "YoY"))), .if(model.canEnter && topDown, .th()))),
                .tbody(.forEach(r.months) { month in
                    .tr(.td(.text(month.period), .if(model.restatedMonths.contains(month.period), PeriodView.restatedBadge(month.period, context))),
                        .td(.class("num"), .text(month.bottomUp.map { Wan($0).yiText } ?? "—")),
                        .td(.class("num"), .text(month.topDown.map { Wan($0).yiText } ?? "—")),
                        .td(.class("num"), .text(month.previousYear.map { Wan($0).yiText } ?? "—")),
                        .td(.class("num"), .text(percent(month.growth, signed: true))),
                        .if(model.canEnter && topDown, .td(.if(month.topDown != nil && !model.closedMonths.contains(month.period),
                            .form(.class("inline"), .method(.post), .action(Site.clusterFigureDelete(model.clusterID, month.period)), Page.csrf(context),
                                  .button(.type(.submit), .class("secondary"), .text(context.t("删除", "Delete"))))))))
                })),
            .if(model.canEnter && topDown, FormField.section(
                context.t("填报月度规上营收（统计部门口径）", "Enter a month (as the statistics bureau reports)"),
                FormField.summary(model.errors, lang: lang),
                .form(.class("record"), .method(.post), .action(Site.clusterFigures(model.clusterID)), .novalidate(), Page.csrf(context),
                      FormField.text("period", label: context.t("月份", "Month"), value: model.values["period"], errors: model.errors, lang: lang,
                                     required: true, type: .month, maxLength: 7, hint: context.t("如 2025-08；同一月份再次填报即为更正", "e.g. 2025-08; entering a month again corrects it")),
                      FormField.text("revenue", label: context.t("规上营收（亿元）", "Revenue (100m yuan)"), value: model.values["revenue"], errors: model.errors,
                                     lang: lang, required: true, maxLength: 20, hint: context.t("单位亿元，最多两位小数", "In 100m yuan, at most two decimals")),
                      FormField.text("note", label: context.t("备注", "Note"), value: model.values["note"], errors: model.errors, lang: lang, maxLength: 500),
                      FormField.text(PeriodClose.restatementField, label: context.t("更正原因（更正已关账月份时必填）", "Reason (when correcting a closed month)"),
                                     value: model.values[PeriodClose.restatementField], errors: model.errors, lang: lang, maxLength: 500),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save"))))))),
            .if(!topDown && !model.errors.isEmpty, FormField.summary(model.errors, lang: lang)),
            .if(!topDown, .p(.class("rule"), .text(context.t(
                "企业汇总：挂到本集群在用产业链任一环节的企业，每家只计一次，只计规上且在用企业；企业月度数据更正后即时重算。",
                "Bottom-up: every enterprise attached to a node of the cluster's active chains, counted once, above scale and active only; recomputed as soon as a month is corrected."))))
        )
    }
}
