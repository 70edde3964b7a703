import Foundation
import GaoxinDomain
import Plot

/// Recognition for a year: each park's score against the pass mark, pass or fail, the year before,
/// the flag; and for one park each criterion's value, threshold and points of its weight.
enum ParkRecognitionView {
    static func render(_ context: PageContext, _ board: ParkRecognitionBoard) -> HTML {
        let flagged = board.rows.filter { $0.flag != nil }.count
        return Page.render(context, title: context.t("\(board.year) 年园区认定与动态管理", "Park recognition \(board.year)"),
            .form(.class("list-controls"), .method(.get), .action(ParkPages.recognitionPath),
                  .label(.for("year"), .text(context.t("年度", "Year"))),
                  .input(.type(.number), .id("year"), .name("year"), .value("\(board.year)"), .attribute(named: "min", value: "2000"), .attribute(named: "max", value: "2100")),
                  .button(.type(.submit), .text(context.t("查看", "Show")))),
            .p(.class("hint"), .text(context.t("每个园区按其载体类型在该年度生效的最新认定标准评分：达到门槛得满分，未达到按达到比例得分；得分不低于合格分且必备条件全部达到为达标。未达标、连续两年未达标、未报送统计的园区标出预警。",
                                               "Each park is scored under the latest standard in force for its kind: a criterion met earns its weight, short of it the share reached. It passes at the pass mark with every required criterion met."))),
            .p(.text(context.t("共 \(board.rows.count) 个园区，预警 \(flagged) 个。", "\(board.rows.count) parks, \(flagged) flagged. ")),
               .a(.href(RegisterDeclaration.parkStandards.path), .text(context.t("认定标准", "Standards"))), .text(" · "),
               .a(.href(RegisterDeclaration.parkStatistics.path + "?year=\(board.year)"), .text(context.t("年度统计", "Statistics")))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("园区", "Park"))), .th(.text(context.t("类型", "Kind"))), .th(.text(context.t("适用标准", "Standard"))),
                           .th(.class("num"), .text(context.t("得分", "Score"))), .th(.class("num"), .text(context.t("合格分", "Pass mark"))),
                           .th(.text(context.t("结论", "Result"))), .th(.class("num"), .text(context.t("上年得分", "Last year"))),
                           .th(.text(context.t("统计审核", "Review"))), .th(.text(context.t("预警", "Flag"))))),
                .tbody(.forEach(board.rows) { row in
                    .tr(.td(.a(.href(RegisterDeclaration.parks.path(row.parkId)), .text(row.parkName))), .td(.text(row.kindName)),
                        .td(.text(row.standardName ?? "—")),
                        .td(.class("num"), .strong(.text(row.result.map { String(format: "%.1f", $0.score) } ?? "—"))),
                        .td(.class("num"), .text(row.result.map { String(format: "%.0f", $0.passMark) } ?? "—")),
                        .td(verdict(context, row.result)),
                        .td(.class("num"), .text(row.previous.map { String(format: "%.1f", $0.score) } ?? "—")),
                        .td(.text(reviewName(context, row.reviewStatus))),
                        .td(.unwrap(row.flag, { .span(.class("light " + ($0 == .noStandard ? "yellow" : "red")), .text(context.t($0.nameZh, $0.nameEn))) }, else: .text(""))))
                }))))
    }

    static func verdict(_ context: PageContext, _ result: ParkRecognition.Result?) -> Node<HTML.BodyContext> {
        guard let result else { return .text("—") }
        let why = result.failedRequired.isEmpty ? "" : context.t("（必备未达：\(result.failedRequired.joined(separator: "、"))）", " (required not met: \(result.failedRequired.joined(separator: ", ")))")
        return .span(.class("light " + (result.passed ? "green" : "red")), .text((result.passed ? context.t("达标", "Pass") : context.t("未达标", "Fail")) + why))
    }

    static func reviewName(_ context: PageContext, _ status: String?) -> String {
        guard let status, let choice = ParkStatistic.reviewStatuses.first(where: { $0.value == status }) else { return "—" }
        return context.t(choice.zh, choice.en)
    }

    /// One park's year: the verdict and every criterion's contribution.
    static func detail(_ context: PageContext, year: Int, row: ParkRecognitionBoard.Row) -> Node<HTML.BodyContext> {
        .div(.class("recognition-year"),
            .h3(.text("\(year)" + context.t(" 年", "")), .text(" "), verdict(context, row.result),
                .unwrap(row.flag) { .span(.class("hint"), .text(" " + context.t($0.nameZh, $0.nameEn))) }),
            .unwrap(row.result) { result in
                .group(
                    .p(.text(context.t("得分 \(String(format: "%.1f", result.score))，合格分 \(String(format: "%.0f", result.passMark))（\(row.standardName ?? "")）；统计\(reviewName(context, row.reviewStatus))。",
                                       "Score \(String(format: "%.1f", result.score)) against \(String(format: "%.0f", result.passMark))."))),
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(context.t("指标", "Criterion"))), .th(.class("num"), .text(context.t("取值", "Value"))),
                                   .th(.class("num"), .text(context.t("门槛", "Threshold"))), .th(.class("num"), .text(context.t("得分/权重", "Points"))),
                                   .th(.text(context.t("必备", "Required"))))),
                        .tbody(.forEach(result.contributions) { part in
                            .tr(.td(.text(part.name)), .td(.class("num"), .text(part.value.map(number) ?? context.t("未填", "—"))),
                                .td(.class("num"), .text(number(part.threshold))),
                                .td(.class("num"), .span(.class(part.met ? "" : "shortfall"), .text("\(SpaceMatchView.formatPoints(part.earned))/\(part.weight)"))),
                                .td(.text(part.required ? (part.met ? context.t("是 · 已达", "Yes · met") : context.t("是 · 未达", "Yes · not met")) : "")))
                        }))))
            })
    }

    static func number(_ value: Double) -> String { ScaledDecimal.rounded(value, places: 2).groupedText }
}
