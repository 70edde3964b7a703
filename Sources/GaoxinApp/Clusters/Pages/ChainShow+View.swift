import GaoxinDomain
import Plot

/// The chain attraction map (产业链招商图谱) in list form: segments, nodes with their derived
/// strength and the rule beside it, local enterprises, and the forms to grow the map.
enum ChainShowView {
    struct Model {
        var map: ChainMapDTO
        var clusterID: Int
        var canWrite: Bool
        var nodeValues: [String: String]
        var attachNode: Int?
        /// After a search found several enterprises for the attach form of `attachNode`: offered as a select.
        var attachCandidates: [ReferenceSearch.Candidate] = []
        var errors: [FieldError]
    }

    static func badge(_ strength: String, _ context: PageContext) -> Node<HTML.BodyContext> {
        let value = NodeStrength(rawValue: strength) ?? .missing
        return .span(.class("strength strength-\(value.rawValue)"), .text(context.t(value.nameZh, value.nameEn)))
    }

    /// A node's attach form: type a name, credit code or part of a name; when the server found
    /// several, they come back as a select (posting the id) beside an empty box to search again.
    static func attachForm(_ nodeID: Int, _ context: PageContext, _ model: Model) -> Node<HTML.BodyContext> {
        let current = model.attachNode == nodeID
        let candidates = current ? model.attachCandidates : []
        return .form(.class("inline"), .method(.post), .action(Site.chainNodeEnterprises(nodeID)), Page.csrf(context),
                     .if(!candidates.isEmpty, .select(
                        .attribute(named: "name", value: "enterpriseId"), .attribute(named: "aria-label", value: context.t("选择企业", "Choose the enterprise")),
                        FormField.option("", context.t("请选择", "Choose"), selected: false),
                        .forEach(candidates) { FormField.option(String($0.id), $0.label, selected: false) })),
                     .input(.type(.text), .name("enterprise"), .class("short"),
                            .value((current && candidates.isEmpty ? (model.nodeValues["enterprise"] ?? "") : "").escapedForAttribute),
                            .placeholder(candidates.isEmpty ? context.t("企业名称（可只填几个字）或信用代码", "Name, part of it, or credit code")
                                                            : context.t("或输入名称重新查找", "Or type to search again")),
                            .attribute(named: "aria-label", value: context.t("关联企业", "Attach enterprise"))),
                     .button(.type(.submit), .class("secondary"), .text(context.t("关联", "Attach"))),
                     .if(current, FormField.error("enterprise", model.errors, context.lang)))
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let map = model.map
        let lang = context.lang
        let parentOptions = map.nodes.map { FormField.Option(value: "\($0.id)", label: String(repeating: "　", count: $0.depth + 1) + $0.name) }
        return Page.render(
            context, title: map.chain.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.clusters), .text(context.t("产业集群", "Clusters"))), .text(" / "),
                 .a(.href(Site.cluster(model.clusterID)), .text(map.clusterName))),
            .p(.class("hint"), .text(context.t("强弱判定：" + map.rule, "Rule: " + map.ruleEn) + context.t("（营收为 \(map.revenueFrom) 至 \(map.revenueTo)）", " (revenue \(map.revenueFrom)–\(map.revenueTo))"))),
            .p(.class("actions"),
               .a(.class("button secondary"), .href(Site.chainDrawing(map.chain.id)), .text(context.t("招商图谱（可打印）", "Attraction map (printable)"))),
               .a(.class("button secondary"), .href(Site.chainExport(map.chain.id) + "?format=xlsx"), .text(context.t("导出招商指导目录（Excel）", "Export guidance catalogue (xlsx)"))),
               .a(.class("button secondary"), .href(Site.chainLeaders(map.chain.id)), .text(context.t("链主遴选", "Chain-leader selection"))),
               .if(model.canWrite, .a(.class("button secondary"), .href(Site.chainEdit(map.chain.id)), .text(context.t("编辑产业链与门槛", "Edit chain and thresholds"))))),
            FormField.summary(model.errors, lang: lang),
            .forEach(ChainSegment.allCases) { segment in
                let nodes = map.nodes.filter { $0.segment == segment.rawValue }
                return .group(
                    .h2(.text(context.t(segment.nameZh, segment.nameEn))),
                    .if(nodes.isEmpty, .p(.class("empty"), .text(context.t("尚无环节", "No nodes")))),
                    .if(!nodes.isEmpty, .div(.class("table-wrap"), .table(.class("chain-map"),
                        .thead(.tr(.th(.text(context.t("环节", "Node"))), .th(.text(context.t("强弱", "Strength"))), .th(.text(context.t("行业", "Industries"))),
                                   .th(.text(context.t("本地企业", "Local enterprises"))), .th(.text(context.t("招商目标企业", "Target companies"))),
                                   .th(.text(context.t("近 12 个月营收（亿元）", "Revenue, 12 months (100m yuan)"))),
                                   .if(model.canWrite, Print.actionHeading(context.t("操作", "Actions"))))),
                        .tbody(.forEach(nodes) { node in
                            .tr(
                                .id(Site.chainNodeAnchor(node.id)),
                                .td(.span(.attribute(named: "style", value: "padding-left: \(Double(node.depth) * 1.2)em"), .text(node.name)),
                                    .unwrap(node.products) { .div(.class("hint"), .text($0)) }),
                                .td(badge(node.strength, context), .if(!node.reasons.isEmpty, .div(.class("hint"), .text(context.t(node.reasons.joined(separator: "；"), node.reasonsEn.joined(separator: "; ")))))),
                                .td(.text(IndustryDisplay.list(node.industryCodes, context.lang))),
                                .td(.forEach(node.enterprises) { e in
                                    .div(.a(.href(Site.enterprise(e.id)), .text(e.name)),
                                         .unwrap(e.tier.flatMap(EnterpriseTier.init(rawValue:))) { .span(.class("tag"), .text(context.t($0.nameZh, $0.nameEn))) },
                                         .if(model.canWrite, .form(.class("inline"), .method(.post), .action(Site.chainNodeDetach(node.id, e.id)), Page.csrf(context),
                                                                   .button(.type(.submit), .class("link"), .text(context.t("移除", "Remove"))))))
                                }),
                                .td(.forEach(node.targetCompanies) { t in
                                    .div(.a(.href(RegisterDeclaration.targetCompanies.path(t.id)), .text(t.name)), .unwrap(t.region) { .span(.class("hint"), .text("（\($0)）")) })
                                }),
                                .td(.class("num"), .text(Wan(node.revenue).yiText)),
                                .if(model.canWrite, Print.actionCell(
                                    .a(.href(Site.chainNodeEdit(node.id)), .text(context.t("编辑", "Edit"))),
                                    attachForm(node.id, context, model)
                                ))
                            )
                        })
                    )))
                )
            },
            .if(model.canWrite, FormField.section(
                context.t("新增环节", "Add a node"),
                .form(.class("record"), .method(.post), .action(Site.chainNodes(map.chain.id)), .novalidate(), Page.csrf(context),
                      ChainNodeFormView.fields(context, values: model.attachNode == nil ? model.nodeValues : [:], errors: model.attachNode == nil ? model.errors : [],
                                               segmentEditable: true, parentOptions: parentOptions),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("新增", "Add")))))
            ))
        )
    }
}
