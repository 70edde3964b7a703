import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// An import's enterprises written in multi-row statements, not one Fluent save per row: new ones
/// by `INSERT … RETURNING id` in chunks, changed ones by one plain `UPDATE` each (a refresh file
/// changes few), unchanged ones not at all. What Fluent's model middleware would have done per
/// row is done here in bulk: the pinyin sort key, the search postings (the new enterprises' all
/// staged and filed in one sorted pass when the slice is written), and one audit row per created
/// or changed enterprise (before → after), inserted in chunks. The roll-up follows by its triggers.
enum EnterpriseBulkWriter {
    /// 12 parameters a row: 4,800 a statement, well below both engines' limits.
    static let chunkSize = 400
    /// Audit rows are written, and let go, and postings staged, every this many enterprises.
    static let flushEvery = 10_000
    /// One enterprise as a checked import row gives it.
    struct Fields: Equatable, Sendable {
        var creditCode: String
        var name: String
        var industryCode: String
        var unitID: Int
        var aboveScale: Bool
        var tier: EnterpriseTier?
        var address: String?
        var note: String?

        func apply(to enterprise: Enterprise) {
            enterprise.creditCode = creditCode
            enterprise.name = name
            enterprise.industryCode = industryCode
            enterprise.unitID = unitID
            enterprise.aboveScale = aboveScale
            enterprise.tier = tier?.rawValue
            enterprise.address = address
            enterprise.note = note
        }
    }

    static let columns = ["credit_code", "name", "name_sort", "industry_code", "unit_id", "above_scale", "tier", "address", "active", "note",
                          "created_at", "updated_at"]
    static let insertion = BulkInsert(into: Enterprise.schema, columns: columns, rowsPerStatement: chunkSize)

    /// Returns how many enterprises were created or changed.
    static func write(_ items: [EnterpriseRegister.Item], context: ImportContext, on tx: any Database) async throws -> Int {
        let sql = tx as! any SQLDatabase
        let now = context.clock.now()
        let stored = try await storedEnterprises(items.compactMap(\.existingID), on: tx)
        // Audit snapshots are the register's JSON, which names each enterprise's unit.
        let unitNames = try await Self.unitNames(Set(items.map(\.fields.unitID)).union(stored.values.map(\.unitID)), on: sql)
        var creates: [Fields] = []
        var updates: [(enterprise: Enterprise, before: RegisterRecord)] = []
        for item in items {
            guard let id = item.existingID, let enterprise = stored[id] else { creates.append(item.fields); continue }
            let before = enterprise.record(unitName: unitNames[enterprise.unitID])
            keeping(item, over: enterprise).apply(to: enterprise)
            // Unchanged rows of a refresh file write nothing and leave no audit noise.
            if enterprise.record(unitName: unitNames[enterprise.unitID]) != before { updates.append((enterprise, before)) }
        }
        var audits: [AuditEntry] = []
        var filed: [SearchIndex.Filed] = []
        let total = creates.count + updates.count
        let postings = SearchPostingsLoad(sql: sql)
        if !creates.isEmpty { try await postings.beginAppend() }
        for start in stride(from: 0, to: creates.count, by: chunkSize) {
            let chunk = creates[start..<min(start + chunkSize, creates.count)]
            let sortKeys = chunk.map { PinyinSortKey.key(for: $0.name) }
            var values: [BulkValue] = []
            values.reserveCapacity(chunk.count * columns.count)
            for (fields, sortKey) in zip(chunk, sortKeys) {
                values += [BulkValue(fields.creditCode), BulkValue(fields.name), BulkValue(sortKey), BulkValue(fields.industryCode),
                           BulkValue(fields.unitID), BulkValue(fields.aboveScale), BulkValue(fields.tier?.rawValue), BulkValue(fields.address),
                           BulkValue(true), BulkValue(fields.note), BulkValue(now), BulkValue(now)]
            }
            let rows = try await insertion.run(values, returning: ["id", "credit_code"], on: sql)
            var ids: [String: Int] = [:]
            for row in rows { ids[try row.string("credit_code")] = try row.int("id") }
            for (fields, sortKey) in zip(chunk, sortKeys) {
                let enterprise = Enterprise()
                fields.apply(to: enterprise)
                enterprise.id = ids[fields.creditCode]
                enterprise.active = true
                enterprise.nameSort = sortKey
                filed.append(enterprise.searchFiling)
                audits.append(AuditLog.entry(at: now, actor: context.actor, address: context.address, action: .create, entity: "enterprise",
                                             entityID: "\(enterprise.id!)", summary: "导入企业“\(fields.name)”", before: NoSnapshot?.none,
                                             after: enterprise.snapshot(unitName: unitNames[fields.unitID])))
            }
            // Audit rows go out, and postings to the staging table, every `flushEvery` enterprises,
            // so memory holds a part of them, not the slice's (a million rows make twenty million postings).
            if filed.count >= flushEvery {
                try await postings.add(SearchSource.enterprises.table, filed)
                try await AuditLog.insert(audits, on: tx)
                filed.removeAll(keepingCapacity: true)
                audits.removeAll(keepingCapacity: true)
            }
            await context.report("writing", start + chunk.count, total)
        }
        try await postings.add(SearchSource.enterprises.table, filed)
        filed.removeAll()
        if !creates.isEmpty { try await postings.finishAppend() }
        for (enterprise, before) in updates {
            enterprise.nameSort = PinyinSortKey.key(for: enterprise.name)
            try await sql.update(Enterprise.schema)
                .set("credit_code", to: enterprise.creditCode).set("name", to: enterprise.name).set("name_sort", to: enterprise.nameSort)
                .set("industry_code", to: enterprise.industryCode).set("unit_id", to: enterprise.unitID).set("above_scale", to: enterprise.aboveScale)
                .set("tier", to: enterprise.tier).set("address", to: enterprise.address).set("note", to: enterprise.note).set("updated_at", to: now)
                .where("id", .equal, enterprise.id!).run()
            // A renamed enterprise's postings are replaced through its filing (a refresh file renames few).
            if enterprise.name != before.text("name") {
                try await SearchIndex.write(SearchSource.enterprises.table, enterprise.searchFiling, on: sql)
            }
            audits.append(AuditLog.entry(at: now, actor: context.actor, address: context.address, action: .update, entity: "enterprise",
                                         entityID: "\(enterprise.id!)", summary: "导入更新企业“\(enterprise.name)”", before: RegisterDTO(declaration: .enterprises, record: before),
                                         after: enterprise.snapshot(unitName: unitNames[enterprise.unitID])))
        }
        try await AuditLog.insert(audits, on: tx)
        await context.report("writing", total, total)
        return total
    }

    /// An existing enterprise's fields after a row: a column the file lacks keeps the stored
    /// value (the list export has no 地址, for instance).
    static func keeping(_ item: EnterpriseRegister.Item, over stored: Enterprise) -> Fields {
        var fields = item.fields
        if !item.presentColumns.contains("aboveScale") { fields.aboveScale = stored.aboveScale }
        if !item.presentColumns.contains("tier") { fields.tier = stored.enterpriseTier }
        if !item.presentColumns.contains("address") { fields.address = stored.address }
        if !item.presentColumns.contains("note") { fields.note = stored.note }
        return fields
    }

    /// The names of the units the file's enterprises are kept by, a few hundred at most.
    static func unitNames(_ ids: Set<Int>, on sql: any SQLDatabase) async throws -> [Int: String] {
        var names: [Int: String] = [:]
        for chunk in Array(ids).chunked(500) {
            for row in try await sql.raw("SELECT id, name FROM units WHERE id IN (\(binds: chunk))").all() {
                names[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return names
    }

    static func storedEnterprises(_ ids: [Int], on db: any Database) async throws -> [Int: Enterprise] {
        var stored: [Int: Enterprise] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            for enterprise in try await Enterprise.query(on: db).filter(\.$id ~~ Array(ids[start..<min(start + 500, ids.count)])).all() {
                stored[enterprise.id!] = enterprise
            }
        }
        return stored
    }
}
