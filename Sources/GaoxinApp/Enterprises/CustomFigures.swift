import Fluent
import SQLKit

/// An enterprise's zone-defined indicators (`zone_indicators`) month by month, newest first, for
/// its page: one query for the indicators, one for its values.
struct CustomFigures: Sendable {
    struct Indicator: Sendable {
        let id: Int
        let name: String
        let unit: String
        let isMoney: Bool
    }

    let indicators: [Indicator]
    /// Newest month first; a value per indicator, nil where none was reported.
    let months: [(period: String, values: [Int64?])]

    static func of(enterprise id: Int, months limit: Int = 12, on db: Database) async throws -> CustomFigures {
        let sql = db as! any SQLDatabase
        let indicators = try await sql.raw("SELECT id, name, unit, kind FROM zone_indicators WHERE active = \(bind: true) ORDER BY code").all().map {
            Indicator(id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self),
                      unit: try $0.decode(column: "unit", as: String.self), isMoney: try $0.decode(column: "kind", as: String.self) == "money")
        }
        guard !indicators.isEmpty else { return CustomFigures(indicators: [], months: []) }
        var byPeriod: [String: [Int: Int64]] = [:]
        for row in try await sql.raw("""
            SELECT indicator_id, period, value FROM enterprise_custom_figures WHERE enterprise_id = \(bind: id) ORDER BY period DESC
            """).all() {
            byPeriod[try row.decode(column: "period", as: String.self), default: [:]][try row.decode(column: "indicator_id", as: Int.self)] = try row.decode(column: "value", as: Int64.self)
        }
        let periods = byPeriod.keys.sorted(by: >).prefix(limit)
        return CustomFigures(indicators: indicators, months: periods.map { period in (period, indicators.map { byPeriod[period]?[$0.id] }) })
    }
}
