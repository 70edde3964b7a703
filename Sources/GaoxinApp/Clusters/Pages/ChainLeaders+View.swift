import GaoxinDomain
import Plot

/// The chain-leader selection page: weights, the ranked candidates with every part of their
/// score, the decision form, and the record of past decisions.
enum ChainLeadersView {
    struct Model {
        var chain: ChainDTO
        var ranking: ChainLeaders.Ranking
        var decisions: [LeaderDecisionDTO]
        var canWrite: Bool
        /// Candidates whose tier this user may set (a unit user: those its unit keeps).
        var decidable: Set<Int>
        var weightValues: [String: String]
        var decisionValues: [String: String]
        var errors: [FieldError]
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
    static func part(_ value: Double?) -> String { String(format: "%.1f", value ?? 0) }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let lang = context.lang
        let weights = model.ranking.weights
        let criteria = LeaderWeights.Criterion.allCases
        return Page.render(
            context, title: context.t("链主遴选：", "Chain leaders: ") + model.chain.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.chain(model.chain.id)), .text(context.t("返回产业链", "Back to the chain")))),
            .p(.class("hint"), .text(context.t(
                "候选企业为关联到本链各环节的在册企业。各项指标在候选企业之间按最小—最大缩放为 0–100 分（缺少数据的一项记 0 分），再按权重加权平均。营收为 \(model.ranking.from)–\(model.ranking.to)，同比与前 12 个月比较。",
                "Candidates are the active enterprises attached to the chain's nodes. Each criterion is scaled 0–100 among them (missing data scores 0), then weighted. Revenue covers \(model.ranking.from)–\(model.ranking.to), growth compares with the 12 months before."))),
            .p(.text(context.t("当前权重：", "Weights: ") + criteria.map { "\(context.t($0.nameZh, $0.nameEn)) \(weights.weight($0))" }.joined(separator: "；"))),
            FormField.summary(model.errors, lang: lang),
            .if(model.canWrite, .details(
                .class(Print.hidden),
                .summary(.text(context.t("调整权重", "Adjust weights"))),
                .form(.class("record"), .method(.post), .action(Site.chainLeaderWeights(model.chain.id)), .novalidate(), Page.csrf(context),
                      .forEach(criteria) { criterion in
                          FormField.text("leaderWeights.\(criterion.rawValue)", label: context.t(criterion.nameZh, criterion.nameEn),
                                         value: model.weightValues["leaderWeights.\(criterion.rawValue)"] ?? "\(weights.weight(criterion))",
                                         errors: model.errors, lang: lang, type: .number, maxLength: 3)
                      },
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("保存权重", "Save weights")))))
            )),
            .h2(.text(context.t("候选企业排名", "Ranked candidates"))),
            .if(model.ranking.scores.isEmpty, .p(.class("empty"), .text(context.t("尚无候选企业：请先把企业关联到本链环节", "No candidates: attach enterprises to the chain's nodes first")))),
            .if(!model.ranking.scores.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("名次", "Rank"))), .th(.text(context.t("企业", "Enterprise"))), .th(.text(context.t("现层级", "Tier"))),
                           .th(.class("num"), .text(context.t("营收（亿元）", "Revenue"))), .th(.class("num"), .text(context.t("同比", "Growth"))),
                           .th(.class("num"), .text(context.t("研发强度", "R&D"))), .th(.class("num"), .text(context.t("发明专利", "Patents"))),
                           .th(.class("num"), .text(context.t("资质", "Qualif."))),
                           .forEach(criteria) { .th(.class("num"), .text(context.t($0.shortZh, $0.rawValue))) },
                           .th(.class("num"), .text(context.t("总分", "Score"))))),
                .tbody(.forEach(model.ranking.scores) { line in
                    .tr(.td(.text("\(line.rank)")), .td(.a(.href(Site.enterprise(line.facts.enterpriseID)), .text(line.facts.name))),
                        .td(.text(line.facts.tier.map { context.t($0.nameZh, $0.nameEn) } ?? "—")),
                        .td(.class("num"), .text(Wan(line.facts.revenue).yiText)), .td(.class("num"), .text(percent(line.facts.growth))),
                        .td(.class("num"), .text(percent(line.facts.rdIntensity))), .td(.class("num"), .text("\(line.facts.patents)")),
                        .td(.class("num"), .text("\(line.facts.qualifications)")),
                        .forEach(criteria) { .td(.class("num"), .text(part(line.parts[$0.rawValue]))) },
                        .td(.class("num"), .strong(.text(part(line.score)))))
                })))),
            .if(model.canWrite && !model.ranking.scores.isEmpty, FormField.section(
                context.t("记录遴选决定", "Record a decision"),
                .if(model.decidable.count < model.ranking.scores.count, .p(.class("hint"), .text(context.t(
                    "企业层级在所有产业链中通用：只能为本单位（及下级）所属企业记录决定，其他企业由集群办或其所属单位决定。",
                    "A tier applies to every chain: you may decide only for enterprises your unit keeps; the cluster office or their own unit decides the others.")))),
                .form(.class("record"), .method(.post), .action(Site.chainLeaderDecisions(model.chain.id)), .novalidate(), Page.csrf(context),
                      FormField.select("enterpriseId", label: context.t("企业", "Enterprise"),
                                       options: model.ranking.scores.filter { model.decidable.contains($0.facts.enterpriseID) }.map { .init(value: "\($0.facts.enterpriseID)", label: "\($0.rank). \($0.facts.name)") },
                                       selected: model.decisionValues["enterpriseId"], errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
                      FormField.select("tier", label: context.t("定为", "Tier"),
                                       options: EnterpriseTier.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                                       selected: model.decisionValues["tier"], errors: model.errors, lang: lang, blank: context.t("（取消层级）", "(no tier)")),
                      FormField.textarea("reason", label: context.t("决定理由（必填）", "Reason (required)"), value: model.decisionValues["reason"], errors: model.errors, lang: lang),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("记录决定", "Record decision")))))
            )),
            .h2(.text(context.t("遴选记录", "Decisions"))),
            .if(model.decisions.isEmpty, .p(.class("empty"), .text(context.t("尚无记录", "None yet")))),
            .if(!model.decisions.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(context.t("时间", "When"))), .th(.text(context.t("企业", "Enterprise"))), .th(.text(context.t("层级变化", "Tier change"))),
                           .th(.text(context.t("理由", "Reason"))), .th(.text(context.t("决定人", "By"))))),
                .tbody(.forEach(model.decisions) { d in
                    .tr(.td(.text(DisplayFormat.dateTime(d.decidedAt))), .td(.a(.href(Site.enterprise(d.enterpriseId)), .text(d.enterpriseName))),
                        .td(.text(tierName(d.previousTier, context) + " → " + tierName(d.tier, context))), .td(.text(d.reason)), .td(.text(d.decidedByName ?? "—")))
                }))))
        )
    }

    static func tierName(_ raw: String?, _ context: PageContext) -> String {
        raw.flatMap(EnterpriseTier.init(rawValue:)).map { context.t($0.nameZh, $0.nameEn) } ?? context.t("无", "none")
    }
}
