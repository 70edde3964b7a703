import Fluent
import SQLKit
import Vapor

/// An illustrative regions × industries matrix so the recommendation page has something to show
/// on a fresh demo: the eight boards of Wuxi (seed 003) and industries the seeds name. The
/// figures are made up for the demonstration and the dataset says so in its name.
enum DemoComplexityData {
    static let industries = ["特钢新材料", "集成电路", "生命健康", "高端装备", "新能源", "物联网", "软件和信息服务", "汽车及零部件", "纺织服装", "精细化工"]

    /// 规上营收, 亿元 (stored as the value; the analysis is scale-free).
    static let revenue: [(board: String, values: [Double])] = [
        ("江阴", [1650, 120, 90, 520, 610, 40, 30, 260, 430, 380]),
        ("宜兴", [210, 15, 60, 240, 180, 20, 25, 60, 90, 310]),
        ("梁溪", [5, 30, 80, 40, 20, 90, 260, 15, 60, 10]),
        ("锡山", [260, 70, 40, 410, 230, 60, 40, 330, 150, 120]),
        ("惠山", [180, 90, 70, 470, 380, 50, 60, 290, 70, 90]),
        ("滨湖", [20, 60, 150, 90, 60, 160, 310, 40, 30, 20]),
        ("新吴", [40, 1650, 420, 560, 440, 980, 520, 390, 20, 60]),
        ("经开", [10, 140, 110, 120, 90, 210, 280, 70, 15, 15]),
    ]

    static func insert(on db: Database, now: Date) async throws {
        let dataset = ComplexityDataset()
        dataset.name = "演示：无锡各板块规上营收（示意数据）"
        dataset.measure = ComplexityMeasure.revenue.rawValue
        dataset.rowCount = revenue.count * industries.count
        dataset.years = "2024"
        dataset.createdAt = now
        try await dataset.create(on: db)
        let insert = (db as! any SQLDatabase).insert(into: "complexity_observations").columns("dataset_id", "year", "loc", "prod", "val")
        for row in revenue {
            for (index, industry) in industries.enumerated() {
                insert.values(SQLBind(dataset.id!), SQLBind("2024"), SQLBind(row.board), SQLBind(industry), SQLBind(row.values[index]))
            }
        }
        try await insert.run()
    }

    /// The same matrix 产业推荐 builds from the zone's own data ("由本区企业数据生成"), made from the
    /// demo enterprises' figures, so a fresh demo shows GB/T industries and, against the chip
    /// chain, which recommended industries fill a missing or weak node.
    static func insertZoneDataset(on db: Database, now: Date) async throws {
        let year = DemoEnterpriseData.year
        let options = ZoneMatrix.Options(fromYear: year, toYear: year, level: 4, aboveScaleOnly: false)
        let sums = try await ZoneMatrix.sums(options, on: db as! any SQLDatabase)
        let locations = try await ZoneMatrix.locations(on: db)
        let outcome = ZoneMatrix.aggregate(sums, location: { locations[$0] }, level: options.level)
        guard !outcome.observations.isEmpty else { return }
        let dataset = ComplexityDataset()
        dataset.name = "演示：本区企业营收 \(year)（板块 × 行业小类，由演示企业数据生成）"
        dataset.measure = ComplexityMeasure.revenue.rawValue
        dataset.rowCount = outcome.observations.count
        dataset.years = "\(year)"
        dataset.source = "zone"
        dataset.description = "本区企业营业收入：\(year) 年，按板块 × 行业小类（4 位），全部在册企业，共 \(outcome.enterpriseCount) 家（演示数据）。"
        dataset.createdAt = now
        try await dataset.create(on: db)
        let sql = db as! any SQLDatabase
        for start in stride(from: 0, to: outcome.observations.count, by: 500) {
            let insert = sql.insert(into: "complexity_observations").columns("dataset_id", "year", "loc", "prod", "val")
            for o in outcome.observations[start..<min(start + 500, outcome.observations.count)] {
                insert.values(SQLBind(dataset.id!), SQLBind(o.year), SQLBind(o.loc), SQLBind(o.prod), SQLBind(o.val))
            }
            try await insert.run()
        }
    }
}
