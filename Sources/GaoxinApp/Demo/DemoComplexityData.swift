import Fluent
import SQLKit
import Vapor

/// The demo's datasets for 目标产业推荐: the illustrative province matrix (`IllustrativeMatrix`,
/// labelled as made up) and the zone's own matrix built from the demo enterprises.
enum DemoComplexityData {
    static func insert(on db: Database, now: Date) async throws {
        let observations = IllustrativeMatrix.observations
        let dataset = ComplexityDataset()
        dataset.name = IllustrativeMatrix.nameZh
        dataset.measure = ComplexityMeasure.revenue.rawValue
        dataset.rowCount = observations.count
        dataset.years = IllustrativeMatrix.year
        dataset.source = IllustrativeMatrix.source
        dataset.description = IllustrativeMatrix.descriptionZh
        dataset.createdAt = now
        try await dataset.create(on: db)
        let insert = (db as! any SQLDatabase).insert(into: "complexity_observations").columns("dataset_id", "year", "loc", "prod", "val")
        for o in observations {
            insert.values(SQLBind(dataset.id!), SQLBind(IllustrativeMatrix.year), SQLBind(o.location), SQLBind(o.product), SQLBind(o.value))
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
