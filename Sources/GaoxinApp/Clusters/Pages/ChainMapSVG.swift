import GaoxinDomain
import Plot

/// 产业链招商图谱 drawn on the server (SPEC §2.2): upstream → midstream → downstream as three
/// columns, each node a box coloured by its strength with its local enterprises and its target
/// companies inside; sized to print on one A4 page (landscape) as it shows. No script.
enum ChainMapSVG {
    static let columnWidth = 360.0
    static let gap = 36.0
    static let margin = 12.0
    static let headerHeight = 34.0
    static let lineHeight = 16.0
    static let shownEnterprises = 4
    static let shownTargets = 3

    /// A box's lines: the heading, then enterprises, then targets, each with its class.
    static func lines(_ node: ChainMapDTO.Node, lang: UILanguage) -> [(text: String, kind: String)] {
        let strength = NodeStrength(rawValue: node.strength) ?? .missing
        var lines = [(clip(node.name, 16) + " · " + lang.t(strength.nameZh, strength.nameEn), "cm-title")]
        if node.enterprises.isEmpty { lines.append((lang.t("（暂无本地企业）", "(no local enterprise)"), "cm-none")) }
        for enterprise in node.enterprises.prefix(shownEnterprises) {
            let tier = enterprise.tier.flatMap(EnterpriseTier.init(rawValue:)).map { "【" + lang.t($0.nameZh, $0.nameEn) + "】" } ?? ""
            lines.append((tier + clip(enterprise.name, 20), "cm-enterprise"))
        }
        if node.enterprises.count > shownEnterprises {
            lines.append((lang.t("等 \(node.enterprises.count) 家本地企业", "\(node.enterprises.count) local enterprises in all"), "cm-more"))
        }
        for target in node.targetCompanies.prefix(shownTargets) { lines.append(("◎ " + clip(target.name, 20), "cm-target")) }
        if node.targetCompanies.count > shownTargets {
            lines.append((lang.t("等 \(node.targetCompanies.count) 家招商目标", "\(node.targetCompanies.count) targets in all"), "cm-more"))
        }
        return lines
    }

    static func clip(_ text: String, _ length: Int) -> String { text.count > length ? String(text.prefix(length - 1)) + "…" : text }

    static func render(_ map: ChainMapDTO, lang: UILanguage) -> Node<HTML.BodyContext> {
        var shapes: [Node<HTML.BodyContext>] = []
        var bottom = headerHeight + margin
        for (column, segment) in ChainSegment.allCases.enumerated() {
            let left = margin + Double(column) * (columnWidth + gap)
            shapes.append(.element(named: "rect", nodes: [
                .attribute(named: "x", value: format(left)), .attribute(named: "y", value: format(margin)), .attribute(named: "width", value: format(columnWidth)),
                .attribute(named: "height", value: format(headerHeight - 8)), .attribute(named: "class", value: "cm-segment"),
            ]))
            shapes.append(text(lang.t(segment.nameZh, segment.nameEn), x: left + columnWidth / 2, y: margin + 18, kind: "cm-segment-name", anchor: "middle"))
            if column > 0 {
                shapes.append(text("→", x: left - gap / 2, y: margin + 19, kind: "cm-arrow", anchor: "middle"))
            }
            var y = headerHeight + margin
            for node in map.nodes where node.segment == segment.rawValue {
                let indent = Double(min(node.depth, 4)) * 14
                let content = lines(node, lang: lang)
                let height = 8 + Double(content.count) * lineHeight
                shapes.append(.element(named: "rect", nodes: [
                    .attribute(named: "x", value: format(left + indent)), .attribute(named: "y", value: format(y)),
                    .attribute(named: "width", value: format(columnWidth - indent)), .attribute(named: "height", value: format(height)),
                    .attribute(named: "rx", value: "4"), .attribute(named: "class", value: "cm-node cm-\(node.strength)"),
                    .element(named: "title", nodes: [.text(node.name + (node.reasons.isEmpty ? "" : "：" + lang.t(node.reasons.joined(separator: "；"), node.reasonsEn.joined(separator: "; "))))]),
                ]))
                for (index, line) in content.enumerated() {
                    shapes.append(text(line.text, x: left + indent + 8, y: y + 4 + lineHeight * Double(index + 1) - 3, kind: line.kind, anchor: "start"))
                }
                y += height + 8
            }
            bottom = max(bottom, y)
        }
        let width = margin * 2 + columnWidth * 3 + gap * 2
        return .element(named: "svg", nodes: [
            .attribute(named: "viewBox", value: "0 0 \(Int(width)) \(Int(bottom + margin))"),
            .attribute(named: "role", value: "img"),
            .attribute(named: "class", value: "chain-svg"),
            .attribute(named: "aria-label", value: (lang.t("产业链招商图谱：", "Chain attraction map: ") + map.chain.name).escapedForAttribute),
        ] + shapes)
    }

    private static func text(_ value: String, x: Double, y: Double, kind: String, anchor: String) -> Node<HTML.BodyContext> {
        .element(named: "text", nodes: [
            .attribute(named: "x", value: format(x)), .attribute(named: "y", value: format(y)), .attribute(named: "class", value: kind),
            .attribute(named: "text-anchor", value: anchor), .text(value),
        ])
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
