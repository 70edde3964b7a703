import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// One enterprise's figures for one month: checked, then inserted or replaced with an audit record.
enum IndicatorWrites {
    /// 10¹² 万元 is far beyond any enterprise; larger numbers are typing errors (or unit mix-ups).
    static let moneyLimit: Int64 = 1_000_000_000_000
    static let countLimit = 10_000_000

    struct Figure {
        let key: String
        let zh: String
        let en: String
        let isMoney: Bool
    }

    static let figures = [
        Figure(key: "revenue", zh: "营业收入（万元）", en: "Revenue (10k yuan)", isMoney: true),
        Figure(key: "outputValue", zh: "工业产值（万元）", en: "Output value (10k yuan)", isMoney: true),
        Figure(key: "tax", zh: "税收（万元）", en: "Tax (10k yuan)", isMoney: true),
        Figure(key: "rdExpense", zh: "研发费用（万元）", en: "R&D expense (10k yuan)", isMoney: true),
        Figure(key: "employees", zh: "从业人员（人）", en: "Employees", isMoney: false),
        Figure(key: "inventionPatents", zh: "发明专利（件）", en: "Invention patents", isMoney: false),
    ]

    /// Checks the period (not after the current month) and every figure (whole, not negative, in range).
    /// A month someone reports figures for (an enterprise's, a cluster's, a zone indicator's):
    /// given, `YYYY-MM`, not in the future, not before 1990. Failures go to `v` at `period`.
    static func checkMonth(_ rawPeriod: String, now: Date, into v: inout FieldValidator) -> Period? {
        checkMonth(rawPeriod, current: currentPeriod(now), into: &v)
    }

    /// `current`: this month, worked out once for a file's rows (a calendar per row was 1 % of an import).
    static func checkMonth(_ rawPeriod: String, current: Period, into v: inout FieldValidator) -> Period? {
        let period = Period(rawPeriod)
        if period == nil, rawPeriod.trimmingCharacters(in: .whitespaces).isEmpty {
            v.add(.required("period", label: "月份", labelEn: "Month"))
        } else if period == nil {
            v.add(.invalid("period", zh: "月份“\(rawPeriod)”格式不对，应为 YYYY-MM，如 2025-03", en: "Month should be YYYY-MM"))
        } else if let period, period > current {
            v.add(.invalid("period", zh: "不能填报未来月份 \(period)", en: "Month \(period) is in the future"))
        } else if let period, period.year < 1990 {
            v.add(.invalid("period", zh: "月份不能早于 1990 年（\(period)）", en: "Month \(period) is before 1990"))
        }
        return period
    }

    static func check(period rawPeriod: String, _ input: IndicatorInput, now: Date, into v: inout FieldValidator) -> Period? {
        check(period: rawPeriod, input, current: currentPeriod(now), into: &v)
    }

    static func check(period rawPeriod: String, _ input: IndicatorInput, current: Period, into v: inout FieldValidator) -> Period? {
        let period = checkMonth(rawPeriod, current: current, into: &v)
        let money: [(String, Int64?)] = [("revenue", input.revenue), ("outputValue", input.outputValue), ("tax", input.tax), ("rdExpense", input.rdExpense)]
        for (key, value) in money {
            guard let value, let figure = figures.first(where: { $0.key == key }) else { continue }
            v.check(value >= 0, .invalid(key, zh: "\(figure.zh)不能为负数", en: "\(figure.en) cannot be negative"))
            v.check(value < moneyLimit, .invalid(key, zh: "\(figure.zh)数值过大，请确认单位为万元", en: "\(figure.en) is too large (10k yuan?)"))
        }
        for (key, value) in [("employees", input.employees), ("inventionPatents", input.inventionPatents)] {
            guard let value, let figure = figures.first(where: { $0.key == key }) else { continue }
            v.check((0..<countLimit).contains(value), .invalid(key, zh: "\(figure.zh)应为 0 到 \(countLimit) 之间的整数", en: "\(figure.en) out of range"))
        }
        v.check(!input.isEmpty, .invalid("revenue", zh: "请至少填写一项指标", en: "Fill in at least one figure"))
        return period
    }

    static func currentPeriod(_ now: Date) -> Period {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DisplayFormat.zone
        let parts = calendar.dateComponents([.year, .month], from: now)
        return Period(year: parts.year!, month: parts.month!)!
    }

    /// The figures named in `given` from the input, the others from the stored month.
    static func keeping(_ input: IndicatorInput, over stored: IndicatorDTO, given: Set<String>) -> IndicatorInput {
        var merged = input
        if !given.contains("revenue") { merged.revenue = stored.revenue }
        if !given.contains("outputValue") { merged.outputValue = stored.outputValue }
        if !given.contains("tax") { merged.tax = stored.tax }
        if !given.contains("rdExpense") { merged.rdExpense = stored.rdExpense }
        if !given.contains("employees") { merged.employees = stored.employees }
        if !given.contains("inventionPatents") { merged.inventionPatents = stored.inventionPatents }
        return merged
    }

    /// The figures an input fills in (what a form with empty fields means to change).
    static func filled(_ input: IndicatorInput) -> Set<String> {
        let values: [(String, Bool)] = [("revenue", input.revenue != nil), ("outputValue", input.outputValue != nil), ("tax", input.tax != nil),
                                        ("rdExpense", input.rdExpense != nil), ("employees", input.employees != nil),
                                        ("inventionPatents", input.inventionPatents != nil)]
        return Set(values.filter(\.1).map(\.0))
    }

    static func apply(_ input: IndicatorInput, to row: EnterpriseIndicator) {
        row.revenue = input.revenue
        row.outputValue = input.outputValue
        row.tax = input.tax
        row.rdExpense = input.rdExpense
        row.employees = input.employees
        row.inventionPatents = input.inventionPatents
    }

    /// Inserts or replaces the month; returns the stored row.
    static func put(_ enterprise: Enterprise, period rawPeriod: String, _ input: IndicatorInput, _ req: Request) async throws -> EnterpriseIndicator {
        let actor = try req.requireActor()
        try await EnterpriseQueries.requireOwnership(enterprise, actor: actor, on: req.db)
        var v = FieldValidator()
        let period = check(period: rawPeriod, input, now: req.now, into: &v)
        try v.throwIfInvalid()
        // A closed month takes a correction only with its reason, kept as restatements.
        let reason = try await PeriodClose.restatementReason(period!, given: input.restatementReason, on: req.db)
        return try await req.db.transaction { tx in
            try await upsert(enterprise, period: period!, input, on: tx) { before, after in
                try await AuditLog.record(req, on: tx, action: before == nil ? .create : .update, entity: "enterprise_indicator",
                                          entityID: "\(enterprise.id!)/\(period!)",
                                          summary: "填报“\(enterprise.name)” \(period!) 指标" + (reason.map { "（更正已关账月份：\($0)）" } ?? ""),
                                          before: before, after: after)
                if let reason {
                    try await PeriodClose.restate(month: period!, entity: "enterprise_indicator", entityID: "\(enterprise.id!)/\(period!)", subject: enterprise.name,
                                                  changes: changes(before, after), reason: reason, actor: try req.requireActor(), now: req.now, on: tx)
                }
            }
        }
    }

    /// Each figure's value before and after, labelled, for restatements.
    static func changes(_ before: IndicatorDTO?, _ after: IndicatorDTO) -> [(figure: String, old: Int64?, new: Int64?)] {
        let values: (IndicatorDTO?) -> [Int64?] = { row in
            [row?.revenue, row?.outputValue, row?.tax, row?.rdExpense, row?.employees.map(Int64.init), row?.inventionPatents.map(Int64.init)]
        }
        return zip(figures, zip(values(before), values(after))).map { (figure: $0.zh, old: $1.0, new: $1.1) }
    }

    /// Writes one month inside the caller's transaction and hands before/after to `audit`.
    static func upsert(_ enterprise: Enterprise, period: Period, _ input: IndicatorInput, on tx: Database,
                       audit: (IndicatorDTO?, IndicatorDTO) async throws -> Void) async throws -> EnterpriseIndicator {
        let existing = try await EnterpriseIndicator.query(on: tx).filter(\.$enterpriseID == enterprise.id!)
            .filter(\.$period == period.description).first()
        let row = existing ?? EnterpriseIndicator()
        let before = existing.map(IndicatorDTO.init)
        row.enterpriseID = enterprise.id!
        row.period = period.description
        apply(input, to: row)
        try await row.save(on: tx)
        try await audit(before, IndicatorDTO(row))
        return row
    }
}
