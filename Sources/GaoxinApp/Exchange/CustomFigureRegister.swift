import Fluent
import Foundation
import GaoxinDomain
import GaoxinSheets
import SQLKit

/// Import of zone-defined indicators' monthly values (`zone_indicators`): a row per enterprise,
/// month and indicator, the indicator named by its name or code. The enterprise must be
/// registered and the importer's to report for (as for the six built-in figures), the month not in
/// the future, the value a whole number (万元 for money). A value already stored is corrected; an
/// unchanged one is neither rewritten nor audited. Its export is this format. A CSV file is
/// streamed, a slice at a time in one transaction, as the built-in figures are: a province's
/// zone indicators are as many rows as its monthly figures.
struct CustomFigureRegister: SlicedImportRegister {
    let key = "custom-figures"
    let titleZh = "企业自定义指标"
    let titleEn = "Enterprise zone-indicator figures"
    let policy = Policies.enterprises
    let columns = [
        RegisterColumn(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", required: true, example: "91320214MA1XYU0003", note: "须为已登记企业"),
        RegisterColumn(key: "name", zh: "企业名称", en: "Name", required: false, example: "无锡芯测半导体有限公司", note: "仅供核对，不导入"),
        RegisterColumn(key: "period", zh: "月份", en: "Month", required: true, example: "2025-03", note: "YYYY-MM"),
        RegisterColumn(key: "indicator", zh: "指标", en: "Indicator", required: true, example: "专利授权数", note: "自定义指标的名称或代码"),
        RegisterColumn(key: "value", zh: "数值", en: "Value", required: true, example: "3", note: "整数；金额类指标单位为万元"),
    ]

    struct Item {
        let enterpriseID: Int
        let enterpriseName: String
        let indicator: ZoneIndicator
        let period: String
        let value: Int64
        /// The file's row, for a refusal found after the row checks (a closed month).
        var row = 0
    }

    struct ZoneIndicator {
        let id: Int
        let code: String
        let name: String
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        var seen = FirstRowByMonth()
        return try await plan(rows, on: context.db, actor: context.actor, now: context.clock.now(), seen: &seen).errors
    }

    /// A streamed file: each slice planned and written in the import's transaction; the
    /// enterprise, month and indicator of every row so far kept (compactly) to name a repeat.
    func slices(context: ImportContext) -> any ImportSlices {
        PlannedSlices(seen: FirstRowByMonth(), plan: { rows, tx, seen in
            try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), seen: &seen)
        }, write: { items, tx in
            try await CustomFigureBulkWriter.write(items, actor: context.actor, address: context.address, now: context.clock.now(), on: tx)
        })
    }

    /// `seen`: the first row of each enterprise's month of each indicator, in this slice and the
    /// file's slices before it.
    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, now: Date, seen: inout FirstRowByMonth) async throws -> (errors: [ImportRowError], items: [Item]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let existing = try await EnterpriseRegister.existing(codes: rows.compactMap { try? CreditCode.parse($0.value("creditCode")).get().value }, on: db)
        let indicators = try await Self.activeIndicators(on: db)
        var byText: [String: ZoneIndicator] = [:]
        for indicator in indicators { byText[indicator.name] = indicator; byText[indicator.code] = indicator }
        var errors: [ImportRowError] = []
        var items: [Item] = []
        let current = IndicatorWrites.currentPeriod(now)
        for row in rows {
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            let enterprise = EnterpriseRegister.rowEnterprise(row, in: existing, actor: actor, doing: "填报", fail: fail)
            var month = FieldValidator()
            let period = IndicatorWrites.checkMonth(row.value("period"), current: current, into: &month)
            for error in month.errors { fail("period", error.messageZh) }
            let named = row.value("indicator").trimming(.whitespaces)
            let indicator = byText[named]
            if indicator == nil { fail("indicator", named.isEmpty ? "请填写指标" : "找不到自定义指标“\(named)”（在“登记册 › 自定义指标”中定义）") }
            let raw = row.value("value").withoutThousandsCommas.trimming(.whitespaces)
            let value = Int64(raw)
            if raw.isEmpty { fail("value", "请填写数值") }
            else if value == nil { fail("value", Double(raw) != nil ? "应为整数（金额单位为万元，不带小数）" : "应为数字") }
            else if let value, value < 0 || value >= IndicatorWrites.moneyLimit { fail("value", value < 0 ? "不能为负数" : "数值过大，请确认单位") }
            if let enterprise, let period, let indicator, let value, rowErrors.isEmpty {
                if let first = seen.earlier(MonthOf(enterpriseID: enterprise.id, period: period), series: indicator.id, row: row.number) {
                    fail("indicator", "与第 \(first) 行是同一企业、同一月份、同一指标")
                } else {
                    items.append(Item(enterpriseID: enterprise.id, enterpriseName: enterprise.name, indicator: indicator, period: period.description, value: value,
                                      row: row.number))
                }
            }
            errors += rowErrors
        }
        errors += try await closedMonthChanges(items, column: labels["period"] ?? "月份", on: db)
        return (errors, items)
    }

    /// A closed month is frozen (SPEC §3) for these figures as for the six built-in ones: a row that
    /// would change a closed month's stored value is refused at its month; one equal to it passes,
    /// so an export imports back. These figures have no correction form of their own, so a
    /// correction waits for the office to reopen the month. One query per 500 enterprises.
    func closedMonthChanges(_ items: [Item], column: String, on db: Database) async throws -> [ImportRowError] {
        let closed = try await PeriodClose.closed(among: Set(items.map(\.period)), on: db)
        let frozen = items.filter { closed.contains($0.period) }
        guard !frozen.isEmpty else { return [] }
        let stored = try await CustomFigureBulkWriter.stored(of: frozen, periods: closed, on: db as! any SQLDatabase)
        return frozen.compactMap { item in
            let before = stored[CustomFigureBulkWriter.Key(item)]
            guard before != item.value else { return nil }
            return ImportRowError(row: item.row, column: column, value: item.period,
                                  reason: "\(item.period) 已关账：\(item.indicator.name)" + (before.map { "已报 \($0)，" } ?? "") + "不能再导入更改；如需更正，请集群办重新开账")
        }
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        var seen = FirstRowByMonth()
        let plan = try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), seen: &seen)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        return try await CustomFigureBulkWriter.write(plan.items, actor: context.actor, address: context.address, now: context.clock.now(), on: tx,
                                                      progress: { done, total in await context.report("writing", done, total) })
    }

    var exportsCurrentData: Bool { true }

    func currentData(period: String?, limit: Int, on db: Database) async throws -> [[SheetCell]] {
        let sql = db as! any SQLDatabase
        let filter: SQLQueryString = period.map { "WHERE f.period = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT e.credit_code, e.name, f.period, z.name AS indicator, f.value FROM enterprise_custom_figures f
            JOIN enterprises e ON e.id = f.enterprise_id JOIN zone_indicators z ON z.id = f.indicator_id \(filter)
            ORDER BY e.credit_code, f.period, z.code LIMIT \(bind: limit)
            """).all().map { row in
                [.text(try row.decode(column: "credit_code", as: String.self)), .text(try row.decode(column: "name", as: String.self)),
                 .text(try row.decode(column: "period", as: String.self)), .text(try row.decode(column: "indicator", as: String.self)),
                 .integer(try row.decode(column: "value", as: Int64.self))]
            }
    }

    /// The zone's active indicators in code order.
    static func activeIndicators(on db: Database) async throws -> [ZoneIndicator] {
        try await (db as! any SQLDatabase).raw("SELECT id, code, name FROM zone_indicators WHERE active = \(bind: true) ORDER BY code").all().map {
            ZoneIndicator(id: try $0.decode(column: "id", as: Int.self), code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
        }
    }
}
