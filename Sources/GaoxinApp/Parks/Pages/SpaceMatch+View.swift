import Foundation
import GaoxinDomain
import Plot

/// The matching form and its ranked result: each space with its score, and beside it every
/// criterion's points of its weight and the reason in words; the weights and rules above the table.
enum SpaceMatchView {
    static func render(_ context: PageContext, texts: [String: String], errors: [FieldError], result: SpaceMatcher.Result?) -> HTML {
        let declaration = RegisterDeclaration.spaceNeeds
        func label(_ key: String) -> String { declaration.field(key).map { context.lang == .zh ? $0.zh : $0.en } ?? key }
        let kinds = SpaceKind.allCases.map { FormField.Option(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) }
        return Page.render(context, title: context.t("空间智能匹配", "Space matching"),
            .p(.class("hint"), .text(context.t("类型、面积、荷载、净高、供电和需求日期为硬约束（不满足的空间不列出）；产业、预算、面积贴合、交付时间和园区级别按权重评分。只匹配状态为“可租售”且信息在确认有效期内的空间。",
                                               "Kind, area, floor load, height, power and date filter; industry, budget, area fit, availability and park level score by weight. Only available spaces confirmed recently are matched."))),
            FormField.summary(errors, lang: context.lang),
            .form(.method(.get), .action(SpaceMatchPages.path), .class("match-form"),
                .div(.class("grid"),
                    FormField.select("kind", label: label("kind"), options: kinds, selected: texts["kind"], errors: errors, lang: context.lang, required: true,
                                     blank: context.t("请选择", "Choose")),
                    FormField.text("areaMin", label: label("areaMin") + context.t("（平方米）", " (m²)"), value: texts["areaMin"], errors: errors, lang: context.lang, required: true, maxLength: 12),
                    FormField.text("areaMax", label: label("areaMax") + context.t("（平方米）", " (m²)"), value: texts["areaMax"], errors: errors, lang: context.lang, maxLength: 12),
                    FormField.text("floorLoad", label: label("floorLoad"), value: texts["floorLoad"], errors: errors, lang: context.lang, maxLength: 10,
                                   hint: context.t("1 t/m² ≈ 9.8 kN/m²", "1 t/m² ≈ 9.8 kN/m²")),
                    FormField.text("clearHeight", label: label("clearHeight"), value: texts["clearHeight"], errors: errors, lang: context.lang, maxLength: 10),
                    FormField.text("powerCapacity", label: label("powerCapacity"), value: texts["powerCapacity"], errors: errors, lang: context.lang, maxLength: 10),
                    FormField.text("industry", label: label("industry"), value: texts["industry"], errors: errors, lang: context.lang, maxLength: 40,
                                   hint: context.t("行业代码或名称，如 3973", "Industry code or name, e.g. 3973")),
                    FormField.text("maxRent", label: label("maxRent"), value: texts["maxRent"], errors: errors, lang: context.lang, maxLength: 10),
                    FormField.text("maxPrice", label: label("maxPrice") + context.t("（亿元）", " (100m yuan)"), value: texts["maxPrice"], errors: errors, lang: context.lang, maxLength: 14),
                    FormField.text("neededBy", label: label("neededBy"), value: texts["neededBy"], errors: errors, lang: context.lang, type: .date, maxLength: 10)),
                .div(.class("actions"), .button(.type(.submit), .text(context.t("匹配", "Match"))))),
            .unwrap(result) { results(context, $0, limit: SpaceMatcher.shown) })
    }

    /// The value as the matching form takes it (money in 亿元, decimals as typed).
    static func formText(_ value: RegisterValue, _ field: RegisterField) -> String {
        switch (value, field.kind) {
        case (.integer(let number), .money): return Wan(number).yiInput
        case (.integer(let number), .decimal(let places, _, _)): return ScaledDecimal(scaled: number, places: places).text
        case (.integer(let number), _): return String(number)
        case (.text(let text), _): return text
        default: return ""
        }
    }

    static func results(_ context: PageContext, _ result: SpaceMatcher.Result, limit: Int) -> Node<HTML.BodyContext> {
        let criteria = SpaceMatching.criteria(for: result.need)
        return .div(.class("match-result"),
            .p(.class("hint"),
               .text(context.t("权重：", "Weights: ") + criteria.map { context.t("\($0.nameZh) \($0.weight)", "\($0.nameEn) \($0.weight)") }.joined(separator: "，")
                     + context.t("；得分 = 各项得分之和 ÷ 权重之和 × 100。", "; score = points earned ÷ weights × 100."))),
            .details(.summary(.text(context.t("评分规则", "Scoring rules"))),
                     .ul(.forEach(criteria) { .li(.strong(.text(context.t($0.nameZh, $0.nameEn) + "（\($0.weight)）")), .text("：" + context.t($0.ruleZh, $0.ruleEn))) })),
            .p(.text(result.capped
                     ? context.t("满足硬约束的空间超过 \(SpaceMatcher.candidateLimit) 个，已对面积最接近需求的 \(result.considered) 个评分", "Over \(SpaceMatcher.candidateLimit) spaces meet the hard constraints; the \(result.considered) nearest in area were scored")
                     : context.t("满足硬约束的空间 \(result.considered) 个", "\(result.considered) spaces meet the hard constraints"))),
            .if(result.matches.isEmpty, .p(.class("empty"), .text(context.t("没有满足条件的空间：可放宽面积、荷载或需求日期再试。", "No space meets the need: widen the area, load or date and try again.")))),
            .if(!result.matches.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text("#")), .th(.class("num"), .text(context.t("得分", "Score"))), .th(.text(context.t("空间", "Space"))),
                           .th(.text(context.t("园区", "Park"))), .th(.class("num"), .text(context.t("面积（m²）", "Area (m²)"))),
                           .th(.text(context.t("评分理由", "Why"))))),
                .tbody(.forEach(Array(result.matches.prefix(limit).enumerated())) { index, row in
                    .tr(.td(.text("\(index + 1)")),
                        .td(.class("num"), .strong(.text(String(format: "%.1f", row.match.score)))),
                        .td(.a(.href(RegisterDeclaration.spaces.path(row.match.offer.id)), .text(row.name)), .br(), .span(.class("hint"), .text(row.code))),
                        .td(.a(.href(RegisterDeclaration.parks.path(row.parkID)), .text(row.parkName))),
                        .td(.class("num"), .text(Wan.grouped(UInt64(row.match.offer.area)))
                            , .if(row.match.offer.kind == .land, .span(.class("hint"), .text(String(format: "（%.2f 亩）", LandArea.mu(squareMetres: row.match.offer.area)))))),
                        .td(.ul(.class("reasons"), .forEach(row.match.reasons) { reason in
                            .li(.text("\(context.t(reason.criterion.nameZh, reason.criterion.nameEn)) \(formatPoints(reason.earned))/\(reason.weight)："
                                      + context.t(reason.textZh, reason.textEn)))
                        })))
                })))))
    }

    static func formatPoints(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
