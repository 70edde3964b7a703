import Fluent
import Foundation
import SQLKit

/// Writes many zone-indicator values (`enterprise_custom_figures`) in one transaction, as
/// `IndicatorBulkWriter` writes the built-in figures: the stored values of the items' enterprises
/// read 500 enterprises a query (only the items' months and indicators), unchanged values dropped,
/// the rest upserted in multi-row statements. A changed value is audited before → after, as an
/// edit is; a value given for the first time is the import's own audit row's (who, when, the
/// file's checksum and counts), as a new month of figures is — a row each would double a
/// province's largest table. Row by row (an upsert and an audit insert a value) it was the one
/// figures import still writing at form speed.
enum CustomFigureBulkWriter {
    /// A stored value's identity: an enterprise's month of an indicator.
    struct Key: Hashable {
        let enterpriseID: Int
        let indicatorID: Int
        let period: String
    }

    /// Rows a statement: 5 values each, far below both engines' limits on bound parameters.
    static let chunkSize = 500

    /// The stored values of `items`' enterprises in `periods` (of `items`' indicators): one query
    /// per 500 enterprises.
    static func stored(of items: [CustomFigureRegister.Item], periods: Set<String>, on sql: any SQLDatabase) async throws -> [Key: Int64] {
        let periods = periods.sorted(), indicators = Array(Set(items.map(\.indicator.id))).sorted()
        var stored: [Key: Int64] = [:]
        guard !periods.isEmpty, !indicators.isEmpty else { return stored }
        for ids in Array(Set(items.map(\.enterpriseID))).sorted().chunked(chunkSize) {
            for row in try await sql.raw("""
                SELECT enterprise_id, indicator_id, period, value FROM enterprise_custom_figures
                WHERE enterprise_id IN (\(binds: ids)) AND period IN (\(binds: periods)) AND indicator_id IN (\(binds: indicators))
                """).all() {
                let key = Key(enterpriseID: try row.decode(column: "enterprise_id", as: Int.self), indicatorID: try row.decode(column: "indicator_id", as: Int.self),
                              period: try row.decode(column: "period", as: String.self))
                stored[key] = try row.decode(column: "value", as: Int64.self)
            }
        }
        return stored
    }

    /// Returns how many values were inserted or changed.
    static func write(_ items: [CustomFigureRegister.Item], actor: Actor?, address: String?, now: Date, on tx: any Database,
                      progress: (Int, Int) async -> Void = { _, _ in }) async throws -> Int {
        guard !items.isEmpty else { return 0 }
        let sql = tx as! any SQLDatabase
        let stored = try await stored(of: items, periods: Set(items.map(\.period)), on: sql)
        let changes: [(item: CustomFigureRegister.Item, before: Int64?)] = items.compactMap { item in
            let before = stored[Key(item)]
            return before == item.value ? nil : (item, before)
        }
        for (index, chunk) in changes.chunked(chunkSize).enumerated() {
            let insert = sql.insert(into: "enterprise_custom_figures").columns("enterprise_id", "indicator_id", "period", "value", "updated_at")
            for change in chunk {
                insert.values(SQLBind(change.item.enterpriseID), SQLBind(change.item.indicator.id), SQLBind(change.item.period),
                              SQLBind(change.item.value), SQLBind(now))
            }
            try await insert.onConflict(with: ["enterprise_id", "indicator_id", "period"]) {
                $0.set(excludedValueOf: "value").set(excludedValueOf: "updated_at")
            }.run()
            await progress(min(changes.count, (index + 1) * chunkSize), changes.count)
        }
        let corrections = changes.compactMap { change in change.before.map { (item: change.item, before: $0) } }
        for chunk in corrections.chunked(chunkSize) {
            try await AuditLog.insert(chunk.map { correction in
                let item = correction.item
                return AuditLog.entry(at: now, actor: actor, address: address, action: .update, entity: "enterprise_custom_figure",
                                      entityID: "\(item.enterpriseID)|\(item.indicator.id)|\(item.period)",
                                      summary: "导入“\(item.enterpriseName)” \(item.period) \(item.indicator.name)",
                                      before: ["value": correction.before], after: ["value": item.value])
            }, on: tx)
        }
        return changes.count
    }
}

extension CustomFigureBulkWriter.Key {
    init(_ item: CustomFigureRegister.Item) {
        self.init(enterpriseID: item.enterpriseID, indicatorID: item.indicator.id, period: item.period)
    }
}
