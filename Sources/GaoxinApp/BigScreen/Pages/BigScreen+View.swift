import Foundation
import GaoxinDomain
import Plot

/// The wall display: dark, laid out for 1920×1080 and readable across a room, reloading itself
/// every `BigScreen.refreshSeconds` (a meta refresh: no script needed). The map is the bundled
/// district outlines (`BoardMap`), each board shaded by its enterprises; everything is drawn on
/// the server, nothing is fetched from outside.
enum BigScreenView {
    static func render(_ context: PageContext, _ screen: BigScreen, map: BoardMap = .wuxi) -> HTML {
        HTML(
            .lang(context.lang == .zh ? .chinese : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=1920, initial-scale=1")),
                .meta(.attribute(named: "http-equiv", value: "refresh"), .content("\(BigScreen.refreshSeconds)")),
                .element(named: "title", text: screen.title),
                .link(.rel(.stylesheet), .href(BigScreenPages.stylesheetPath))
            ),
            .body(.class("screen"),
                .header(
                    .h1(.text(screen.title)),
                    .p(.class("as-of"),
                       .text(screen.month.map { context.t("数据截至 \(screen.periodText ?? $0)", "Figures to \($0)") + (screen.final ? context.t("（已关账）", " (closed)") : context.t("（未关账）", " (not closed)")) }
                             ?? context.t("尚无通报数据", "No bulletin yet")),
                       .text(" · "), .text(context.t("刷新于 ", "Refreshed ") + DisplayFormat.dateTime(screen.refreshedAt)))),
                .main(
                    .section(.class("tiles"), .forEach(screen.tiles) { tile in
                        .div(.class("tile " + (tile.light ?? "") + (tile.key == "clusterRevenue" ? " wide" : "")), .span(.class("tile-label"), .text(tile.label)),
                             .span(.class("tile-value"), .text(tile.value)), .span(.class("tile-unit"), .text(tile.unit)))
                    }),
                    .section(.class("map"), .h2(.text(context.t("各板块在册企业", "Enterprises by board"))), mapNode(screen.boards, map, parks: screen.parks),
                             .ul(.class("off-map"), .forEach(screen.boards.filter { $0.adcode == nil }) { board in
                                 .li(.text("\(board.name) \(Wan.grouped(UInt64(board.enterprises))) 家"))
                             }),
                             .if(!screen.parks.isEmpty, .p(.class("park-legend"),
                                 .text(context.t("园区 \(screen.parks.count) 个：", "\(screen.parks.count) parks: ")),
                                 .forEach(ParkLevel.allCases) { level in
                                     .span(.class("dot " + level.rawValue), .text(context.t(level.nameZh, level.nameEn)))
                                 }))),
                    .section(.class("side"),
                        .h2(.text(context.t("集群规上营收与年度目标（亿元）", "Cluster revenue vs target (100m yuan)"))),
                        .if(screen.clusters.isEmpty, .p(.text(context.t("暂无", "None")))),
                        BarChartSVG.render(screen.clusters.map { cluster in
                            BarChartSVG.Bar(label: cluster.name, value: Double(cluster.yearToDate), valueText: Wan(cluster.yearToDate).yiText,
                                            target: cluster.annualTarget.map(Double.init), light: cluster.light, href: Site.clusters)
                        }, title: context.t("竖线为年度目标", "Ticks mark the annual target")),
                        .h2(.text(context.t("目标任务完成排名", "Target ranking"))),
                        .ol(.class("ranking"), .forEach(screen.ranking) { row in
                            .li(.span(.class("rank"), .text("\(row.rank)")), .span(.class("unit"), .text(row.unit)),
                                .span(.class("light " + row.light), .text(row.completion.map { String(format: "%.0f%%", $0 * 100) } ?? "—")))
                        })))
            )
        )
    }

    /// The districts shaded in five steps of the boards' enterprise counts, each labelled with its
    /// board's name and count; a board's outline links to nothing (a wall display has no pointer).
    static func mapNode(_ boards: [BigScreen.Board], _ map: BoardMap, parks: [BigScreen.ParkPoint] = []) -> Node<HTML.BodyContext> {
        let onMap = Dictionary(boards.compactMap { board in board.adcode.map { ($0, board) } }, uniquingKeysWith: { first, _ in first })
        let most = max(onMap.values.map(\.enterprises).max() ?? 0, 1)
        var svg = "<svg class=\"board-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"\(map.viewBox)\" role=\"img\" aria-label=\"\(BarChartSVG.escape(map.cityZh))\">"
        for district in map.districts {
            let board = onMap[district.adcode]
            let step = board.map { min(4, $0.enterprises * 5 / (most + 1)) }
            svg += "<path class=\"district \(step.map { "step\($0)" } ?? "none")\" d=\"\(district.path)\"/>"
        }
        for district in map.districts {
            let board = onMap[district.adcode]
            svg += "<text class=\"district-name\" x=\"\(BarChartSVG.fmt(district.labelX))\" y=\"\(BarChartSVG.fmt(district.labelY - 8))\" text-anchor=\"middle\">\(BarChartSVG.escape(board?.name ?? district.nameZh))</text>"
            if let board {
                svg += "<text class=\"district-value\" x=\"\(BarChartSVG.fmt(district.labelX))\" y=\"\(BarChartSVG.fmt(district.labelY + 26))\" text-anchor=\"middle\">\(Wan.grouped(UInt64(board.enterprises)))</text>"
            }
        }
        // Parks at their coordinates: a dot by level, its name on hover (wall displays show the dots).
        for park in parks {
            svg += "<circle class=\"park \(BarChartSVG.escape(park.level))\" cx=\"\(BarChartSVG.fmt(park.x))\" cy=\"\(BarChartSVG.fmt(park.y))\" r=\"7\"><title>\(BarChartSVG.escape(park.name))</title></circle>"
        }
        svg += "</svg>"
        return .raw(svg)
    }
}
