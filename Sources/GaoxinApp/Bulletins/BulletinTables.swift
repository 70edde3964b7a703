import Foundation
import GaoxinDomain

/// A bulletin's annex tables, laid out once: the page, the workbook (one sheet each) and the
/// Word document draw the same tables, so they cannot disagree.
struct BulletinTable: Equatable {
    struct Cell: Equatable {
        var text: String
        /// The value a workbook stores (亿元, a fraction, a count); nil for text.
        var number: Double?
        /// 红黄绿 (`green`, `yellow`, `red`) for a light cell.
        var light: String?
        /// A subtotal line (bold).
        var strong = false

        static func text(_ text: String, strong: Bool = false) -> Cell { Cell(text: text, number: nil, light: nil, strong: strong) }
        static func count(_ value: Int) -> Cell { Cell(text: "\(value)", number: Double(value), light: nil) }
        static func yi(_ wan: Int64?) -> Cell {
            guard let wan else { return .text("—") }
            return Cell(text: Wan(wan).yiText, number: Double(wan) / 10_000, light: nil)
        }
        static func percent(_ value: Double?) -> Cell {
            Cell(text: BulletinWording.percent(value), number: value.map { ($0 * 1000).rounded() / 1000 }, light: nil)
        }
        static func light(_ light: String?) -> Cell { Cell(text: BulletinLight.name(light), number: nil, light: light) }
    }

    var title: String
    /// The workbook's sheet name (≤ 31 characters).
    var sheet: String
    var note: String?
    var header: [String]
    var rows: [[Cell]]
}

enum BulletinTables {
    static func all(_ c: BulletinContent) -> [BulletinTable] {
        var tables: [BulletinTable] = []
        let months = c.header.throughMonth == 1 ? "1月" : "1—\(c.header.throughMonth)月"
        func number(_ title: String) -> String { "附表\(tables.count + 1)  \(title)" }
        func clusterCells(_ row: BulletinContent.ClusterRow, label: String, strong: Bool = false) -> [BulletinTable.Cell] {
            [.text(label, strong: strong), .yi(row.yearToDate), .yi(row.previousYearToDate), .percent(row.growth), .yi(row.annualTarget),
             .percent(row.progress), .light(row.light)]
        }
        let clusterHeader = ["\(months)规上营收（亿元）", "去年同期（亿元）", "同比增长", "年度目标（亿元）", "完成进度", "亮灯"]

        tables.append(BulletinTable(
            title: number("产业集群规上营收完成情况"), sheet: "集群营收",
            note: "按\(months)规上营收排序；同比按可比口径；亮灯规则：\(ClusterPace.ruleZh)",
            header: ["排名", "集群"] + clusterHeader,
            rows: c.clusters.map { [.count($0.rank ?? 0)] + clusterCells($0, label: $0.name) }
                + [[.text("")] + clusterCells(c.clusterTotal, label: "合计", strong: true)]))

        for (index, structure) in c.structures.enumerated() {
            var rows: [[BulletinTable.Cell]] = []
            for group in structure.groups {
                rows.append(clusterCells(group.total, label: group.total.name, strong: true))
                rows += group.clusters.map { clusterCells($0, label: "　" + $0.name) }
            }
            rows.append(clusterCells(structure.total, label: "合计", strong: true))
            tables.append(BulletinTable(title: number("“\(structure.name)”分组汇总"), sheet: "体系\(index + 1)",
                                        note: "超千亿集群 \(structure.overThousand) 个", header: ["分组 / 集群"] + clusterHeader, rows: rows))
        }

        tables.append(BulletinTable(
            title: number("集群规模梯队"), sheet: "规模梯队", note: "按\(months)规上营收计",
            header: ["梯队", "集群数", "集群"],
            rows: c.tiers.map { [.text($0.label), .count($0.clusters.count), .text($0.clusters.joined(separator: "、"))] }))

        let k = c.keyProjects
        func share(_ part: Int64, _ whole: Int64) -> BulletinTable.Cell { .percent(whole > 0 ? Double(part) / Double(whole) : nil) }
        tables.append(BulletinTable(
            title: number("重大（重点）项目与计划投资在集群内的比重"), sheet: "集群项目占比",
            note: "重大（重点）项目：省重大、市重大、区重点，截至\(c.header.asOf)已签约；计划投资：\(c.header.year)年度计划",
            header: ["指标", "全部", "集群内", "集群内占比"],
            rows: [
                [.text("重大（重点）项目（个）"), .count(k.keyProjects), .count(k.keyInClusters), share(Int64(k.keyInClusters), Int64(k.keyProjects))],
                [.text("重大（重点）项目总投资（亿元）"), .yi(k.keyInvestment), .yi(k.keyInvestmentInClusters), share(k.keyInvestmentInClusters, k.keyInvestment)],
                [.text("年度计划投资（亿元）"), .yi(k.plannedInvestment), .yi(k.plannedInClusters), share(k.plannedInClusters, k.plannedInvestment)],
            ]))

        func investmentCells(_ row: BulletinContent.InvestmentRow, strong: Bool = false) -> [BulletinTable.Cell] {
            [.text(row.name, strong: strong), .count(row.projects), .yi(row.planned), .yi(row.completed), .percent(row.rate), .light(row.light)]
        }
        tables.append(BulletinTable(
            title: number("年度投资完成情况（按责任单位）"), sheet: "投资完成",
            note: "完成率 = \(months)完成投资 ÷ 年度计划；时序进度 \(c.investment.monthsDue)/12：低于应完成额的 80% 为红，80%–100% 为黄",
            header: ["排名", "责任单位", "项目数", "年度计划（亿元）", "\(months)完成（亿元）", "完成率", "亮灯"],
            rows: c.investment.byUnit.map { [.count($0.rank ?? 0)] + investmentCells($0) } + [[.text("")] + investmentCells(c.investment.total, strong: true)]))

        tables.append(BulletinTable(
            title: number("目标指引清单进度与排名"), sheet: "目标进度",
            note: "截至\(c.header.asOf)，各项“实际/目标”；综合完成率为有目标各项完成率（每项最多计 100%）的平均",
            header: ["排名", "单位", "清单", "签约项目"] + c.targets.columns + ["综合完成率", "亮灯"],
            rows: c.targets.rows.map { row in
                [.count(row.rank), .text(row.unit), .text(row.title), .count(row.projects)] + row.cells.map { .text($0) } + [.percent(row.completion), .light(row.light)]
            }))

        tables.append(BulletinTable(
            title: number("滞后项目"), sheet: "滞后项目",
            note: "截至\(c.header.asOf)已过计划日期而未到达该阶段的项目，共 \(c.lateProjects.count) 个"
                + (c.lateProjects.count > c.lateProjects.items.count ? "，列出计划日期最早的 \(c.lateProjects.items.count) 个" : "")
                + "；分单位：" + (c.lateProjects.byUnit.isEmpty ? "无" : c.lateProjects.byUnit.map { "\($0.unit) \($0.count) 个" }.joined(separator: "、")),
            header: ["项目", "责任单位", "所处阶段", "滞后节点", "计划日期"],
            rows: c.lateProjects.items.map { [.text($0.name), .text($0.unit), .text($0.stage), .text($0.missed), .text($0.plannedOn)] }))

        tables.append(BulletinTable(
            title: number("未解决的项目问题"), sheet: "项目问题",
            note: "截至\(c.header.asOf)未解决 \(c.obstacles.open) 个，其中逾期 \(c.obstacles.overdue) 个"
                + (c.obstacles.open > c.obstacles.items.count ? "；列出 \(c.obstacles.items.count) 个（逾期的在前）" : "")
                + "；分单位：" + (c.obstacles.byUnit.isEmpty ? "无" : c.obstacles.byUnit.map { "\($0.unit) \($0.count) 个" }.joined(separator: "、")),
            header: ["问题", "项目", "责任单位", "要素类型", "解决时限", "状态"],
            rows: c.obstacles.items.map { [.text($0.title), .text($0.project), .text($0.unit), .text($0.kind), .text($0.dueOn),
                                           Cell(text: $0.overdue ? "逾期" : "未到期", number: nil, light: $0.overdue ? "red" : "yellow")] }))

        tables.append(BulletinTable(
            title: number("机制清单缺项"), sheet: "清单缺项", note: "按生成通报时的清单状态",
            header: ["清单", "缺项", "缺项集群数", "集群"],
            rows: c.checklists.flatMap { checklist in
                checklist.gaps.isEmpty ? [[.text(checklist.template), .text("（无缺项）"), .count(0), .text("")]]
                    : checklist.gaps.map { [.text(checklist.template), .text($0.item), .count($0.clusters.count), .text($0.clusters.joined(separator: "、"))] }
            }))

        tables.append(BulletinTable(
            title: number("已关账月份的数据更正"), sheet: "数据更正", note: "上期关账以来记录的更正（原值 → 新值，单位同原指标）",
            header: ["月份", "对象", "指标", "原值", "新值", "原因", "更正人", "日期"],
            rows: c.restatements.map { row in
                [.text(row.month), .text(row.subject), .text(row.figure), .text(row.oldValue.map(String.init) ?? "—"),
                 .text(row.newValue.map(String.init) ?? "—"), .text(row.reason), .text(row.by), .text(row.on)]
            }))
        return tables
    }

    typealias Cell = BulletinTable.Cell
}
