import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// A cluster's figures for one year through a chosen month, both paths where both exist: its
/// own path (`figuresSource`) decides the progress, the other is shown beside it. Reads the
/// roll-up and the reported months — two indexed reads of at most 24 rows each.
struct ClusterFigureReport: Content, APISchema {
    struct Month: Content, Equatable {
        var period: String
        /// 万元; nil when nothing was reported for the month on that path.
        var bottomUp: Int64?
        var topDown: Int64?
        /// The same month a year earlier, on the cluster's own path.
        var previousYear: Int64?
        var growth: Double?
    }

    var clusterId: Int
    var source: String
    var sourceName: String
    /// The last month counted (1–N月), `YYYY-MM`.
    var period: String
    var year: Int
    var throughMonth: Int
    var yearToDate: Int64
    var previousYearToDate: Int64?
    var growth: Double?
    var annualTarget: Int64?
    var progress: Double?
    var timeShare: Double
    var remaining: Int64?
    var monthlyPaceNeeded: Int64?
    var pace: String?
    var paceName: String?
    var paceRule: String
    /// The tier the year's revenue so far reaches, and the previous full year's total and tier.
    var tier: String?
    var tierName: String?
    var previousYearTotal: Int64?
    var previousYearTier: String?
    var previousYearTierName: String?
    /// Year to date on the other path, where it has months (the comparison the page shows).
    var otherPathYearToDate: Int64?
    var months: [Month]

    static let schemaName = "ClusterFigures"
    static var openAPISchema: JSONSchema {
        let optionalInt = JSONSchema.integer(required: false, nullable: true)
        let optionalNumber = JSONSchema.number(required: false, nullable: true)
        let optionalText = JSONSchema.string(required: false, nullable: true)
        let month = JSONSchema.object(properties: ["period": .string, "bottomUp": optionalInt, "topDown": optionalInt, "previousYear": optionalInt, "growth": optionalNumber])
        return .object(properties: [
            "clusterId": .integer, "source": .string(allowedValues: ClusterFiguresSource.allCases.map { AnyCodable($0.rawValue) }), "sourceName": .string,
            "period": .string, "year": .integer, "throughMonth": .integer, "yearToDate": .integer, "previousYearToDate": optionalInt,
            "growth": optionalNumber, "annualTarget": optionalInt, "progress": optionalNumber, "timeShare": .number, "remaining": optionalInt,
            "monthlyPaceNeeded": optionalInt, "pace": .string(required: false, nullable: true, allowedValues: ClusterPace.allCases.map { AnyCodable($0.rawValue) } + [nil]),
            "paceName": optionalText, "paceRule": .string, "tier": optionalText, "tierName": optionalText, "previousYearTotal": optionalInt,
            "previousYearTier": optionalText, "previousYearTierName": optionalText, "otherPathYearToDate": optionalInt, "months": .array(items: month),
        ])
    }

    /// The report through `month` (default: the latest month the cluster's path has, never after
    /// the current month).
    static func make(_ cluster: Cluster, month: Period?, now: Date, lang: UILanguage, on db: Database) async throws -> ClusterFigureReport {
        let sql = db as! any SQLDatabase
        let id = cluster.id!
        let latest = month == nil ? try await ClusterFigures.latestPeriods([(id, cluster.source)], on: sql)[id] : nil
        let period = through(month, latest: latest, now: now)
        let from = Period(year: period.year - 1, month: 1)!.description, to = Period(year: period.year, month: 12)!.description
        let series = try await ClusterFigures.series(clusters: [id], from: from, to: to, on: sql)[id] ?? .init()
        return make(cluster, series: series, through: period, lang: lang)
    }

    /// The month figures run through: the one asked for, else the latest with data (never after
    /// the current month), else the current month.
    static func through(_ month: Period?, latest: String?, now: Date) -> Period {
        let current = IndicatorWrites.currentPeriod(now)
        return month ?? latest.flatMap { Period($0) }.map { min($0, current) } ?? current
    }

    /// The report from months already read (`ClusterFigures.series` of the year and the one before).
    static func make(_ cluster: Cluster, series: ClusterFigures.Series, through period: Period, lang: UILanguage) -> ClusterFigureReport {
        let id = cluster.id!
        let bottomUp = series.bottomUp, topDown = series.topDown
        let own = cluster.source == .bottomUp ? bottomUp : topDown
        let other = cluster.source == .bottomUp ? topDown : bottomUp
        let keyed = { (months: [String: Int64]) in Dictionary(uniqueKeysWithValues: months.compactMap { key, value in Period(key).map { ($0, value) } }) }
        let progress = ClusterProgress(year: period.year, throughMonth: period.month, monthly: keyed(own), annualTarget: cluster.annualTarget)
        let otherProgress = ClusterProgress(year: period.year, throughMonth: period.month, monthly: keyed(other), annualTarget: nil)
        let hasOther = (1...period.month).contains { other[Period(year: period.year, month: $0)!.description] != nil }
        let previousYear = (1...12).map { Period(year: period.year - 1, month: $0)!.description }
        let previousTotal = previousYear.allSatisfy { own[$0] != nil } ? previousYear.reduce(Int64(0)) { $0 + own[$1]! } : nil
        let tier = ClusterScaleTier.of(progress.yearToDate)
        let previousTier = previousTotal.flatMap(ClusterScaleTier.of)
        let months = (1...12).map { number -> Month in
            let key = Period(year: period.year, month: number)!
            let value = own[key.description], base = own[key.previousYear.description]
            let growth = value.flatMap { value in base.flatMap { $0 > 0 ? Double(value - $0) / Double($0) : nil } }
            return Month(period: key.description, bottomUp: bottomUp[key.description], topDown: topDown[key.description], previousYear: base, growth: growth)
        }
        return ClusterFigureReport(
            clusterId: id, source: cluster.source.rawValue, sourceName: lang.t(cluster.source.nameZh, cluster.source.nameEn),
            period: period.description, year: period.year, throughMonth: period.month, yearToDate: progress.yearToDate,
            previousYearToDate: progress.previousYearToDate, growth: progress.growth, annualTarget: progress.annualTarget, progress: progress.progress,
            timeShare: progress.timeShare, remaining: progress.remaining, monthlyPaceNeeded: progress.monthlyPaceNeeded,
            pace: progress.pace?.rawValue, paceName: progress.pace.map { lang.t($0.nameZh, $0.nameEn) }, paceRule: lang.t(ClusterPace.ruleZh, ClusterPace.ruleEn),
            tier: tier?.code, tierName: tier.map { lang.t($0.nameZh, $0.nameEn) }, previousYearTotal: previousTotal,
            previousYearTier: previousTier?.code, previousYearTierName: previousTier.map { lang.t($0.nameZh, $0.nameEn) },
            otherPathYearToDate: hasOther ? otherProgress.yearToDate : nil, months: months)
    }
}
