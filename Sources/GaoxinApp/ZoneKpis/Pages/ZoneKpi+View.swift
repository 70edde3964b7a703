import Foundation
import GaoxinDomain
import Plot

/// A year's indicator system grouped by category: value against target with its light, the years
/// before, and for every computed indicator the query and parameters it ran with.
enum ZoneKpiView {
    static func figure(_ value: Double?) -> String {
        guard let value else { return "—" }
        return ScaledDecimal.rounded(value, places: 2).groupedText
    }

    static func render(_ context: PageContext, _ board: ZoneKpiBoard) -> HTML {
        // The rows come in category order: each category once, where it first appears.
        let categories = board.rows.map(\.categoryName).reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        let years = board.rows.first?.history.map(\.year) ?? []
        return Page.render(context, title: context.t("\(board.year) 年区域指标", "Zone indicators \(board.year)"),
            .form(.class("list-controls"), .method(.get), .action(ZoneKpiPages.path),
                  .label(.for("year"), .text(context.t("年度", "Year"))),
                  .input(.type(.number), .id("year"), .name("year"), .value("\(board.year)"), .attribute(named: "min", value: "2000"), .attribute(named: "max", value: "2100")),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.class("hint"), .text(context.t("取值日 \(board.asOf)。", "Read on \(board.asOf). ") + board.rule)),
            .p(.class("actions"),
               .a(.href(RegisterDeclaration.zoneKpis.path), .text(context.t("指标定义", "Indicators"))), .text(" · "),
               .a(.href(RegisterDeclaration.zoneKpiTargets.path + "?year=\(board.year)"), .text(context.t("年度目标", "Targets"))), .text(" · "),
               .a(.href(RegisterDeclaration.zoneKpiValues.path + "?year=\(board.year)"), .text(context.t("填报值", "Entered values"))), .text(" · "),
               .a(.href(ZoneKpiPages.path + "/export?year=\(board.year)"), .text(context.t("导出 Excel", "Export (xlsx)")))),
            .if(board.rows.isEmpty, .p(.text(context.t("尚未定义区域指标", "No indicators defined yet")))),
            .forEach(categories) { category in
                .group(
                    .h2(.text(category)),
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(context.t("指标", "Indicator"))), .th(.text(context.t("单位", "Unit"))),
                                   .th(.class("num"), .text(context.t("\(board.year) 年取值", "\(board.year)"))), .th(.class("num"), .text(context.t("目标", "Target"))),
                                   .th(.class("num"), .text(context.t("完成进度", "Progress"))), .th(.text(context.t("红黄绿", "Light"))),
                                   .forEach(years.dropLast()) { .th(.class("num"), .text("\($0)")) },
                                   .th(.text(context.t("取值方式", "Source"))))),
                        .tbody(.forEach(board.rows.filter { $0.categoryName == category }) { row in
                            .tr(.td(.a(.href(RegisterDeclaration.zoneKpis.path(row.id)), .text(row.name))), .td(.text(row.measureName)),
                                .td(.class("num"), .strong(.text(figure(row.value)))), .td(.class("num"), .text(figure(row.target))),
                                .td(.class("num"), .text(row.progress.map { String(format: "%.1f%%", $0 * 100) } ?? "—")),
                                .td(.unwrap(BulletinLight.of(row.pace), { .span(.class("light " + $0), .text(BulletinLight.name($0))) }, else: .text("—"))),
                                .forEach(row.history.dropLast()) { .td(.class("num"), .text(figure($0.value))) },
                                .td(source(context, row, board.year)))
                        }))))
            })
    }

    /// “填报” with its basis and a link to the entries, or the computed source with its query.
    static func source(_ context: PageContext, _ row: ZoneKpiBoard.Row, _ year: Int) -> Node<HTML.BodyContext> {
        guard let query = row.query else {
            return .group(.a(.href(RegisterDeclaration.zoneKpiValues.path + "?kpiId=\(row.id)"), .text(row.sourceName)),
                          .unwrap(row.basis) { .span(.class("hint"), .text("（\($0)）")) })
        }
        return .element(named: "details", nodes: [
            .element(named: "summary", text: context.t("自动计算：", "Computed: ") + row.sourceName),
            .pre(.code(.text(query))),
            .p(.class("hint"), .text(row.parameters.map { ":\($0.name) = \($0.value)" }.joined(separator: "，") + "；" + (row.formula ?? ""))),
        ])
    }
}
