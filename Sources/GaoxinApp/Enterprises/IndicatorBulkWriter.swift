import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Writes many months of figures in one transaction with a few statements per few hundred rows:
/// the rows already stored are read in chunks, changed and new months go in as one multi-row
/// `INSERT … ON CONFLICT (enterprise_id, period) DO UPDATE`, and their audit entries as one
/// multi-row insert. Row by row, a 30,000-row import held SQLite's single connection for most of
/// a minute and every other request timed out behind it.
enum IndicatorBulkWriter {
    struct Item {
        var enterpriseID: Int
        var period: Period
        var input: IndicatorInput
        /// Figures the file has a column for; a stored month keeps the others.
        var presentFigures: Set<String>
    }

    /// A stored month as the writer reads it.
    struct StoredMonth: Decodable {
        let enterpriseId: Int
        let period: String
        let revenue, outputValue, tax, rdExpense, employees, inventionPatents: Int64?
    }

    static let storedColumns = ["enterprise_id", "period", "revenue", "output_value", "tax", "rd_expense", "employees", "invention_patents"]

    /// Rows per statement: 9 values each stays far below both engines' limits on bound parameters.
    static let chunkSize = 500

    /// Returns how many months were inserted or changed (unchanged months are neither written nor audited).
    static func write(_ items: [Item], actor: Actor?, address: String?, now: Date, summary: (String, Period) -> String,
                      on tx: any Database, progress: (Int, Int) async -> Void) async throws -> Int {
        let sql = tx as! any SQLDatabase
        let enterpriseIDs = Array(Set(items.map(\.enterpriseID))).sorted()
        var names: [Int: String] = [:]
        var stored: [MonthOf: IndicatorDTO] = [:]
        // Only the items' months: a streamed file's slice would otherwise read every month the
        // slices before it wrote for the same enterprises (a quadratic read over the file).
        let periods = Array(Set(items.map(\.period.description))).sorted()
        // Read with SQLKit, not Fluent: a correction file's stored months went through Fluent's
        // property reflection, a quarter of its time.
        for start in stride(from: 0, to: enterpriseIDs.count, by: chunkSize) {
            let ids = Array(enterpriseIDs[start..<min(start + chunkSize, enterpriseIDs.count)])
            for row in try await sql.select().columns("id", "name").from(Enterprise.schema).where("id", .in, SQLBind.group(ids)).all() {
                names[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self)
            }
            for row in try await sql.select().columns(storedColumns).from(EnterpriseIndicator.schema)
                .where("enterprise_id", .in, SQLBind.group(ids)).where("period", .in, SQLBind.group(periods))
                .all(decoding: StoredMonth.self, with: ListRunner.decoder) {
                guard let period = Period(row.period) else { continue }
                stored[MonthOf(enterpriseID: row.enterpriseId, period: period)] = IndicatorDTO(
                    enterpriseId: row.enterpriseId, period: row.period,
                    IndicatorInput(revenue: row.revenue, outputValue: row.outputValue, tax: row.tax, rdExpense: row.rdExpense,
                                   employees: row.employees.map(Int.init), inventionPatents: row.inventionPatents.map(Int.init)))
            }
        }
        var changes: [(item: Item, before: IndicatorDTO?, after: IndicatorDTO)] = []
        changes.reserveCapacity(items.count)
        for var item in items {
            let before = stored[MonthOf(enterpriseID: item.enterpriseID, period: item.period)]
            if let before { item.input = IndicatorWrites.keeping(item.input, over: before, given: item.presentFigures) }
            let after = IndicatorDTO(enterpriseId: item.enterpriseID, period: item.period.description, item.input)
            if before != after { changes.append((item, before, after)) }
        }
        for start in stride(from: 0, to: changes.count, by: chunkSize) {
            let chunk = changes[start..<min(start + chunkSize, changes.count)]
            var insert = sql.insert(into: EnterpriseIndicator.schema)
                .columns("enterprise_id", "period", "revenue", "output_value", "tax", "rd_expense", "employees", "invention_patents", "updated_at")
            for change in chunk {
                let input = change.item.input
                insert = insert.values(SQLBind(change.item.enterpriseID), SQLBind(change.item.period.description), SQLBind(input.revenue),
                                       SQLBind(input.outputValue), SQLBind(input.tax), SQLBind(input.rdExpense),
                                       SQLBind(input.employees.map(Int64.init)), SQLBind(input.inventionPatents.map(Int64.init)), SQLBind(now))
            }
            try await insert.onConflict(with: ["enterprise_id", "period"]) { conflict in
                ["revenue", "output_value", "tax", "rd_expense", "employees", "invention_patents", "updated_at"]
                    .reduce(conflict) { $0.set(excludedValueOf: $1) }
            }.run()
            let entries = chunk.map { change in
                AuditLog.entry(at: now, actor: actor, address: address, action: change.before == nil ? .create : .update,
                               entity: "enterprise_indicator", entityID: "\(change.item.enterpriseID)/\(change.item.period)",
                               summary: summary(names[change.item.enterpriseID] ?? "#\(change.item.enterpriseID)", change.item.period),
                               before: change.before, after: change.after)
            }
            try await AuditLog.insert(entries, on: tx)
            await progress(start + chunk.count, changes.count)
        }
        return changes.count
    }
}

extension IndicatorDTO {
    init(enterpriseId: Int, period: String, _ input: IndicatorInput) {
        self.enterpriseId = enterpriseId
        self.period = period
        revenue = input.revenue
        outputValue = input.outputValue
        tax = input.tax
        rdExpense = input.rdExpense
        employees = input.employees
        inventionPatents = input.inventionPatents
    }
}
