import GaoxinDomain
import Plot

/// An enterprise's monthly revenue over the 36 months ending with its latest report, drawn on the
/// server as SVG bars (one shade per year, a gap for a month not reported), with the last twelve
/// months against the twelve before beneath it. No script; prints as it shows.
enum EnterpriseRevenueChart {
    static let months = 36
    static let width = 720.0, height = 200.0, left = 56.0, bottom = 24.0, top = 10.0

    /// The months drawn, oldest first, with their revenue where reported (万元).
    static func series(_ indicators: [IndicatorDTO]) -> [(period: Period, revenue: Int64?)] {
        let byPeriod = Dictionary(indicators.compactMap { row in Period(row.period).map { ($0, row.revenue) } }, uniquingKeysWith: { a, _ in a })
        guard let last = byPeriod.keys.filter({ byPeriod[$0]! != nil }).max() else { return [] }
        var periods = [last]
        while periods.count < months { periods.append(periods.last!.previous) }
        return periods.reversed().map { ($0, byPeriod[$0] ?? nil) }
    }

    /// The last twelve months' sum and its growth on the twelve before (nil without a full base).
    static func lastTwelve(_ series: [(period: Period, revenue: Int64?)]) -> (sum: Int64, growth: Double?) {
        let recent = series.suffix(12), before = series.dropLast(12).suffix(12)
        let sum = recent.reduce(0) { $0 + ($1.revenue ?? 0) }
        guard before.count == 12, before.allSatisfy({ $0.revenue != nil }) else { return (sum, nil) }
        let base = before.reduce(0) { $0 + $1.revenue! }
        return (sum, base > 0 ? Double(sum - base) / Double(base) : nil)
    }

    static func render(_ indicators: [IndicatorDTO], lang: UILanguage) -> Node<HTML.BodyContext> {
        let data = series(indicators)
        guard !data.isEmpty else { return .p(.class("empty"), .text(lang.t("尚无营收数据，无法绘图", "No revenue reported yet"))) }
        let peak = max(data.compactMap(\.revenue).max() ?? 1, 1)
        let slot = (width - left - 8) / Double(months)
        var shapes: [Node<HTML.BodyContext>] = []
        for fraction in [0.0, 0.5, 1.0] {
            let y = top + (height - top - bottom) * (1 - fraction)
            shapes.append(.element(named: "line", nodes: [.attribute(named: "x1", value: f(left)), .attribute(named: "x2", value: f(width - 4)),
                                                          .attribute(named: "y1", value: f(y)), .attribute(named: "y2", value: f(y)), .attribute(named: "class", value: "rc-grid")]))
            shapes.append(label(Wan(Int64(Double(peak) * fraction)).yiText, x: left - 4, y: y + 4, anchor: "end"))
        }
        let previous = Dictionary(data.compactMap { item in item.revenue.map { (item.period, $0) } }, uniquingKeysWith: { a, _ in a })
        for (index, item) in data.enumerated() {
            let x = left + Double(index) * slot + 1
            if item.period.month == 1 || index == 0 { shapes.append(label("\(item.period.year)", x: x, y: height - 6, anchor: "start")) }
            guard let revenue = item.revenue else { continue }
            let barHeight = (height - top - bottom) * Double(revenue) / Double(peak)
            let base = previous[item.period.previousYear]
            let growth = base.flatMap { $0 > 0 ? String(format: "%+.1f%%", Double(revenue - $0) / Double($0) * 100) : nil }
            shapes.append(.element(named: "rect", nodes: [
                .attribute(named: "x", value: f(x)), .attribute(named: "y", value: f(height - bottom - barHeight)),
                .attribute(named: "width", value: f(max(slot - 2, 1))), .attribute(named: "height", value: f(barHeight)),
                .attribute(named: "class", value: "rc-bar rc-year\(item.period.year % 3)"),
                .element(named: "title", nodes: [.text("\(item.period)：\(Wan(revenue).yiText) " + lang.t("亿元", "100m yuan") + (growth.map { lang.t("，同比 ", ", YoY ") + $0 } ?? ""))]),
            ]))
        }
        let (sum, growth) = lastTwelve(data)
        return .div(.class("revenue-chart"),
            .element(named: "svg", nodes: [
                .attribute(named: "viewBox", value: "0 0 \(Int(width)) \(Int(height))"), .attribute(named: "role", value: "img"), .attribute(named: "class", value: "rc"),
                .attribute(named: "aria-label", value: lang.t("近 36 个月营业收入", "Revenue, last 36 months")),
            ] + shapes),
            .p(.class("hint"), .text(lang.t("近 12 个月（\(data.suffix(12).first!.period)–\(data.last!.period)）营业收入 ", "Last 12 months (\(data.suffix(12).first!.period)–\(data.last!.period)): ")
                                     + Wan(sum).yiText + lang.t(" 亿元", " 100m yuan")
                                     + (growth.map { lang.t("，同比 ", ", year on year ") + String(format: "%+.1f%%", $0 * 100) } ?? lang.t("（上年同期不完整，不计同比）", " (no full year before)")))))
    }

    private static func label(_ text: String, x: Double, y: Double, anchor: String) -> Node<HTML.BodyContext> {
        .element(named: "text", nodes: [.attribute(named: "x", value: f(x)), .attribute(named: "y", value: f(y)), .attribute(named: "text-anchor", value: anchor),
                                        .attribute(named: "class", value: "rc-label"), .text(text)])
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
