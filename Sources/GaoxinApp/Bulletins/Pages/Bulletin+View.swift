import Foundation
import GaoxinDomain
import Plot

/// A month's bulletin on screen and on A4: the 红头 (issuer, title, number and date), the text,
/// then the annex tables, each from a new printed page; above it (not printed) the downloads and
/// the office's form to draw it (again).
enum BulletinView {
    struct State {
        var month: Period
        var record: BulletinRecord?
        var content: BulletinContent?
        var monthClosed: Bool
        var mayWrite: Bool
        var form: BulletinInput
        var errors: [FieldError]
    }

    static func render(_ context: PageContext, _ state: State) -> HTML {
        let base = BulletinPages.path + "/\(state.month)"
        return Page.render(context, title: context.t("通报 \(state.month)", "Bulletin \(state.month)"), printsTitle: false,
            .nav(.class("breadcrumbs"), .a(.href(BulletinPages.path), .text(context.t("通报", "Bulletins")))),
            FormField.summary(state.errors, lang: context.lang),
            .unwrap(state.record) { record in
                .div(.class("actions " + Print.hidden),
                     .p(.class("hint"), .text(context.t("\(record.userName) 于 \(DisplayFormat.dateTime(record.generatedAt)) 生成",
                                                        "Drawn by \(record.userName) at \(DisplayFormat.dateTime(record.generatedAt))"))),
                     .a(.class("button"), .href(base + "/download?format=docx"), .text(context.t("下载 Word", "Word (docx)"))), .text(" "),
                     .a(.class("button"), .href(base + "/download?format=xlsx"), .text(context.t("下载 Excel", "Excel (xlsx)"))),
                     .text(context.t("　打印：用浏览器的打印功能（A4）", "　Print with the browser (A4)")))
            },
            .if(state.monthClosed && state.content?.header.final == false,
                .p(.class("draft " + Print.hidden), .text(context.t("该月已关账：请重新生成，以得到据关账数据的正式通报", "The month is closed: draw it again for the final bulletin")))),
            .unwrap(state.content) { content in article(content) },
            .if(state.content == nil, .p(.text(context.t("该月通报尚未生成", "No bulletin has been drawn for this month")))),
            .if(state.mayWrite, form(context, state, action: base + "/generate"))
        )
    }

    static func form(_ context: PageContext, _ state: State, action: String) -> Node<HTML.BodyContext> {
        FormField.section(context.t(state.record == nil ? "生成通报" : "重新生成通报", state.record == nil ? "Draw the bulletin" : "Draw it again"), level: 2,
            .p(.class("hint"), .text(context.t(
                state.monthClosed ? "据该月关账后的数据生成；同一数据再次生成，内容与文件逐字节相同"
                                  : "该月尚未关账：生成的是预览稿，关账后请重新生成正式通报",
                state.monthClosed ? "Drawn from the closed month: drawing it again from the same data gives the same bytes"
                                  : "The month is open: this is a draft; draw it again once the month is closed"))),
            .form(.class("record"), .method(.post), .action(action), Page.csrf(context),
                  FormField.text("issuer", label: context.t("发文单位", "Issuer"), value: state.form.issuer ?? state.record?.issuer,
                                 errors: state.errors, lang: context.lang, maxLength: 100, hint: context.t("默认为您所在单位", "Default: your unit")),
                  FormField.text("number", label: context.t("期号", "Number"), value: (state.form.number ?? state.record?.number).map(String.init),
                                 errors: state.errors, lang: context.lang, type: .number, maxLength: 3, hint: context.t("默认为月份数", "Default: the month's number")),
                  FormField.error("month", state.errors, context.lang),
                  .button(.type(.submit), .text(context.t("生成", "Draw")))))
    }

    static func article(_ content: BulletinContent) -> Node<HTML.BodyContext> {
        let head = content.header
        return .article(.class("bulletin"),
            .div(.class("bulletin-head"),
                 .p(.class("issuer"), .text(head.issuer)),
                 .p(.class("title"), .text(content.title)),
                 .div(.class("meta"), .span(.text(content.numberText)), .span(.text(head.issuedOn)))),
            .if(!head.final, .p(.class("draft"), .text("预览稿：\(head.month) 尚未关账，数据可能变动"))),
            .forEach(content.summary) { .p(.class("lead"), .text($0)) },
            .forEach(BulletinTables.all(content)) { table in
                .section(.class("annex"),
                    .h2(.text(table.title)),
                    .unwrap(table.note) { .p(.class("hint"), .text($0)) },
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.forEach(table.header) { .th(.text($0)) })),
                        .tbody(.forEach(table.rows) { row in
                            .tr(.forEach(row) { cell in
                                .td(.if(cell.number != nil, .class("num")),
                                    cell.light.map { light -> Node<HTML.BodyContext> in .span(.class("light " + light), .text(cell.text)) }
                                        ?? (cell.strong ? .strong(.text(cell.text)) : .text(cell.text)))
                            })
                        }))),
                    .if(table.rows.isEmpty, .p(.class("hint"), .text("（无）"))))
            })
    }

    /// The months, newest first: each one's bulletin (number, final or draft, when drawn) and close.
    static func index(_ context: PageContext, months: [Period], records: [String: BulletinRecord], closed: Set<String>) -> HTML {
        Page.render(context, title: context.t("通报", "Bulletins"),
            .p(.class("hint"), .text(context.t("每月通报：集群营收与目标、规模梯队、项目与投资、目标排名、滞后项目、问题、清单缺项与数据更正；关账后生成正式通报",
                                               "The monthly bulletin; the final one is drawn once the month is closed"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("月份", "Month"))), .th(.text(context.t("关账", "Closed"))), .th(.text(context.t("通报", "Bulletin"))))),
                .tbody(.forEach(months) { month in
                    let record = records[month.description]
                    return .tr(
                        .td(.a(.href(BulletinPages.path + "/\(month)"), .text(month.description))),
                        .td(.text(closed.contains(month.description) ? context.t("已关账", "Closed") : context.t("未关账", "Open"))),
                        .td(.text(record.map { r in
                            "\(r.month.prefix(4))年第\(r.number)期" + (r.final ? "" : context.t("（预览稿）", " (draft)")) + "，\(DisplayFormat.dateTime(r.generatedAt))"
                        } ?? context.t("未生成", "Not drawn"))))
                }))))
    }
}
