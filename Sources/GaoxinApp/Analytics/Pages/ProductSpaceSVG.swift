import GaoxinComplexity
import GaoxinDomain
import Plot

/// The product space drawn on the server as SVG: products as dots placed by a deterministic
/// force layout over the proximity backbone; the zone's own products, the top recommendations
/// and the rest in three colours. No script, prints as it shows.
enum ProductSpaceSVG {
    static let maxNodes = 150

    static func render(_ outcome: ComplexityAnalysis.Outcome, lang: UILanguage) -> Node<HTML.BodyContext> {
        let result = outcome.result
        let products = result.products
        guard products.count >= 2, let c = result.locationIndex(outcome.location) else {
            return .p(.class("empty"), .text(lang.t("产品数量不足，无法绘制产品空间", "Too few products to draw the product space")))
        }
        let top = Set((outcome.recommendations?.items ?? []).prefix(10).map(\.product))
        let present = Set(products.indices.filter { result.mcp[c, $0] == 1 })
        // Keep the drawing legible: the zone's products, the recommendations, then the most complex others.
        var chosen = Array(present)
        chosen += products.indices.filter { top.contains(products[$0]) && !present.contains($0) }
        let rest = products.indices.filter { !present.contains($0) && !top.contains(products[$0]) }
            .sorted { (result.pci[$0].isFinite ? result.pci[$0] : -.infinity) > (result.pci[$1].isFinite ? result.pci[$1] : -.infinity) }
        chosen += rest
        chosen = Array(chosen.prefix(maxNodes)).sorted()
        let n = chosen.count
        var proximity = [Double](repeating: 0, count: n * n)
        for (i, a) in chosen.enumerated() { for (j, b) in chosen.enumerated() { proximity[i * n + j] = result.proximity[a, b] } }
        let graph = ProductSpaceGraph(proximity: proximity, count: n)
        let points = ForceLayout.layout(nodeCount: n, edges: graph.edges.map { ($0.a, $0.b, $0.weight) })
        let size = 640.0
        func x(_ i: Int) -> String { String(format: "%.1f", points[i].x * size) }
        func y(_ i: Int) -> String { String(format: "%.1f", points[i].y * size) }
        var nodes: [Node<HTML.BodyContext>] = [
            .attribute(named: "viewBox", value: "0 0 \(Int(size)) \(Int(size))"),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-label", value: lang.t("产品空间网络图", "Product space network")),
            .attribute(named: "class", value: "product-space"),
        ]
        for edge in graph.edges {
            nodes.append(.element(named: "line", nodes: [
                .attribute(named: "x1", value: x(edge.a)), .attribute(named: "y1", value: y(edge.a)),
                .attribute(named: "x2", value: x(edge.b)), .attribute(named: "y2", value: y(edge.b)),
                .attribute(named: "stroke-width", value: String(format: "%.2f", 0.4 + 1.6 * edge.weight)),
                .attribute(named: "class", value: "edge"),
            ]))
        }
        for (i, p) in chosen.enumerated() {
            let kind = present.contains(p) ? "present" : (top.contains(products[p]) ? "target" : "other")
            let title = "\(products[p]) · PCI \(format(result.pci[p])) · " + lang.t("密度", "density") + " \(format(result.density[c, p]))"
            nodes.append(.element(named: "circle", nodes: [
                .attribute(named: "cx", value: x(i)), .attribute(named: "cy", value: y(i)),
                .attribute(named: "r", value: kind == "other" ? "4" : "6"), .attribute(named: "class", value: "node \(kind)"),
                .element(named: "title", nodes: [.text(title)]),
            ]))
            if kind != "other" || n <= 30 {
                // Labels on the right half read leftwards so they stay inside the drawing.
                let leftward = points[i].x > 0.6
                nodes.append(.element(named: "text", nodes: [
                    .attribute(named: "x", value: String(format: "%.1f", points[i].x * size + (leftward ? -8 : 8))), .attribute(named: "y", value: String(format: "%.1f", points[i].y * size + 4)),
                    .attribute(named: "text-anchor", value: leftward ? "end" : "start"),
                    .attribute(named: "class", value: "label \(kind)"), .text(products[p]),
                ]))
            }
        }
        return .div(
            .class("product-space-wrap"),
            .element(named: "svg", nodes: nodes),
            .p(.class("legend"),
               .span(.class("dot present")), .text(lang.t(" 本地区已有优势（M=1） ", " present (M=1) ")),
               .span(.class("dot target")), .text(lang.t(" 推荐前十 ", " top 10 recommended ")),
               .span(.class("dot other")), .text(lang.t(" 其他产业 ", " other "))),
            .p(.class("hint"), .text(lang.t("连线为邻近度的最大生成树及邻近度 ≥ 0.55 的强联系；最多显示 \(maxNodes) 个产业。",
                                            "Lines: the maximum spanning tree of proximity plus links ≥ 0.55; at most \(maxNodes) products.")))
        )
    }

    static func format(_ value: Double) -> String { value.isFinite ? String(format: "%.3f", value) : "—" }
}
