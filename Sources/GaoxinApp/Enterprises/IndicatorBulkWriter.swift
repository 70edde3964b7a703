import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Writes many months of figures in one transaction: the rows already stored are read in chunks,
/// unchanged months dropped, and the changed and new ones written as a set (`StagedFigures`: one
/// upsert and one grouped statement per roll-up); corrections are audited in multi-row inserts.
/// Row by row, a 30,000-row import held SQLite's single connection for most of a minute and
/// every other request timed out behind it.
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
    /// `recentRevenueLater`: a file's slice, whose enterprises' twelve-month revenue the import
    /// recomputes once after its last slice (`StagedFigures.finish`).
    static func write(_ items: [Item], actor: Actor?, address: String?, now: Date, summary: (String, Period) -> String,
                      recentRevenueLater: Bool = false, on tx: any Database, progress: (Int, Int) async -> Void) async throws -> Int {
        let sql = tx as! any SQLDatabase
        let enterpriseIDs = Array(Set(items.map(\.enterpriseID))).sorted()
        var stored: [MonthOf: IndicatorDTO] = [:]
        // Only the items' months: a streamed file's slice would otherwise read every month the
        // slices before it wrote for the same enterprises (a quadratic read over the file).
        let periods = Array(Set(items.map(\.period.description))).sorted()
        // Read with SQLKit, not Fluent: a correction file's stored months went through Fluent's
        // property reflection, a quarter of its time.
        for start in stride(from: 0, to: enterpriseIDs.count, by: chunkSize) {
            let ids = Array(enterpriseIDs[start..<min(start + chunkSize, enterpriseIDs.count)])
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
        try await StagedFigures.write(changes.map { .init(enterpriseID: $0.item.enterpriseID, period: $0.item.period.description, input: $0.item.input) },
                                      now: now, recentRevenueLater: recentRevenueLater, on: sql)
        // A month a file reports for the first time is audited by the import's own row (who,
        // when, the file's checksum and counts) and is the row itself; a month it changes keeps
        // its before → after here, as an edit does. (A row per new month would be 36,000,000
        // audit rows for a province's three years, larger than the figures.)
        let corrections = changes.filter { $0.before != nil }
        let newMonths = changes.count - corrections.count
        await progress(newMonths, changes.count)
        var names: [Int: String] = [:]
        for ids in Array(Set(corrections.map(\.item.enterpriseID))).sorted().chunked(chunkSize) {
            for row in try await sql.select().columns("id", "name").from(Enterprise.schema).where("id", .in, SQLBind.group(ids)).all() {
                names[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        for start in stride(from: 0, to: corrections.count, by: chunkSize) {
            let chunk = corrections[start..<min(start + chunkSize, corrections.count)]
            let entries = chunk.map { change in
                AuditLog.entry(at: now, actor: actor, address: address, action: .update,
                               entity: "enterprise_indicator", entityID: "\(change.item.enterpriseID)/\(change.item.period)",
                               summary: summary(names[change.item.enterpriseID] ?? "#\(change.item.enterpriseID)", change.item.period),
                               before: change.before, after: change.after)
            }
            try await AuditLog.insert(entries, on: tx)
            await progress(newMonths + start + chunk.count, changes.count)
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
