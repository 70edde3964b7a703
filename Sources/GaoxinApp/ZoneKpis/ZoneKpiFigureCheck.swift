import Fluent
import GaoxinDomain
import SQLKit

/// The batch checks of an indicator's yearly figure (a target or an entered value): one per
/// indicator and year, the number plausible in the indicator's unit (`KpiMeasure.problem`), and
/// for entered values an indicator that is entered, not computed.
struct ZoneKpiFigureCheck: Sendable {
    /// The decimal field (`target`, `value`) and the table the rows live in.
    let field: String
    let table: String
    let rowZh: String, rowEn: String
    let enteredOnly: Bool

    var checks: RegisterBatchCheck.Check {
        RegisterBatchCheck.all(RegisterOneRowPerYear(field: "kpiId", column: "kpi_id", table: table, nameColumn: "code",
                                                     ownerZh: "该指标", ownerEn: "This indicator", rowZh: rowZh, rowEn: rowEn).check,
                               check)
    }

    @Sendable func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        let ids = Set(items.compactMap { $0.values["kpiId"]?.integer })
        var indicators: [Int64: (name: String, measure: KpiMeasure?, source: ZoneKpiSource?)] = [:]
        for chunk in Array(ids).chunked(500) {
            for row in try await (db as! any SQLDatabase).raw("SELECT id, name, measure, source FROM zone_kpis WHERE id IN (\(binds: chunk))").all() {
                indicators[try row.decode(column: "id", as: Int64.self)] = (try row.decode(column: "name", as: String.self),
                                                                          KpiMeasure(rawValue: try row.decode(column: "measure", as: String.self)),
                                                                          ZoneKpiSource(rawValue: try row.decode(column: "source", as: String.self)))
            }
        }
        return items.map { item in
            var errors: [FieldError] = []
            guard let id = item.values["kpiId"]?.integer, let indicator = indicators[id] else { return errors }
            if enteredOnly, let source = indicator.source, source != .entered {
                errors.append(.invalid("kpiId", zh: "指标“\(indicator.name)”由系统按“\(source.zh)”计算，无需填报",
                                       en: "\(indicator.name) is computed (\(source.en)); it takes no entries"))
            }
            if let scaled = item.values[field]?.integer, let measure = indicator.measure,
               let problem = measure.problem(with: ScaledDecimal(scaled: scaled, places: 2).value) {
                let label = field == "target" ? "目标值" : "取值"
                errors.append(.invalid(field, zh: "\(label)：指标“\(indicator.name)”\(problem.zh)", en: "\(indicator.name) \(problem.en)"))
            }
            return errors
        }
    }
}
