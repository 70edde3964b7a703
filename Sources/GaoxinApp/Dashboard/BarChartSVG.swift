import Foundation
import Plot

/// A horizontal bar chart drawn on the server as inline SVG (no script, no outside asset): one
/// bar per row scaled to the largest value, an optional target mark, the bar coloured by its
/// 红黄绿 light, and the label and the number each a link to the list behind them.
enum BarChartSVG {
    struct Bar {
        var label: String
        var value: Double
        var valueText: String
        /// Where the target lies on the same scale (a tick on the bar).
        var target: Double? = nil
        var light: String? = nil
        var href: String
    }

    static let width = 640.0, rowHeight = 26.0, labelWidth = 170.0, valueWidth = 110.0

    static func render(_ bars: [Bar], title: String) -> Node<HTML.BodyContext> {
        let scale = max(bars.map { max($0.value, $0.target ?? 0) }.max() ?? 0, 1)
        let plot = width - labelWidth - valueWidth
        let height = Double(bars.count) * rowHeight + 8
        var svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(title.escapedForAttribute)\">"
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight + 4
            let length = max(0, bar.value) / scale * plot
            let href = bar.href.escapedForAttribute
            svg += "<a href=\"\(href)\"><text class=\"label\" x=\"\(Int(labelWidth - 6))\" y=\"\(fmt(y + 16))\" text-anchor=\"end\">\(escape(short(bar.label)))</text>"
            svg += "<rect class=\"bar \(bar.light ?? "plain")\" x=\"\(Int(labelWidth))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(length))\" height=\"\(fmt(rowHeight - 8))\"/>"
            if let target = bar.target, target > 0 {
                let x = labelWidth + target / scale * plot
                svg += "<line class=\"target\" x1=\"\(fmt(x))\" x2=\"\(fmt(x))\" y1=\"\(fmt(y))\" y2=\"\(fmt(y + rowHeight - 2))\"/>"
            }
            svg += "<text class=\"value\" x=\"\(fmt(labelWidth + plot + 6))\" y=\"\(fmt(y + 16))\">\(escape(bar.valueText))</text></a>"
        }
        svg += "</svg>"
        return .div(.class("chart-wrap"), .raw(svg), .p(.class("hint"), .text(title)))
    }

    static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Long Chinese names are cut to fit the label column (the full name is on the linked page).
    static func short(_ label: String) -> String { label.count > 12 ? String(label.prefix(11)) + "…" : label }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
