import Fluent
import Foundation
import SQLKit

/// A declared register's imported records written in bulk: what `RegisterStore.insert` and
/// `update` write for one record, for a slice of a file at once. New records go in by multi-row
/// `INSERT … RETURNING`, their several-valued references in multi-row statements, their search
/// postings staged and filed in one sorted pass; changed records are updated one by one (a refresh
/// file changes few); every written record is read back in batches for its audit row (before →
/// after), and the audit rows go in multi-row statements. Row by row, 20,000 leads took 68 s —
/// eight statements and a Fluent save a record (BENCHMARKS.md, "Declared registers imported in bulk").
enum RegisterBulkWriter {
    /// Records read back, audited and let go at a time.
    static let auditEvery = 5_000

    /// Writes the checked items (unchanged ones are skipped) and returns how many records were
    /// created or changed. `secrets`: the prepared rows holding secrets' hashes, by row number.
    static func write(_ declaration: RegisterDeclaration, _ items: [RegisterImport.Item], secrets: [Int: ImportRow] = [:],
                      context: ImportContext, on tx: any Database) async throws -> Int {
        let sql = tx as! any SQLDatabase
        let now = context.clock.now()
        var creates: [RegisterValues] = []
        var updates: [RegisterImport.Item] = []
        for item in items {
            if let existing = item.existing {
                if existing.values != item.values { updates.append(item) }
            } else {
                var values = item.values
                try RegisterSecrets.take(&values, from: secrets[item.row], declaration)
                creates.append(values)
            }
        }
        let total = creates.count + updates.count
        var created: [Int] = []
        if declaration.tree == nil {
            created = try await insert(declaration, creates, now: now, on: sql)
        } else {
            // A tree record's path and key come from its parent's, placed one at a time under the tree lock.
            for values in creates { created.append(try await RegisterStore.insert(declaration, values, now: now, on: tx)) }
        }
        for item in updates {
            try await RegisterStore.update(declaration, id: item.existing!.id, item.values, now: now, on: tx)
        }
        let written = created.map { (id: $0, before: RegisterRecord?.none) } + updates.map { (id: $0.existing!.id, before: $0.existing) }
        var done = 0
        for chunk in written.chunked(auditEvery) {
            let after = Dictionary(try await RegisterStore.load(declaration, ids: chunk.map(\.id), on: tx).map { ($0.id, $0) },
                                   uniquingKeysWith: { first, _ in first })
            var entries: [AuditEntry] = []
            for (id, before) in chunk {
                guard let record = after[id] else { throw AppError.internalError }
                try await declaration.afterWrite?(before, record, now, tx)
                let entry = AuditLog.entry(at: now, actor: context.actor, address: context.address, action: before == nil ? .create : .update,
                                           entity: declaration.entity, entityID: "\(id)",
                                           summary: (before == nil ? "导入\(declaration.titleZh)“" : "导入更新\(declaration.titleZh)“") + RegisterWrites.name(declaration, record) + "”",
                                           before: before.map { RegisterDTO(declaration: declaration, record: $0.forAudit) },
                                           after: RegisterDTO(declaration: declaration, record: record.forAudit))
                // As `AuditLog.record`: an update whose snapshot did not change is not a change to record.
                if before != nil, entry.beforeJSON == entry.afterJSON { continue }
                entries.append(entry)
            }
            try await AuditLog.insert(entries, on: tx)
            done += chunk.count
            await context.report("writing", done, total)
        }
        return total
    }

    /// New records of a register without a tree, in the order given: rows by multi-row
    /// statements, each id found again by the record's import key (the order of `RETURNING` is
    /// not promised); references and search postings after them. Returns their ids.
    static func insert(_ declaration: RegisterDeclaration, _ creates: [RegisterValues], now: Date, on sql: any SQLDatabase) async throws -> [Int] {
        guard !creates.isEmpty else { return [] }
        let columns = RegisterStore.insertedColumns(declaration)
        let keyField = declaration.field(declaration.importKey)!
        // Parameters a statement: at most 30,000 (SQLite allows 32,766, PostgreSQL 65,535).
        let insertion = BulkInsert(into: declaration.table, columns: columns, rowsPerStatement: 500)
        let perStatement = insertion.rowsPerStatement
        let postings = SearchPostingsLoad(sql: sql)
        try await postings.beginAppend()
        var ids: [Int] = []
        ids.reserveCapacity(creates.count)
        for chunk in creates.chunked(perStatement) {
            let stamped = chunk.map { RegisterStore.stamped(declaration, $0, now: now) }
            let sortKeys = stamped.map { RegisterStore.sortKey(declaration, $0) }
            let keys = stamped.map { $0[keyField.key]?.uniqueKey }
            let distinct = Set(keys.compactMap { $0 })
            var chunkIDs: [Int] = []
            if distinct.count == keys.count {
                var rows: [BulkValue] = []
                rows.reserveCapacity(chunk.count * columns.count)
                for (values, sortKey) in zip(stamped, sortKeys) { RegisterStore.appendInsertedRow(declaration, values, sortKey: sortKey, now: now, to: &rows) }
                var byKey: [String: Int] = [:]
                for row in try await insertion.run(rows, returning: ["id", keyField.column], on: sql) {
                    guard let key = try storedKey(row, keyField) else { throw AppError.internalError }
                    byKey[key] = try row.int("id")
                }
                chunkIDs = try keys.map { key in
                    guard let key, let id = byKey[key] else { throw AppError.internalError }
                    return id
                }
            } else {
                // Rows the key does not tell apart (an empty or repeated key): a statement each.
                for (values, sortKey) in zip(stamped, sortKeys) {
                    guard let id = try await sql.insert(into: declaration.table).columns(columns)
                        .values(RegisterStore.insertedValues(declaration, values, sortKey: sortKey, now: now)).returning("id").first(decodingColumn: "id", as: Int.self)
                    else { throw AppError.internalError }
                    chunkIDs.append(id)
                }
            }
            try await RegisterStore.insertLinks(declaration, Array(zip(chunkIDs, stamped)), on: sql)
            try await postings.add(declaration.table, chunkIDs.indices.map { RegisterStore.filing(declaration, id: chunkIDs[$0], stamped[$0], sortKey: sortKeys[$0]) })
            ids += chunkIDs
        }
        try await postings.finishAppend()
        return ids
    }

    /// The import key as `RETURNING` gives it back, compared as `RegisterValue.uniqueKey` does:
    /// a text, or a reference's id as text.
    private static func storedKey(_ row: any RowValues, _ field: RegisterField) throws -> String? {
        switch field.kind {
        case .money, .area, .integer, .decimal, .reference: return try row.optionalInt64(field.column).map(String.init)
        default: return try row.optionalString(field.column)
        }
    }
}
