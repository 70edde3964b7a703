import Foundation
import GaoxinDomain

/// How a 通报 reads (seed 001: "1-8月，全市465集群合计实现规上营收11172.2亿元，9个产业集群规上营收
/// 规模超千亿"): totals first, then rankings, 红黄绿, and the laggards by name.
enum BulletinWording {
    /// "12.3%" (one decimal), "—" without a value.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return String(format: "%.1f%%", value * 100)
    }

    /// "增长 12.3%" / "下降 4.0%".
    static func growth(_ value: Double?) -> String? {
        guard let value else { return nil }
        return value >= 0 ? "同比增长 " + percent(value) : "同比下降 " + percent(-value)
    }

    static func yi(_ wan: Int64) -> String { Wan(wan).yiText + " 亿元" }

    static func names(_ names: [String], limit: Int = 10) -> String {
        names.count <= limit ? names.joined(separator: "、") : names.prefix(limit).joined(separator: "、") + " 等 \(names.count) 个"
    }

    static func summary(_ c: BulletinContent) -> [String] {
        var out: [String] = []
        let period = c.periodText
        let total = c.clusterTotal
        var revenue = "\(period)，全区 \(c.clusters.count) 个产业集群合计实现规上营收 \(yi(total.yearToDate))"
        if let growth = growth(total.growth) { revenue += "，\(growth)（可比口径）" }
        if let progress = total.progress {
            revenue += "，完成年度目标的 \(percent(progress))（时序进度 \(percent(Double(c.header.throughMonth) / 12))）"
        }
        out.append(revenue + "。")

        let thousand = c.tiers.first { $0.threshold == ClusterScaleTier.thousandBillion.rawValue }?.clusters ?? []
        if thousand.isEmpty {
            out.append("目前尚无规上营收超千亿的集群。")
        } else {
            var tiers = "规上营收超千亿的集群 \(thousand.count) 个（\(names(thousand))）"
            for tier in c.tiers where tier.threshold > ClusterScaleTier.thousandBillion.rawValue && !tier.clusters.isEmpty {
                tiers += "，其中\(tier.label)的 \(tier.clusters.count) 个（\(names(tier.clusters))）"
            }
            out.append(tiers + "。")
        }

        let lit = c.clusters.filter { $0.light != nil }
        if !lit.isEmpty {
            let red = lit.filter { $0.light == "red" }.map(\.name), yellow = lit.filter { $0.light == "yellow" }.map(\.name)
            var lights = "按时序进度亮灯：绿灯 \(lit.count - red.count - yellow.count) 个、黄灯 \(yellow.count) 个、红灯 \(red.count) 个"
            if !red.isEmpty { lights += "。亮红灯的集群：\(names(red))，请牵头部门分析原因、加快进度" }
            out.append(lights + "。")
        }

        let k = c.keyProjects
        if k.keyProjects > 0 {
            out.append("重大（重点）项目 \(k.keyProjects) 个、总投资 \(yi(k.keyInvestment))，其中位于产业集群的 \(k.keyInClusters) 个"
                + "（占 \(percent(Double(k.keyInClusters) / Double(k.keyProjects)))）、总投资占 \(percent(k.keyInvestment > 0 ? Double(k.keyInvestmentInClusters) / Double(k.keyInvestment) : nil))"
                + (k.plannedInvestment > 0 ? "；年度计划投资 \(yi(k.plannedInvestment))，集群内占 \(percent(Double(k.plannedInClusters) / Double(k.plannedInvestment)))" : "") + "。")
        }

        let inv = c.investment
        if inv.total.planned > 0 {
            var line = "\(period)完成投资 \(yi(inv.total.completed))，年度投资完成率 \(percent(inv.total.rate))（时序进度 \(percent(Double(inv.monthsDue) / 12))）"
            let ranked = inv.byUnit.filter { $0.rate != nil }
            if ranked.count >= 2 {
                line += "；完成率居前的是 \(ranked.prefix(3).map { "\($0.name)（\(percent($0.rate))）" }.joined(separator: "、"))"
                let behind = ranked.filter { $0.light == "red" }
                if !behind.isEmpty { line += "，明显落后的是 \(behind.suffix(3).map { "\($0.name)（\(percent($0.rate))）" }.joined(separator: "、"))" }
            }
            out.append(line + "。")
        }

        let rows = c.targets.rows.filter { $0.completion != nil }
        if !rows.isEmpty {
            var line = "目标指引清单综合完成率排名前列的是 \(rows.prefix(3).map { "\($0.unit)（\(percent($0.completion))）" }.joined(separator: "、"))"
            let red = rows.filter { $0.light == "red" }.map(\.unit)
            if !red.isEmpty { line += "；进度亮红灯的单位：\(names(red))" }
            out.append(line + "。")
        }

        let late = c.lateProjects, obstacles = c.obstacles
        var issues = "截至\(c.header.throughMonth)月底，滞后项目 \(late.count) 个"
        if !late.byUnit.isEmpty { issues += "，较多的是 \(late.byUnit.prefix(3).map { "\($0.unit)（\($0.count) 个）" }.joined(separator: "、"))" }
        issues += "；未解决的项目问题 \(obstacles.open) 个，其中逾期 \(obstacles.overdue) 个"
        if obstacles.overdue > 0 {
            let overdueUnits = BulletinBuilder.countByUnit(obstacles.items.filter(\.overdue).map(\.unit))
            issues += "，涉及 \(overdueUnits.prefix(3).map(\.unit).joined(separator: "、"))" + (overdueUnits.count > 3 ? " 等单位" : "")
        }
        out.append(issues + "。")

        for checklist in c.checklists {
            if checklist.gaps.isEmpty {
                out.append("“\(checklist.template)”机制清单：\(checklist.clusterCount) 个集群全部完成。")
            } else {
                let worst = checklist.gaps.max { ($0.clusters.count, $1.item) < ($1.clusters.count, $0.item) }!
                out.append("“\(checklist.template)”机制清单：\(checklist.complete) 个集群全部完成，\(checklist.clusterCount - checklist.complete) 个尚有缺项；"
                    + "缺项最多的是“\(worst.item)”（\(worst.clusters.count) 个集群）。")
            }
        }

        if !c.restatements.isEmpty {
            out.append("本期列出已关账月份的数据更正 \(c.restatements.count) 条（见“数据更正”）。")
        }
        return out
    }
}
