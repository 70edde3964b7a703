import Fluent
import GaoxinSheets
import SQLKit
import Foundation
import GaoxinDomain

/// Import of enterprises' monthly figures: one row per enterprise and month. A month already
/// reported is replaced (a correction), and the audit log keeps the old figures.
struct IndicatorRegister: SlicedImportRegister {
    let key = "indicators"
    let titleZh = "企业月度指标"
    let titleEn = "Enterprise monthly figures"
    let policy = Policies.enterprises
    let columns: [RegisterColumn] = [
        RegisterColumn(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", required: true, example: "91320214MA1XYU0003", note: "须为已登记企业"),
        RegisterColumn(key: "name", zh: "企业名称", en: "Name", required: false, example: "无锡芯测半导体有限公司", note: "仅供核对，不导入"),
        RegisterColumn(key: "period", zh: "月份", en: "Month", required: true, example: "2025-03", note: "YYYY-MM"),
    ] + IndicatorWrites.figures.map { figure in
        RegisterColumn(key: figure.key, zh: figure.zh, en: figure.en, required: false, example: figure.isMoney ? "1250" : "36",
                       note: figure.isMoney ? "整数，单位万元；留空表示未填报" : "整数；留空表示未填报")
    }

    typealias Item = IndicatorBulkWriter.Item

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        var seen = FirstRowByMonth()
        return try await plan(rows, on: context.db, actor: context.actor, now: context.clock.now(), seen: &seen, context: context).errors
    }

    /// A streamed file: each slice planned and written in the import's transaction; the months
    /// seen so far are kept (compactly) to name a repeated one.
    func slices(context: ImportContext) -> any ImportSlices {
        PlannedSlices(seen: FirstRowByMonth(), plan: { rows, tx, seen in
            try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), seen: &seen, context: nil)
        }, write: { items, tx in
            try await IndicatorBulkWriter.write(items, actor: context.actor, address: context.address, now: context.clock.now(),
                                                summary: IndicatorRegister.summary, recentRevenueLater: true, on: tx, progress: { _, _ in })
        }, finish: { tx in
            try await StagedFigures.finish(on: tx as! any SQLDatabase)
        })
    }

    static let summary: @Sendable (String, Period) -> String = { name, period in "导入“\(name)” \(period) 指标" }

    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, now: Date, seen: inout FirstRowByMonth,
              context: ImportContext?) async throws -> (errors: [ImportRowError], items: [Item]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let existing = try await EnterpriseRegister.existing(codes: rows.compactMap { try? CreditCode.parse($0.value("creditCode")).get().value }, on: db)
        var errors: [ImportRowError] = []
        var items: [Item] = []
        items.reserveCapacity(rows.count)
        // The file's figure columns, the same for every row: one set shared by all items.
        let presentFigures = rows.first.map { first in Set(IndicatorWrites.figures.map(\.key).filter(first.has)) } ?? []
        var itemRows: [Int] = []
        let current = IndicatorWrites.currentPeriod(now)
        for (index, row) in rows.enumerated() {
            if index % 500 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            let enterprise = EnterpriseRegister.rowEnterprise(row, in: existing, actor: actor, doing: "填报", fail: fail)
            var input = IndicatorInput()
            func whole<T: FixedWidthInteger>(_ key: String) -> T? {
                let raw = row.value(key).withoutThousandsCommas
                if raw.isEmpty { return nil }
                if let value = T(raw) { return value }
                fail(key, Double(raw) != nil ? "应为整数（金额单位为万元，不带小数）" : "应为数字")
                return nil
            }
            input.revenue = whole("revenue")
            input.outputValue = whole("outputValue")
            input.tax = whole("tax")
            input.rdExpense = whole("rdExpense")
            input.employees = whole("employees")
            input.inventionPatents = whole("inventionPatents")
            var v = FieldValidator()
            let period = IndicatorWrites.check(period: row.value("period"), input, current: current, into: &v)
            let parsedFields = Set(rowErrors.map(\.column))
            for error in v.errors {
                let column = labels[error.field] ?? error.field
                // "Fill in at least one figure" is only news when no figure failed to parse.
                if error.field == "revenue", input.isEmpty, !rowErrors.isEmpty { continue }
                if !parsedFields.contains(column) { fail(error.field, error.messageZh) }
            }
            if let enterprise, let period {
                let key = MonthOf(enterpriseID: enterprise.id, period: period)
                if let first = seen.earlier(key, row: row.number) { fail("period", "与第 \(first) 行是同一企业同一月份") }
                if rowErrors.isEmpty {
                    items.append(Item(enterpriseID: enterprise.id, period: period, input: input,
                                      presentFigures: presentFigures))
                    itemRows.append(row.number)
                }
            }
            errors += rowErrors
        }
        errors += try await closedMonthChanges(items, rows: itemRows, on: db)
        return (errors, items)
    }

    /// Rows that would change a closed month's figures: such a correction is made on the
    /// enterprise page with its reason, not by a file. A row equal to what is stored passes, so an
    /// export imports back. Stored months are read in one query per 500 enterprises.
    func closedMonthChanges(_ items: [Item], rows: [Int], on db: Database) async throws -> [ImportRowError] {
        let closed = try await PeriodClose.closed(among: Set(items.map(\.period.description)), on: db)
        let inClosed = items.indices.filter { closed.contains(items[$0].period.description) }
        guard !inClosed.isEmpty else { return [] }
        var stored: [String: IndicatorDTO] = [:]
        for chunk in Array(Set(inClosed.map { items[$0].enterpriseID })).chunked(500) {
            for row in try await EnterpriseIndicator.query(on: db).filter(\.$enterpriseID ~~ chunk).filter(\.$period ~~ Array(closed)).all() {
                stored["\(row.enterpriseID)|\(row.period)"] = IndicatorDTO(row)
            }
        }
        return inClosed.compactMap { index in
            let item = items[index]
            if let current = stored["\(item.enterpriseID)|\(item.period)"],
               IndicatorWrites.keeping(item.input, over: current, given: item.presentFigures) == IndicatorWrites.keeping(IndicatorInput(), over: current, given: []) {
                return nil
            }
            return ImportRowError(row: rows[index], column: "月份", value: item.period.description,
                                  reason: "\(item.period) 已关账：更正已关账月份的数据须在企业页面逐条填写更正原因，不能导入")
        }
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        var seen = FirstRowByMonth()
        let plan = try await plan(rows, on: tx, actor: context.actor, now: context.clock.now(), seen: &seen, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        // Unchanged months are neither rewritten nor audited, nor counted.
        let written = try await IndicatorBulkWriter.write(
            plan.items,
            actor: context.actor, address: context.address, now: context.clock.now(),
            summary: Self.summary, on: tx,
            progress: { done, total in await context.report("writing", done, total) })
        return written
    }

    var exportsCurrentData: Bool { true }

    /// Every stored month (or one month), under the template's columns, by credit code and month.
    func currentData(period: String?, limit: Int, on db: Database) async throws -> [[SheetCell]] {
        struct Row: Decodable {
            var creditCode: String; var name: String; var period: String
            var revenue: Int64?; var outputValue: Int64?; var tax: Int64?; var rdExpense: Int64?; var employees: Int64?; var inventionPatents: Int64?
        }
        let query = (db as! any SQLDatabase).select()
            .column(SQLRaw("e.credit_code AS credit_code")).column(SQLRaw("e.name AS name")).column(SQLRaw("i.period AS period"))
            .column(SQLRaw("i.revenue AS revenue")).column(SQLRaw("i.output_value AS output_value")).column(SQLRaw("i.tax AS tax"))
            .column(SQLRaw("i.rd_expense AS rd_expense")).column(SQLRaw("i.employees AS employees"))
            .column(SQLRaw("i.invention_patents AS invention_patents"))
            .from(SQLRaw("enterprise_indicators i JOIN enterprises e ON e.id = i.enterprise_id"))
        if let period { query.where(SQLColumn("period", table: "i"), .equal, SQLBind(period)) }
        let rows = try await query.orderBy(SQLColumn("credit_code", table: "e")).orderBy(SQLColumn("period", table: "i"))
            .limit(limit).all(decoding: Row.self, with: ListRunner.decoder)
        func figure(_ value: Int64?) -> SheetCell { value.map { .integer($0) } ?? .empty }
        return rows.map { row in
            [.text(row.creditCode), .text(row.name), .text(row.period), figure(row.revenue), figure(row.outputValue), figure(row.tax),
             figure(row.rdExpense), figure(row.employees), figure(row.inventionPatents)]
        }
    }
}

/// One enterprise's month, the key of a figures row (a file may give it once).
struct MonthOf: Hashable {
    let enterpriseID: Int
    let period: Period
}
