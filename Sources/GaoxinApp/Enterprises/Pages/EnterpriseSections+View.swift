import GaoxinDomain
import Plot

/// The parts of an enterprise's page that only an enterprise has (`EnterpriseSections`): its chain
/// nodes, qualifications with their form, revenue chart, the zone's own indicators and the
/// monthly figures with the month form (money shown in 亿元).
enum EnterpriseSectionViews {
    struct Figures {
        var enterpriseID: Int
        var indicators: [IndicatorDTO]
        /// Months of which a figure was corrected after the month was closed.
        var restatedMonths: Set<String> = []
        var customFigures = CustomFigures(indicators: [], months: [])
        var canWrite: Bool
        /// What was typed into the month form when it failed, and why.
        var values: [String: String] = [:]
        var errors: [FieldError] = []
    }

    struct Qualifications {
        var enterpriseID: Int
        var rows: [QualificationDTO]
        var canWrite: Bool
        var values: [String: String] = [:]
        var errors: [FieldError] = []
    }

    static func money(_ value: Int64?) -> String { value.map { Wan($0).yiText } ?? "—" }
    static func count(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    /// 产业链环节: the lineage enterprise → chain → cluster.
    static func chainNodes(_ context: PageContext, _ links: [EnterpriseQueries.NodeLink]) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(context.t("产业链环节", "Chain nodes"))),
            .if(links.isEmpty, .p(.class("empty"), .text(context.t("尚未挂接产业链环节", "Not attached to any chain node")))),
            .if(!links.isEmpty, .ul(.forEach(links) { link in .li(.a(.href(Site.chain(link.chainId)), .text(link.chainName)), .text(" · " + link.nodeName)) }))
        )
    }

    static func figures(_ context: PageContext, _ model: Figures) -> Node<HTML.BodyContext> {
        let lang = context.lang
        return .group(
            .h2(.text(context.t("营业收入走势（近 36 个月）", "Revenue, last 36 months"))),
            EnterpriseRevenueChart.render(model.indicators, lang: lang),
            customFigures(context, model.customFigures),
            .h2(.id("figures"), .text(context.t("月度指标", "Monthly figures"))),
            .p(.class("hint"), .text(context.t("金额以亿元显示（存储与填报单位为万元）；“—”表示未填报。", "Money in 亿元 (stored and entered in 万元); — means not reported."))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("月份", "Month"))),
                           .forEach(IndicatorWrites.figures) { figure in
                               .th(.text(figure.isMoney ? context.t(figure.zh.replacingOccurrences(of: "万元", with: "亿元"), figure.en.replacingOccurrences(of: "10k yuan", with: "100m yuan")) : context.t(figure.zh, figure.en)))
                           })),
                .tbody(
                    .if(model.indicators.isEmpty, .tr(.td(.attribute(named: "colspan", value: "7"), .class("empty"), .text(context.t("尚无填报", "Nothing reported yet"))))),
                    .forEach(model.indicators) { row in
                        .tr(.td(.text(row.period), .if(model.restatedMonths.contains(row.period), PeriodView.restatedBadge(row.period, context))),
                            .td(.class("num"), .text(money(row.revenue))), .td(.class("num"), .text(money(row.outputValue))),
                            .td(.class("num"), .text(money(row.tax))), .td(.class("num"), .text(money(row.rdExpense))),
                            .td(.class("num"), .text(count(row.employees))), .td(.class("num"), .text(count(row.inventionPatents))))
                    }
                )
            )),
            .if(model.canWrite, FormField.section(
                context.t("填报或更正某月指标", "Report or correct a month"),
                .p(.class("hint"), .text(context.t("更正已填报的月份时只填需要改的项，留空的项保持原值。",
                                                   "When correcting a reported month, fill in only what changes; empty fields keep their values."))),
                FormField.summary(model.errors, lang: lang),
                .form(
                    .class("record"), .method(.post), .action(Site.enterpriseIndicators(model.enterpriseID)), .novalidate(),
                    Page.csrf(context),
                    FormField.text("period", label: context.t("月份（YYYY-MM）", "Month (YYYY-MM)"), value: model.values["period"],
                                   errors: model.errors, lang: lang, required: true, maxLength: 10),
                    .forEach(IndicatorWrites.figures) { figure in
                        FormField.text(figure.key, label: context.t(figure.zh, figure.en), value: model.values[figure.key],
                                       errors: model.errors, lang: lang, maxLength: 16)
                    },
                    FormField.text(PeriodClose.restatementField, label: context.t("更正原因（更正已关账月份时必填）", "Reason (when correcting a closed month)"),
                                   value: model.values[PeriodClose.restatementField], errors: model.errors, lang: lang, maxLength: 500),
                    .div(.class("actions"), .button(.type(.submit), .text(context.t("保存该月", "Save month"))))
                )
            ))
        )
    }

    /// Recognitions with their dates and whether they hold today, and the form to add one.
    static func qualifications(_ context: PageContext, _ model: Qualifications) -> Node<HTML.BodyContext> {
        let lang = context.lang
        let values = model.values
        return .group(
            .h2(.text(context.t("资质", "Qualifications"))),
            .if(model.rows.isEmpty, .p(.class("empty"), .text(context.t("尚无资质记录", "None recorded")))),
            .if(!model.rows.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("资质", "Qualification"))), .th(.text(context.t("认定日期", "Granted"))), .th(.text(context.t("有效期至", "Expires"))),
                           .th(.text(context.t("状态", "Status"))), .th(.text(context.t("备注", "Note"))), .if(model.canWrite, Print.actionHeading(context.t("操作", "Actions"))))),
                .tbody(.forEach(model.rows) { q in
                    .tr(.td(.text(Qualification(rawValue: q.kind).map { context.t($0.nameZh, $0.nameEn) } ?? q.kind)),
                        .td(.text(q.grantedOn)), .td(.text(q.expiresOn ?? context.t("长期", "no expiry"))),
                        .td(.text(q.valid ? context.t("有效", "Held") : context.t("已过期", "Expired"))), .td(.text(q.note ?? "")),
                        .if(model.canWrite, Print.actionCell(.form(.class("inline"), .method(.post), .action(Site.enterpriseQualificationDelete(model.enterpriseID, q.id)), Page.csrf(context),
                                                      .button(.type(.submit), .class("link"), .text(context.t("删除", "Delete")))))))
                })))),
            .if(model.canWrite, FormField.section(
                context.t("登记资质", "Record a qualification"),
                FormField.summary(model.errors, lang: lang),
                .form(.class("record"), .method(.post), .action(Site.enterpriseQualifications(model.enterpriseID)), .novalidate(), Page.csrf(context),
                      FormField.select("kind", label: context.t("资质类型", "Kind"),
                                       options: Qualification.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                                       selected: values["kind"], errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
                      FormField.text("grantedOn", label: context.t("认定日期", "Granted on"), value: values["grantedOn"], errors: model.errors, lang: lang,
                                     required: true, type: .date, maxLength: 10),
                      FormField.text("expiresOn", label: context.t("有效期至（可空）", "Expires on (optional)"), value: values["expiresOn"], errors: model.errors,
                                     lang: lang, type: .date, maxLength: 10),
                      FormField.text("note", label: context.t("备注", "Note"), value: values["note"], errors: model.errors, lang: lang, maxLength: 500),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("登记", "Record")))))
            ))
        )
    }

    /// The zone's own indicators (自定义指标), last twelve reported months; money in 亿元.
    static func customFigures(_ context: PageContext, _ figures: CustomFigures) -> Node<HTML.BodyContext> {
        .if(!figures.indicators.isEmpty, .group(
            .h2(.text(context.t("自定义指标（近 12 个填报月）", "Zone indicators (last 12 reported months)"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("月份", "Month"))), .forEach(figures.indicators) { indicator in
                    .th(.text(indicator.name + (indicator.isMoney ? context.t("（亿元）", " (100m yuan)") : "（\(indicator.unit)）")))
                })),
                .tbody(
                    .if(figures.months.isEmpty, .tr(.td(.attribute(named: "colspan", value: "\(figures.indicators.count + 1)"), .class("empty"),
                                                        .text(context.t("尚无填报（通过“导入导出 › 企业自定义指标”导入）", "Nothing reported yet (import “Enterprise zone-indicator figures”)"))))),
                    .forEach(figures.months) { month in
                        .tr(.td(.text(month.period)), .forEach(Array(zip(figures.indicators, month.values))) { indicator, value in
                            .td(.class("num"), .text(value.map { indicator.isMoney ? Wan($0).yiText : String($0) } ?? "—"))
                        })
                    }
                )
            ))
        ))
    }
}
