import Fluent
import Foundation
import GaoxinDomain

/// Top-down demo figures and the city's "465" structure (seed 001: 4 地标产业 + 6 优势产业 + 5 未来
/// 产业; 新材料 and 高端装备 over 3000 亿元 a year, seven over 2000, nine over 1000 亿元 by August). The
/// names follow seed 001 and the city's published list; every amount is illustrative.
enum DemoClusterFigures {
    /// Share of a year's revenue each month makes (‰): a slow start around the Spring Festival and a strong December.
    static let season: [Int64] = [70, 60, 85, 80, 85, 90, 80, 80, 85, 85, 90, 110]

    /// The city's clusters by group: name, category, 2025 revenue (亿元), growth on 2024 (%).
    static let cityGroups: [(group: String, clusters: [(name: String, category: ClusterCategory, annual: Int64, growth: Int64)])] = [
        ("地标产业", [("物联网产业集群", .emerging, 2_150, 11), ("集成电路产业集群", .emerging, 2_100, 9),
                      ("生物医药产业集群", .emerging, 2_010, 7), ("软件与信息技术服务产业集群", .emerging, 560, 10)]),
        ("优势产业", [("高端装备产业集群", .advantage, 3_050, 6), ("新材料产业集群", .advantage, 3_120, 5), ("新能源产业集群", .advantage, 2_050, 14),
                      ("高端纺织服装产业集群", .advantage, 1_600, 2), ("节能环保产业集群", .advantage, 1_590, 4), ("汽车及零部件产业集群", .advantage, 2_020, 8)]),
        ("未来产业", [("人工智能产业集群", .future, 190, 28), ("第三代半导体产业集群", .future, 110, 22), ("氢能和储能产业集群", .future, 70, 35),
                      ("量子科技产业集群", .future, 8, 40), ("深海装备产业集群", .future, 30, 15)]),
    ]

    static func monthly(annualWan: Int64, month: Int) -> Int64 { annualWan * season[month - 1] / 1000 }

    /// 2024 and 2025, month by month, as the statistics bureau would report them.
    static func report(_ cluster: Cluster, annualYi: Int64, growth: Int64, on db: Database, now: Date) async throws {
        let thisYear = annualYi * 10_000
        let lastYear = thisYear * 100 / (100 + growth)
        for (year, annual) in [(2024, lastYear), (2025, thisYear)] {
            for month in 1...12 {
                let row = ClusterReportedFigure()
                row.clusterID = cluster.id!
                row.period = Period(year: year, month: month)!.description
                row.revenue = monthly(annualWan: annual, month: month)
                try await row.create(on: db)
            }
        }
        try await DemoClusterData.audit(db, now, ClusterFigureWrites.entity, "\(cluster.id!)", "载入演示集群“\(cluster.name)” 2024—2025 年月度规上营收（统计部门口径）",
                                        ["clusterId": cluster.id!])
    }

    static func insertCityStructure(on db: Database, now: Date) async throws {
        guard let city = try await OrgUnit.query(on: db).filter(\.$parentID == nil).first() else { return }
        let structure = ClusterStructure()
        structure.name = "“465”现代产业集群"
        structure.unitID = city.id
        structure.note = "无锡市：4 个地标产业、6 个优势产业、5 个未来产业集群（名称依据新闻报道，数据为示例）"
        structure.sortOrder = 10
        structure.active = true
        try await structure.create(on: db)
        var order = 100
        var groups: [(name: String, clusterIDs: [Int])] = []
        for group in cityGroups {
            var ids: [Int] = []
            for spec in group.clusters {
                let cluster = Cluster()
                cluster.name = spec.name
                cluster.category = spec.category.rawValue
                cluster.leadUnitID = city.id!
                cluster.annualTarget = spec.annual * 10_000 * 105 / 100
                cluster.figuresSource = ClusterFiguresSource.topDown.rawValue
                cluster.sortOrder = order
                cluster.active = true
                order += 10
                try await cluster.create(on: db)
                try await DemoClusterData.auditCluster(cluster, on: db, now: now)
                try await report(cluster, annualYi: spec.annual, growth: spec.growth, on: db, now: now)
                ids.append(cluster.id!)
            }
            groups.append((group.group, ids))
        }
        try await ClusterStructureWrites.writeGroups(groups, of: structure.id!, on: db)
        try await DemoClusterData.audit(db, now, ClusterStructureWrites.entity, "\(structure.id!)", "载入演示集群体系“\(structure.name)”",
                                        try await ClusterStructureQueries.dto(structure, on: db))
    }
}
