import Fluent
import GaoxinDomain
import SQLKit

/// Where a zone indicator's value comes from: typed in (`entered`, a row of `zoneKpiValues`) or
/// computed from the registers by one SQL query, which the indicator page shows exactly as it runs
/// (its `:name` parameters are bound, never spliced). Each computed source fixes its unit and
/// whether it adds up over the year (a flow: talents introduced) or is read at a day (a stock:
/// valid high-tech enterprises), so an indicator declared over it must agree.
enum ZoneKpiSource: String, CaseIterable, Sendable {
    case entered
    case highTechEnterprises, littleGiants, aboveScaleEnterprises, aboveScaleRevenue, rdIntensity, patentsPerTenThousandEmployees
    case provincialPlatforms, talentsIntroduced, signedInvestment, majorProjectsSigned
    /// 省级以上孵化载体: incubators, accelerators and maker spaces of the parks register at national or provincial level.
    case provincialIncubators

    var zh: String {
        switch self {
        case .entered: return "填报"
        case .highTechEnterprises: return "有效高新技术企业数"
        case .littleGiants: return "专精特新“小巨人”企业数"
        case .aboveScaleEnterprises: return "规上企业数"
        case .aboveScaleRevenue: return "规上企业营业收入"
        case .rdIntensity: return "企业研发投入强度"
        case .patentsPerTenThousandEmployees: return "企业万人发明专利拥有量"
        case .provincialPlatforms: return "省级以上创新平台数"
        case .talentsIntroduced: return "引进人才数"
        case .signedInvestment: return "新签约项目总投资"
        case .majorProjectsSigned: return "新签约超10亿元项目数"
        case .provincialIncubators: return "省级以上孵化载体数"
        }
    }

    var en: String {
        switch self {
        case .entered: return "Entered"
        case .highTechEnterprises: return "Valid high-tech enterprises"
        case .littleGiants: return "“Little giant” enterprises"
        case .aboveScaleEnterprises: return "Above-scale enterprises"
        case .aboveScaleRevenue: return "Above-scale revenue"
        case .rdIntensity: return "R&D intensity"
        case .patentsPerTenThousandEmployees: return "Invention patents per 10k employees"
        case .provincialPlatforms: return "Provincial-level or higher platforms"
        case .talentsIntroduced: return "Talents introduced"
        case .signedInvestment: return "Signed investment"
        case .majorProjectsSigned: return "Projects over 1bn yuan signed"
        case .provincialIncubators: return "Provincial-level or higher incubators"
        }
    }

    /// The unit the computed value is in (nil: entered, the indicator says).
    var measure: KpiMeasure? {
        switch self {
        case .entered: return nil
        case .highTechEnterprises, .littleGiants, .aboveScaleEnterprises: return .firms
        case .aboveScaleRevenue, .signedInvestment: return .yi
        case .rdIntensity: return .percent
        case .patentsPerTenThousandEmployees: return .perTenThousand
        case .provincialPlatforms, .majorProjectsSigned, .provincialIncubators: return .items
        case .talentsIntroduced: return .persons
        }
    }

    /// Added up from 1 January (a flow), rather than read at a day (a stock).
    var cumulative: Bool? {
        switch self {
        case .entered: return nil
        case .aboveScaleRevenue, .talentsIntroduced, .signedInvestment, .majorProjectsSigned: return true
        default: return false
        }
    }

    /// The query (columns `a` and, for a ratio, `b`) with its parameters: `:asOf` the day read
    /// (31 December, or today within the year), `:yearStart`, `:firstMonth` and `:lastMonth`
    /// (the year's months up to `:asOf`).
    var sql: String? {
        switch self {
        case .entered: return nil
        case .highTechEnterprises, .littleGiants:
            return """
                SELECT COUNT(DISTINCT q.enterprise_id) AS a FROM enterprise_qualifications q JOIN enterprises e ON e.id = q.enterprise_id
                WHERE e.active AND q.kind = '\(self == .highTechEnterprises ? Qualification.highTech.rawValue : Qualification.littleGiant.rawValue)'
                  AND q.granted_on <= :asOf AND (q.expires_on IS NULL OR q.expires_on >= :asOf)
                """
        case .aboveScaleEnterprises:
            return """
                SELECT CAST(SUM(reports) AS BIGINT) AS a FROM monthly_figures
                WHERE above_scale AND active AND period = (SELECT MAX(period) FROM monthly_figures WHERE period BETWEEN :firstMonth AND :lastMonth)
                """
        case .aboveScaleRevenue:
            return "SELECT CAST(SUM(revenue) AS BIGINT) AS a FROM monthly_figures WHERE above_scale AND active AND period BETWEEN :firstMonth AND :lastMonth"
        case .rdIntensity:
            return "SELECT CAST(SUM(rd_expense) AS BIGINT) AS a, CAST(SUM(revenue) AS BIGINT) AS b FROM monthly_figures WHERE active AND period BETWEEN :firstMonth AND :lastMonth"
        case .patentsPerTenThousandEmployees:
            return """
                SELECT CAST(SUM(invention_patents) AS BIGINT) AS a, CAST(SUM(employees) AS BIGINT) AS b FROM monthly_figures
                WHERE active AND period = (SELECT MAX(period) FROM monthly_figures WHERE period BETWEEN :firstMonth AND :lastMonth)
                """
        case .provincialPlatforms:
            return "SELECT COUNT(*) AS a FROM platforms WHERE active AND level IN ('national', 'provincial') AND (recognized_on IS NULL OR recognized_on <= :asOf)"
        case .provincialIncubators:
            return """
                SELECT COUNT(*) AS a FROM parks WHERE active AND kind IN ('incubator', 'accelerator', 'makerspace')
                  AND level IN ('national', 'provincial') AND (recognized_on IS NULL OR recognized_on <= :asOf)
                """
        case .talentsIntroduced:
            return "SELECT COUNT(*) AS a FROM talents WHERE active AND introduced_on BETWEEN :yearStart AND :asOf"
        case .signedInvestment:
            return "SELECT CAST(SUM(total_investment) AS BIGINT) AS a FROM projects WHERE active AND signed_on BETWEEN :yearStart AND :asOf"
        case .majorProjectsSigned:
            return "SELECT COUNT(*) AS a FROM projects WHERE active AND total_investment >= 100000 AND signed_on BETWEEN :yearStart AND :asOf"
        }
    }

    /// How `a` and `b` make the value, as the page prints it beside the query.
    var formulaZh: String {
        switch self {
        case .aboveScaleRevenue, .signedInvestment: return "取值 = a ÷ 10000（万元折亿元）"
        case .rdIntensity: return "取值 = a ÷ b × 100（研发费用 ÷ 营业收入）"
        case .patentsPerTenThousandEmployees: return "取值 = a ÷ b × 10000（发明专利 ÷ 从业人员）"
        default: return "取值 = a"
        }
    }

    func value(a: Int64?, b: Int64?) -> Double? {
        guard let a else { return nil }
        switch self {
        case .aboveScaleRevenue, .signedInvestment: return Double(a) / 10_000
        case .rdIntensity: return b.flatMap { $0 > 0 ? Double(a) / Double($0) * 100 : nil }
        case .patentsPerTenThousandEmployees: return b.flatMap { $0 > 0 ? Double(a) / Double($0) * 10_000 : nil }
        default: return Double(a)
        }
    }

    /// The parameters of `year` read on `asOf` (a day inside the year).
    static func parameters(year: Int, asOf: CalendarDay) -> [(name: String, value: String)] {
        [("asOf", asOf.description), ("yearStart", "\(year)-01-01"), ("firstMonth", "\(year)-01"),
         ("lastMonth", "\(year)-" + (asOf.month < 10 ? "0" : "") + "\(asOf.month)")]
    }

    /// Runs the query with its parameters bound (names longest first, so `:yearStart` is not read as `:year`).
    func compute(year: Int, asOf: CalendarDay, on db: any SQLDatabase) async throws -> Double? {
        guard let sql else { return nil }
        let parameters = Self.parameters(year: year, asOf: asOf).sorted { $0.name.count > $1.name.count }
        var query = SQLQueryString("")
        var rest = Substring(sql)
        while let colon = rest.firstIndex(of: ":") {
            query.appendLiteral(String(rest[..<colon]))
            let after = rest[rest.index(after: colon)...]
            guard let parameter = parameters.first(where: { after.hasPrefix($0.name) }) else {
                query.appendLiteral(":")
                rest = after
                continue
            }
            query.appendInterpolation(bind: parameter.value)
            rest = after.dropFirst(parameter.name.count)
        }
        query.appendLiteral(String(rest))
        guard let row = try await db.raw(query).first() else { return nil }
        let a = try row.decodeNil(column: "a") ? nil : try row.decode(column: "a", as: Int64.self)
        let b = try row.contains(column: "b") && !row.decodeNil(column: "b") ? try row.decode(column: "b", as: Int64.self) : nil
        return value(a: a, b: b)
    }
}
