import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// A structure's figures through one month (seed 001: "1-8月，全市465集群合计实现规上营收…，9个
/// 集群超千亿"): each cluster on its own path, totals per group and for the structure — revenue
/// of 1–N月, the same months a year before (over the clusters that have them: 可比口径), the
/// targets and progress, and how many clusters reach each scale tier. Two reads for all clusters.
struct ClusterStructureTotals: Content, APISchema {
    struct Line: Content, Equatable {
        var name: String
        var clusterId: Int?
        var source: String?
        var yearToDate: Int64
        /// Over the clusters with last year's months (可比口径).
        var comparableYearToDate: Int64
        var previousYearToDate: Int64?
        var growth: Double?
        var annualTarget: Int64?
        var progress: Double?
        var pace: String?
        var tier: String?
        /// Clusters at or over 千亿, 两千亿, 三千亿 (for a cluster: 0 or 1).
        var overThousand: Int
        var overTwoThousand: Int
        var overThreeThousand: Int
    }

    struct Group: Content {
        var total: Line
        var clusters: [Line]
    }

    var structure: ClusterStructureDTO
    var period: String
    var throughMonth: Int
    var groups: [Group]
    var total: Line

    static let schemaName = "ClusterStructureTotals"
    static var openAPISchema: JSONSchema {
        let optionalInt = JSONSchema.integer(required: false, nullable: true)
        let optionalNumber = JSONSchema.number(required: false, nullable: true)
        let line = JSONSchema.object(properties: [
            "name": .string, "clusterId": optionalInt, "source": .string(required: false, nullable: true), "yearToDate": .integer,
            "comparableYearToDate": .integer, "previousYearToDate": optionalInt, "growth": optionalNumber, "annualTarget": optionalInt,
            "progress": optionalNumber, "pace": .string(required: false, nullable: true), "tier": .string(required: false, nullable: true),
            "overThousand": .integer, "overTwoThousand": .integer, "overThreeThousand": .integer,
        ])
        return .object(properties: [
            "structure": .reference(.component(named: ClusterStructureDTO.schemaName)), "period": .string, "throughMonth": .integer,
            "groups": .array(items: .object(properties: ["total": line, "clusters": .array(items: line)])), "total": line,
        ])
    }

    static func make(_ structure: ClusterStructure, month: Period?, now: Date, on db: Database) async throws -> ClusterStructureTotals {
        let dto = try await ClusterStructureQueries.dto(structure, on: db)
        let ids = dto.groups.flatMap(\.clusterIds)
        let clusters = ids.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Cluster.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
        let sql = db as! any SQLDatabase
        let latest = month == nil ? try await ClusterFigures.latestPeriods(clusters.values.map { ($0.id!, $0.source) }, on: sql).values.max() : nil
        let period = ClusterFigureReport.through(month, latest: latest, now: now)
        let from = Period(year: period.year - 1, month: 1)!.description, to = Period(year: period.year, month: 12)!.description
        let series = try await ClusterFigures.series(clusters: ids, from: from, to: to, on: sql)
        var groups: [Group] = []
        for group in dto.groups {
            let lines = group.clusterIds.compactMap { id in clusters[id].map { line($0, series[id] ?? .init(), through: period) } }
            groups.append(Group(total: sum(group.name, lines, through: period), clusters: lines))
        }
        return ClusterStructureTotals(structure: dto, period: period.description, throughMonth: period.month, groups: groups,
                                      total: sum(structure.name, groups.flatMap(\.clusters), through: period))
    }

    static func line(_ cluster: Cluster, _ series: ClusterFigures.Series, through period: Period) -> Line {
        let own = cluster.source == .bottomUp ? series.bottomUp : series.topDown
        let monthly = Dictionary(uniqueKeysWithValues: own.compactMap { key, value in Period(key).map { ($0, value) } })
        let p = ClusterProgress(year: period.year, throughMonth: period.month, monthly: monthly, annualTarget: cluster.annualTarget)
        let tier = ClusterScaleTier.of(p.yearToDate)
        return Line(name: cluster.name, clusterId: cluster.id, source: cluster.figuresSource, yearToDate: p.yearToDate,
                    comparableYearToDate: p.previousYearToDate == nil ? 0 : p.yearToDate, previousYearToDate: p.previousYearToDate,
                    growth: p.growth, annualTarget: p.annualTarget, progress: p.progress, pace: p.pace?.rawValue, tier: tier?.code,
                    overThousand: tier.map { $0 >= .thousandBillion ? 1 : 0 } ?? 0, overTwoThousand: tier.map { $0 >= .twoThousandBillion ? 1 : 0 } ?? 0,
                    overThreeThousand: tier.map { $0 >= .threeThousandBillion ? 1 : 0 } ?? 0)
    }

    /// A group's or the structure's total: sums; growth over the comparable clusters; progress
    /// over the clusters with a target.
    static func sum(_ name: String, _ lines: [Line], through period: Period) -> Line {
        let ytd = lines.reduce(0) { $0 + $1.yearToDate }
        let comparable = lines.filter { $0.previousYearToDate != nil }
        let comparableYTD = comparable.reduce(0) { $0 + $1.yearToDate }
        let previous = comparable.isEmpty ? nil : comparable.reduce(Int64(0)) { $0 + $1.previousYearToDate! }
        let targeted = lines.filter { $0.annualTarget != nil }
        let target = targeted.isEmpty ? nil : targeted.reduce(Int64(0)) { $0 + $1.annualTarget! }
        let progress = target.flatMap { $0 > 0 ? Double(targeted.reduce(0) { $0 + $1.yearToDate }) / Double($0) : nil }
        return Line(name: name, clusterId: nil, source: nil, yearToDate: ytd, comparableYearToDate: comparableYTD, previousYearToDate: previous,
                    growth: previous.flatMap { $0 > 0 ? Double(comparableYTD - $0) / Double($0) : nil }, annualTarget: target, progress: progress,
                    pace: progress.map { ClusterPace(progress: $0, timeShare: Double(period.month) / 12).rawValue }, tier: nil,
                    overThousand: lines.reduce(0) { $0 + $1.overThousand }, overTwoThousand: lines.reduce(0) { $0 + $1.overTwoThousand },
                    overThreeThousand: lines.reduce(0) { $0 + $1.overThreeThousand })
    }
}
