import Fluent
import Foundation
import GaoxinComplexity
import GaoxinDomain
import SQLKit
import Vapor

/// The regions × industries matrix from the zone's own data (issue 4 §3): enterprises' revenue
/// summed per year, by board (the enterprise's unit, or its nearest ancestor that is a board) and
/// by industry code cut to the chosen GB/T 4754 level.
enum ZoneMatrix {
    struct Options: Equatable, Sendable {
        var fromYear: Int
        var toYear: Int
        /// 2 大类, 3 中类, 4 小类.
        var level: Int
        var aboveScaleOnly: Bool
    }

    /// One (unit, industry, year) sum as the database returns it.
    struct UnitSum: Decodable, Equatable, Sendable {
        var unitId: Int
        var industryCode: String
        var year: String
        var revenue: Int64
        var enterprises: Int
        var lastMonth: String
    }

    struct Outcome: Equatable {
        var observations: [ComplexityUpload.Observation]
        /// Enterprises whose code is coarser than the level and so cannot be placed in a column.
        var skippedCoarse: Int
        var enterpriseCount: Int
        /// Years whose figures stop before December (year-to-date sums), with the last month.
        var partialYears: [String: String]
    }

    /// Pure: places unit sums on locations and products and adds them up.
    static func aggregate(_ sums: [UnitSum], location: (Int) -> String?, level: Int) -> Outcome {
        var totals: [String: [String: [String: Int64]]] = [:]
        var skipped = 0
        var enterprises = 0
        var lastMonth: [String: String] = [:]
        for sum in sums {
            guard let loc = location(sum.unitId) else { continue }
            lastMonth[sum.year] = max(lastMonth[sum.year] ?? "", sum.lastMonth)
            guard let code = try? IndustryCode.parse(sum.industryCode).get(), let product = code.truncated(to: level) else {
                skipped += sum.enterprises
                continue
            }
            enterprises += sum.enterprises
            totals[sum.year, default: [:]][loc, default: [:]][product.digits, default: 0] += sum.revenue
        }
        var observations: [ComplexityUpload.Observation] = []
        for year in totals.keys.sorted() {
            for loc in totals[year]!.keys.sorted() {
                for (prod, value) in totals[year]![loc]!.sorted(by: { $0.key < $1.key }) {
                    observations.append(.init(year: year, loc: loc, prod: prod, val: Double(value)))
                }
            }
        }
        let partial = lastMonth.filter { !$0.value.hasSuffix("-12") }
        return Outcome(observations: observations, skippedCoarse: skipped, enterpriseCount: enterprises, partialYears: partial)
    }

    /// Each unit's location: the nearest board at or above it, else the unit itself, named by its
    /// name — or, when two such places share a name (two cities' 新区), by name and code.
    static func locations(on db: Database) async throws -> [Int: String] {
        let units = try await OrgUnit.query(on: db).all()
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        var place: [Int: OrgUnit] = [:]
        for unit in units {
            let chain = (unit.unitPath?.ids ?? [unit.id!]).reversed().compactMap { byID[$0] }
            place[unit.id!] = chain.first { $0.unitKind == .board } ?? unit
        }
        let namesakes = Dictionary(grouping: Set(place.values.map(\.id!)).compactMap { byID[$0] }, by: \.name).filter { $0.value.count > 1 }
        return place.mapValues { unit in
            namesakes[unit.name] == nil ? unit.name : "\(unit.name)（\(unit.code ?? "#\(unit.id!)")）"
        }
    }

    /// Sums per unit, industry and year over the chosen years, read from the monthly roll-up
    /// (`MonthlyFigures`), not the raw rows. An industry's enterprises in a year are the most that
    /// reported a revenue in any one of its months (the roll-up keeps counts per month; enterprises
    /// report every month, so this is the year's count but for one that joined or left mid-year).
    static func sums(_ options: Options, on sql: any SQLDatabase) async throws -> [UnitSum] {
        let from = String(format: "%04d-01", options.fromYear)
        let to = String(format: "%04d-12", options.toYear)
        let scale = options.aboveScaleOnly ? SQLQueryString(" AND above_scale = \(bind: true)") : SQLQueryString("")
        return try await sql.raw("""
            SELECT unit_id, industry_code, substr(period, 1, 4) AS year, CAST(SUM(revenue) AS BIGINT) AS revenue,
                   CAST(MAX(enterprises) AS BIGINT) AS enterprises, MAX(period) AS last_month
            FROM (SELECT unit_id, industry_code, period, SUM(revenue) AS revenue, SUM(revenue_reports) AS enterprises
                  FROM monthly_figures
                  WHERE period >= \(bind: from) AND period <= \(bind: to) AND revenue_reports > 0 AND active = \(bind: true)\(scale)
                  GROUP BY unit_id, industry_code, period) m
            GROUP BY unit_id, industry_code, substr(period, 1, 4)
            """).all(decoding: UnitSum.self, with: ListRunner.decoder)
    }

    static func levelName(_ level: Int) -> String {
        switch level {
        case 2: return "大类（2 位）"
        case 3: return "中类（3 位）"
        default: return "小类（4 位）"
        }
    }
}
