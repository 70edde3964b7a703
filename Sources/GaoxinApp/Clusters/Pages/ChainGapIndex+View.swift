import GaoxinDomain
import Plot

/// The missing and weak nodes of every active chain as one list (where the dashboard's tile leads):
/// each node links to its row on the chain map, with the rule's reasons beside its strength.
enum ChainGapIndexView {
    struct Model {
        var query: ListQuery
        var page: ListPage<ChainGapDTO>
        /// Over every active chain, unfiltered: the dashboard's figures.
        var counts: ChainGaps.Counts
        var clusterOptions: [FormField.Option]
    }

    static let columns: [ListColumn<ChainGapDTO>] = [
        ListColumn("产业集群", "Cluster", sort: "cluster", html: { row, _ in .a(.href(Site.cluster(row.clusterId)), .text(row.clusterName)) },
                   export: { row, _ in .text(row.clusterName) }),
        ListColumn("产业链", "Chain", sort: "chain", html: { row, _ in .a(.href(Site.chain(row.chainId)), .text(row.chainName)) },
                   export: { row, _ in .text(row.chainName) }),
        .text("位置", "Segment", sort: "segment") { row, lang in ChainSegment(rawValue: row.segment).map { lang.t($0.nameZh, $0.nameEn) } ?? row.segment },
        ListColumn("环节", "Node", sort: "node", html: { row, _ in .a(.href(Site.chain(row.chainId, node: row.nodeId)), .text(row.name)) },
                   export: { row, _ in .text(row.name) }),
        ListColumn("强弱", "Strength", sort: "strength", html: { row, context in ChainShowView.badge(row.strength, context) },
                   export: { row, lang in .text(NodeStrength(rawValue: row.strength).map { lang.t($0.nameZh, $0.nameEn) } ?? row.strength) }),
        .text("判定依据", "Reasons") { row, lang in lang.t(row.reasons.joined(separator: "；"), row.reasonsEn.joined(separator: "; ")) },
        .text("行业代码", "Industry codes") { row, lang in IndustryDisplay.list(row.industryCodes, lang) },
    ]

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let counts = model.counts
        return Page.render(
            context, title: context.t("产业链缺失与薄弱环节", "Chain gaps"),
            .p(.class("hint"), .text(context.t(
                "全部在用产业链共有缺失环节 \(counts.missing) 个、薄弱环节 \(counts.weak) 个。强弱按各产业链的门槛在每次查看时计算，判定规则见各产业链页面。",
                "Across all active chains: \(counts.missing) missing and \(counts.weak) weak nodes. Strength is computed on each view under each chain's thresholds; the rule is on each chain's page."))),
            ListView.render(
                context, basePath: Site.chainGaps, exportPath: Site.chainGapsExport, query: model.query, page: model.page, columns: columns,
                filters: [
                    .init(key: "strength", label: context.t("强弱", "Strength"), options: ChainGaps.strengths.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                    .init(key: "cluster", label: context.t("产业集群", "Cluster"), options: model.clusterOptions.map { ($0.value, $0.label) }),
                    .init(key: "segment", label: context.t("位置", "Segment"), options: ChainSegment.allCases.map { ($0.rawValue, context.t($0.nameZh, $0.nameEn)) }),
                ],
                searchPlaceholder: context.t("按环节、产业链或集群名称搜索", "Search node, chain or cluster")
            )
        )
    }
}
