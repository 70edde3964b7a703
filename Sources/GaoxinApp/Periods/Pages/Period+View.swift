import Foundation
import GaoxinDomain
import Plot

/// A month's page: closed or not, what is missing (each gap counted, its first items linked), the
/// close button or the reopen form, and the month's restatements.
enum PeriodView {
    static func render(_ context: PageContext, _ state: PeriodStatus, mayWrite: Bool, errors: [FieldError]) -> HTML {
        let base = PeriodPages.path + "/\(state.month)"
        let missing = state.gaps.filter { $0.count > 0 }
        return Page.render(context, title: context.t("关账 \(state.month)", "Period \(state.month)"),
            .nav(.class("breadcrumbs"), .a(.href(PeriodPages.path), .text(context.t("关账", "Period close")))),
            FormField.summary(errors, lang: context.lang),
            .if(state.closed,
                .p(.class("badge"), .text(context.t("已关账：\(state.closedBy ?? "")，\(state.closedAt.map(DisplayFormat.dateTime) ?? "")",
                                                    "Closed by \(state.closedBy ?? "") at \(state.closedAt.map(DisplayFormat.dateTime) ?? "")"))),
                else: .group(
                    .h2(.text(context.t("数据完整性", "Completeness"))),
                    .if(missing.isEmpty, .p(.text(context.t("本月数据已齐全，可以关账", "The month's data is complete: it can be closed")))),
                    .forEach(missing) { gap in
                        .section(.class("gap"),
                            .h3(.text(context.t(gap.title, gap.titleEn) + "（\(gap.count)）")),
                            .ul(.forEach(gap.items) { item in .li(.a(.href(item.path), .text(item.name))) }),
                            .if(gap.count > gap.items.count, .p(.class("hint"), .text(context.t("另有 \(gap.count - gap.items.count) 个未列出", "\(gap.count - gap.items.count) more")))))
                    })),
            .if(mayWrite && !state.closed,
                .form(.method(.post), .action(base + "/close"), Page.csrf(context),
                      .button(.type(.submit), .text(context.t("关账", "Close the month"))))),
            .if(mayWrite && state.closed,
                .form(.class("record"), .method(.post), .action(base + "/reopen"), Page.csrf(context),
                      FormField.textarea("reason", label: context.t("重新开账原因", "Why reopen"), value: nil, errors: errors, lang: context.lang),
                      .button(.type(.submit), .class("secondary"), .text(context.t("重新开账", "Reopen"))))),
            .h2(.text(context.t("更正记录", "Restatements"))),
            .if(state.restatements.isEmpty, .p(.class("hint"), .text(context.t("暂无", "None")))),
            .if(!state.restatements.isEmpty, .table(
                .thead(.tr(.th(.text(context.t("对象", "Subject"))), .th(.text(context.t("指标", "Figure"))), .th(.text(context.t("原值", "Old"))),
                           .th(.text(context.t("新值", "New"))), .th(.text(context.t("原因", "Reason"))), .th(.text(context.t("更正人", "By"))),
                           .th(.text(context.t("时间", "At"))))),
                .tbody(.forEach(state.restatements) { row in
                    .tr(.td(.text(row.subject)), .td(.text(row.figure)), .td(.text(row.oldValue.map(String.init) ?? "—")),
                        .td(.text(row.newValue.map(String.init) ?? "—")), .td(.text(row.reason)), .td(.text(row.by)),
                        .td(.text(DisplayFormat.dateTime(row.at))))
                })))
        )
    }

    /// Beside a figure of a month corrected after its close: a link to the month's restatements.
    static func restatedBadge<C: HTML.BodyContext>(_ month: String, _ context: PageContext) -> Node<C> {
        .a(.class("badge"), .href(PeriodPages.path + "/\(month)"), .text(context.t("已更正", "restated")))
    }

    /// The months, newest first: open, or closed by whom and when, with their restatements counted.
    static func index(_ context: PageContext, months: [Period], closed: [String: PeriodCloseRecord], restatedCounts: [String: Int]) -> HTML {
        Page.render(context, title: context.t("关账", "Period close"),
            .p(.class("hint"), .text(context.t("数据齐全的月份由集群办关账；关账后更正该月数据须说明原因，留下更正记录",
                                               "The office closes a month once its data is complete; a later correction needs a reason and is kept as a restatement"))),
            .table(
                .thead(.tr(.th(.text(context.t("月份", "Month"))), .th(.text(context.t("状态", "Status"))), .th(.text(context.t("更正记录", "Restatements"))))),
                .tbody(.forEach(months) { month in
                    let record = closed[month.description]
                    return .tr(
                        .td(.a(.href(PeriodPages.path + "/\(month)"), .text(month.description))),
                        .td(.text(record.map { context.t("已关账（\($0.userName)，\(DisplayFormat.dateTime($0.closedAt))）", "Closed (\($0.userName), \(DisplayFormat.dateTime($0.closedAt)))") }
                                  ?? context.t("未关账", "Open"))),
                        .td(.text("\(restatedCounts[month.description] ?? 0)")))
                })))
    }
}
