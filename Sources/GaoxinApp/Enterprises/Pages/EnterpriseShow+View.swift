import GaoxinDomain
import Plot

/// One enterprise: its details, its monthly figures (money shown in 亿元) and the month form.
enum EnterpriseShowView {
    struct Model {
        var enterprise: EnterpriseDTO
        var indicators: [IndicatorDTO]
        /// Months of which a figure was corrected after the month was closed.
        var restatedMonths: Set<String> = []
        var chainNodes: [EnterpriseQueries.NodeLink] = []
        var qualifications: [QualificationDTO] = []
        var qualificationValues: [String: String] = [:]
        var qualificationErrors: [FieldError] = []
        var backlinks: [RegisterBacklinks.Group] = []
        var customFigures = CustomFigures(indicators: [], months: [])
        var canWrite: Bool
        /// What was typed into the month form when it failed.
        var indicatorValues: [String: String]
        var errors: [FieldError]
    }

    static func money(_ value: Int64?) -> String { value.map { Wan($0).yiText } ?? "—" }
    static func count(_ value: Int?) -> String { value.map(String.init) ?? "—" }

    /// "（C 门类 制造业）" / " (section C, Manufacturing)" after the code and its name.
    static func industrySection(_ letter: String?, _ lang: UILanguage) -> String {
        guard let letter, let first = letter.first else { return "" }
        let section = IndustrySection(letter: first)
        return lang.t("（\(letter) 门类" + (section.map { " " + $0.nameZh } ?? "") + "）",
                      " (section \(letter)" + (section.map { ", " + $0.nameEn } ?? "") + ")")
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let e = model.enterprise
        let lang = context.lang
        let tier = e.tier.flatMap(EnterpriseTier.init(rawValue:))
        return Page.render(
            context, title: e.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.enterprises), .text(context.t("企业", "Enterprises")))),
            .dl(
                .class("facts"),
                .dt(.text(context.t("统一社会信用代码", "Credit code"))), .dd(.text(e.creditCode)),
                .dt(.text(context.t("行业", "Industry"))), .dd(.text(IndustryDisplay.text(e.industryCode, lang) + industrySection(e.industrySection, lang))),
                .dt(.text(context.t("所属单位", "Unit"))), .dd(.a(.href(Site.unit(e.unitId)), .text(e.unitName ?? "#\(e.unitId)"))),
                .dt(.text(context.t("规上", "Above scale"))), .dd(.text(e.aboveScale ? context.t("是", "Yes") : context.t("否", "No"))),
                .dt(.text(context.t("层级", "Tier"))), .dd(.text(tier.map { context.t($0.nameZh, $0.nameEn) } ?? "—")),
                .dt(.text(context.t("地址", "Address"))), .dd(.text(e.address ?? "—")),
                .dt(.text(context.t("产业链环节", "Chain nodes"))),
                .dd(.if(model.chainNodes.isEmpty, .text("—")),
                    .forEach(model.chainNodes) { link in .div(.a(.href(Site.chain(link.chainId)), .text(link.chainName)), .text(" · " + link.nodeName)) }),
                .dt(.text(context.t("状态", "Status"))), .dd(.text(e.active ? context.t("在册", "Active") : context.t("已停用", "Inactive"))),
                .dt(.text(context.t("备注", "Note"))), .dd(.text(e.note ?? "—"))
            ),
            .if(model.canWrite, .div(
                .class("actions"),
                .a(.class("button"), .href(Site.enterpriseEdit(e.id)), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(e.active ? Site.enterpriseDeactivate(e.id) : Site.enterpriseReactivate(e.id)),
                      Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(e.active ? context.t("停用", "Deactivate") : context.t("启用", "Reactivate"))))
            )),
            qualificationSection(context, model),
            RegisterBacklinksView.section(context, model.backlinks),
            .h2(.text(context.t("营业收入走势（近 36 个月）", "Revenue, last 36 months"))),
            EnterpriseRevenueChart.render(model.indicators, lang: lang),
            customFiguresSection(context, model.customFigures),
            .h2(.text(context.t("月度指标", "Monthly figures"))),
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
                    .class("record"), .method(.post), .action(Site.enterpriseIndicators(e.id)), .novalidate(),
                    Page.csrf(context),
                    FormField.text("period", label: context.t("月份（YYYY-MM）", "Month (YYYY-MM)"), value: model.indicatorValues["period"],
                                   errors: model.errors, lang: lang, required: true, maxLength: 10),
                    .forEach(IndicatorWrites.figures) { figure in
                        FormField.text(figure.key, label: context.t(figure.zh, figure.en), value: model.indicatorValues[figure.key],
                                       errors: model.errors, lang: lang, maxLength: 16)
                    },
                    FormField.text(PeriodClose.restatementField, label: context.t("更正原因（更正已关账月份时必填）", "Reason (when correcting a closed month)"),
                                   value: model.indicatorValues[PeriodClose.restatementField], errors: model.errors, lang: lang, maxLength: 500),
                    .div(.class("actions"), .button(.type(.submit), .text(context.t("保存该月", "Save month"))))
                )
            ))
        )
    }

    /// Recognitions with their dates and whether they hold today, and the form to add one.
    static func qualificationSection(_ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let e = model.enterprise
        let lang = context.lang
        let values = model.qualificationValues
        return .group(
            .h2(.text(context.t("资质", "Qualifications"))),
            .if(model.qualifications.isEmpty, .p(.class("empty"), .text(context.t("尚无资质记录", "None recorded")))),
            .if(!model.qualifications.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("资质", "Qualification"))), .th(.text(context.t("认定日期", "Granted"))), .th(.text(context.t("有效期至", "Expires"))),
                           .th(.text(context.t("状态", "Status"))), .th(.text(context.t("备注", "Note"))), .if(model.canWrite, Print.actionHeading(context.t("操作", "Actions"))))),
                .tbody(.forEach(model.qualifications) { q in
                    .tr(.td(.text(Qualification(rawValue: q.kind).map { context.t($0.nameZh, $0.nameEn) } ?? q.kind)),
                        .td(.text(q.grantedOn)), .td(.text(q.expiresOn ?? context.t("长期", "no expiry"))),
                        .td(.text(q.valid ? context.t("有效", "Held") : context.t("已过期", "Expired"))), .td(.text(q.note ?? "")),
                        .if(model.canWrite, Print.actionCell(.form(.class("inline"), .method(.post), .action(Site.enterpriseQualificationDelete(e.id, q.id)), Page.csrf(context),
                                                      .button(.type(.submit), .class("link"), .text(context.t("删除", "Delete")))))))
                })))),
            .if(model.canWrite, FormField.section(
                context.t("登记资质", "Record a qualification"),
                FormField.summary(model.qualificationErrors, lang: lang),
                .form(.class("record"), .method(.post), .action(Site.enterpriseQualifications(e.id)), .novalidate(), Page.csrf(context),
                      FormField.select("kind", label: context.t("资质类型", "Kind"),
                                       options: Qualification.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                                       selected: values["kind"], errors: model.qualificationErrors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
                      FormField.text("grantedOn", label: context.t("认定日期", "Granted on"), value: values["grantedOn"], errors: model.qualificationErrors, lang: lang,
                                     required: true, type: .date, maxLength: 10),
                      FormField.text("expiresOn", label: context.t("有效期至（可空）", "Expires on (optional)"), value: values["expiresOn"], errors: model.qualificationErrors,
                                     lang: lang, type: .date, maxLength: 10),
                      FormField.text("note", label: context.t("备注", "Note"), value: values["note"], errors: model.qualificationErrors, lang: lang, maxLength: 500),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("登记", "Record")))))
            ))
        )
    }

    /// The zone's own indicators (自定义指标), last twelve reported months; money in 亿元.
    static func customFiguresSection(_ context: PageContext, _ figures: CustomFigures) -> Node<HTML.BodyContext> {
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
