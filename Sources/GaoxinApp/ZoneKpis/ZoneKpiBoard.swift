import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// The zone's indicator system for a year: every active indicator with its value (computed by its
/// source's query as of 31 December, or today within the year; or the entered value), its target,
/// progress and light against the year's pace (`ClusterPace`: a flow is compared with the share
/// of the year gone, a stock with the whole target), and its values in the years before.
struct ZoneKpiBoard: Content, Sendable {
    struct Row: Content, Sendable {
        var id: Int
        var code: String
        var name: String
        var category: String
        var categoryName: String
        var measure: String
        var measureName: String
        var source: String
        var sourceName: String
        var cumulative: Bool
        var lowerIsBetter: Bool
        var value: Double?
        var target: Double?
        /// value ÷ target (target ÷ value where lower is better), nil without both.
        var progress: Double?
        /// on_pace / slightly_behind / behind, nil without a target.
        var pace: String?
        var history: [YearValue]
        /// The query a computed value comes from, exactly as run, and its parameters.
        var query: String?
        var parameters: [Parameter]
        var formula: String?
        /// Where an entered value says it comes from.
        var basis: String?
    }

    struct YearValue: Content, Sendable, Equatable {
        var year: Int
        var value: Double?
    }

    struct Parameter: Content, Sendable {
        var name: String
        var value: String
    }

    var year: Int
    var asOf: String
    /// Share of the year a flow indicator is compared with.
    var timeShare: Double
    var rule: String
    var rows: [Row]

    static let historyYears = 3

    static func asOf(year: Int, today: CalendarDay) -> CalendarDay {
        today.year == year ? today : CalendarDay("\(year)-12-31")!
    }

    static func load(year: Int, today: CalendarDay, on db: Database) async throws -> ZoneKpiBoard {
        let sql = db as! any SQLDatabase
        let asOf = asOf(year: year, today: today)
        let timeShare = today.year == year ? Double(today.month) / 12 : 1
        let kpis = try await sql.raw("""
            SELECT id, code, name, category, measure, source, cumulative, lower_is_better FROM zone_kpis WHERE active = \(bind: true)
            """).all()
        let years = Array((year - historyYears)...year)
        let targets = try await figures("zone_kpi_targets", column: "target", years: [year], on: sql)
        let entered = try await figures("zone_kpi_values", column: "value", years: years, on: sql)
        let bases = try await sql.raw("""
            SELECT kpi_id, basis FROM zone_kpi_values WHERE active = \(bind: true) AND year = \(bind: year)
            """).all().reduce(into: [Int: String]()) { $0[try $1.decode(column: "kpi_id", as: Int.self)] = try $1.decode(column: "basis", as: String?.self) }
        let categories = RegisterDeclaration.zoneKpis.choices("category")
        var rows: [Row] = []
        for kpi in kpis {
            let id = try kpi.decode(column: "id", as: Int.self)
            let source = ZoneKpiSource(rawValue: try kpi.decode(column: "source", as: String.self)) ?? .entered
            let measure = KpiMeasure(rawValue: try kpi.decode(column: "measure", as: String.self))
            let category = try kpi.decode(column: "category", as: String.self)
            let cumulative = try kpi.decode(column: "cumulative", as: Bool.self)
            let lowerIsBetter = try kpi.decode(column: "lower_is_better", as: Bool?.self) ?? false
            var history: [YearValue] = []
            for past in years {
                if source == .entered {
                    history.append(YearValue(year: past, value: entered[id]?[past]))
                } else {
                    let value = try await source.compute(year: past, asOf: Self.asOf(year: past, today: today), on: sql)
                    history.append(YearValue(year: past, value: value.map { ScaledDecimal.rounded($0, places: 2).value }))
                }
            }
            let value = history.last?.value
            let target = targets[id]?[year]
            let progress: Double? = {
                guard let value, let target else { return nil }
                if lowerIsBetter { return value > 0 ? target / value : nil }
                return target > 0 ? value / target : nil
            }()
            let pace = progress.map { ClusterPace(progress: $0, timeShare: cumulative ? timeShare : 1).rawValue }
            rows.append(Row(id: id, code: try kpi.decode(column: "code", as: String.self), name: try kpi.decode(column: "name", as: String.self),
                            category: category, categoryName: categories[category]?.zh ?? category,
                            measure: measure?.rawValue ?? "", measureName: measure?.zh ?? "", source: source.rawValue, sourceName: source.zh,
                            cumulative: cumulative, lowerIsBetter: lowerIsBetter, value: value, target: target, progress: progress, pace: pace,
                            history: history, query: source.sql,
                            parameters: source.sql == nil ? [] : ZoneKpiSource.parameters(year: year, asOf: asOf).map { Parameter(name: $0.name, value: $0.value) },
                            formula: source.sql == nil ? nil : source.formulaZh, basis: source == .entered ? bases[id] ?? nil : nil))
        }
        let order = ZoneKpiCategory.choices.map(\.value)
        rows.sort { ((order.firstIndex(of: $0.category) ?? order.count), $0.code) < ((order.firstIndex(of: $1.category) ?? order.count), $1.code) }
        return ZoneKpiBoard(year: year, asOf: asOf.description, timeShare: timeShare,
                            rule: ClusterPace.ruleZh + "；存量指标（非年内累计）与全年目标比较；“越小越好”的指标以 目标 ÷ 实际 计完成进度", rows: rows)
    }

    /// indicator id → year → figure, from a register of yearly figures (two decimals stored as hundredths).
    private static func figures(_ table: String, column: String, years: [Int], on sql: any SQLDatabase) async throws -> [Int: [Int: Double]] {
        let rows = try await sql.raw("""
            SELECT kpi_id, year, \(ident: column) AS figure FROM \(ident: table) WHERE active = \(bind: true) AND year IN (\(binds: years))
            """).all()
        var out: [Int: [Int: Double]] = [:]
        for row in rows {
            out[try row.decode(column: "kpi_id", as: Int.self), default: [:]][try row.decode(column: "year", as: Int.self)] =
                ScaledDecimal(scaled: try row.decode(column: "figure", as: Int64.self), places: 2).value
        }
        return out
    }
}
