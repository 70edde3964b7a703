import Foundation
import GaoxinDomain
import Plot

/// A year's assessment: the items with their formulas, the ranking with each item's points, the
/// metric values each formula read, and what every metric means.
enum AssessmentView {
    static func points(_ value: Double) -> String { String(format: "%.2f", value) }

    static func value(_ value: Double, _ metric: AssessmentMetric) -> String {
        switch metric.measure {
        case "万元": return Wan(Int64(value.rounded())).yiText + " 亿元"
        case "比例（0–1）": return String(format: "%.1f%%", value * 100)
        default: return String(format: "%.0f", value)
        }
    }

    static func render(_ context: PageContext, _ a: Assessment) -> HTML {
        Page.render(context, title: context.t("\(a.year) 年度考核", "Assessment \(a.year)"),
            .form(.class("list-controls"), .method(.get), .action(AssessmentPages.path),
                  .label(.for("year"), .text(context.t("年度", "Year"))),
                  .input(.type(.number), .id("year"), .name("year"), .value("\(a.year)"), .attribute(named: "min", value: "2000"), .attribute(named: "max", value: "2100")),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.class("badge"), .text(a.frozen
                ? context.t("已随 \(a.year)-12 关账冻结（\(a.frozenAt.map(DisplayFormat.dateTime) ?? "")）", "Frozen with the close of \(a.year)-12")
                : context.t("实时计算：指标取至 \(a.asOf)；\(a.year) 年 12 月关账时冻结", "Computed live as of \(a.asOf); frozen when December is closed"))),
            .p(.class("actions"),
               .a(.href(RegisterDeclaration.assessmentItems.path + "?year=\(a.year)"), .text(context.t("考核项目与公式", "Items and formulas"))), .text(" · "),
               .a(.href(AssessmentPages.path + "/export?year=\(a.year)"), .text(context.t("导出 Excel", "Export (xlsx)")))),
            .if(a.items.isEmpty, .p(.text(context.t("该年度尚未设置考核项目", "No items for this year")))),
            .if(!a.items.isEmpty, .group(
                .h2(.text(context.t("考核项目", "Items"))),
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(context.t("编号", "Number"))), .th(.text(context.t("考核项目", "Item"))), .th(.text(context.t("计分公式", "Formula"))))),
                    .tbody(.forEach(a.items) { item in .tr(.td(.text(item.code)), .td(.text(item.name)), .td(.code(.text(item.formula)))) }))),
                .h2(.text(context.t("得分与排名", "Scores and ranking"))),
                .if(a.rows.isEmpty, .p(.class("hint"), .text(context.t("该年度没有单位的目标指引清单：考核对象是有目标清单的单位", "No unit has a target list for this year")))),
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(context.t("排名", "Rank"))), .th(.text(context.t("单位", "Unit"))),
                               .forEach(a.items) { item in .th(.class("num"), .attribute(named: "title", value: item.formula.escapedForAttribute), .text(item.name)) },
                               .th(.class("num"), .text(context.t("总分", "Total"))))),
                    .tbody(.forEach(a.rows) { row in
                        .tr(.td(.class("num"), .text("\(row.rank)")), .td(.text(row.unitName)),
                            .forEach(row.points) { .td(.class("num"), .text(points($0))) },
                            .td(.class("num"), .strong(.text(points(row.total)))))
                    }))),
                .h2(.text(context.t("指标取值", "Metric values"))),
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text(context.t("单位", "Unit"))), .forEach(AssessmentMetric.allCases) { .th(.class("num"), .text($0.rawValue)) })),
                    .tbody(.forEach(a.rows) { row in
                        .tr(.td(.text(row.unitName)),
                            .forEach(Array(zip(AssessmentMetric.allCases, row.values))) { metric, v in .td(.class("num"), .text(value(v, metric))) })
                    }))))),
            .h2(.text(context.t("指标说明", "Metrics"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("指标", "Metric"))), .th(.text(context.t("计量单位", "Measure"))), .th(.text(context.t("含义", "Meaning"))))),
                .tbody(.forEach(AssessmentMetric.allCases) { .tr(.td(.text($0.rawValue)), .td(.text($0.measure)), .td(.text($0.explanation))) })))
        )
    }
}
