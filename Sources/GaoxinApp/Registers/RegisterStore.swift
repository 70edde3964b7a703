import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Reads and writes of declared registers' records, in deliberate SQL: one row per record in the
/// register's table, several-valued references in `register_links` (register, record, field, target).
enum RegisterStore {
    static func find(_ declaration: RegisterDeclaration, id: Int, today: String? = nil, on db: Database) async throws -> RegisterRecord? {
        try await load(declaration, ids: [id], today: today, on: db).first
    }

    /// Records by id, in the order asked, with their references' names. One statement per 500 ids
    /// reads the rows, the names (and a unit's code) of their single references by joins, and —
    /// for a list page, `facts` — the register's list facts; several-valued references and counts
    /// add a query each. On SQLite every statement is a hop to its thread pool, so a list page
    /// under load costs what its statements cost (BENCHMARKS.md, 2026-12-06).
    /// With `today`, each record's validity is derived from the declared expiry field.
    static func load(_ declaration: RegisterDeclaration, ids: [Int], today: String? = nil, facts: RegisterListFacts? = nil,
                     on db: Database) async throws -> [RegisterRecord] {
        guard !ids.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        var records: [Int: RegisterRecord] = [:]
        let fields = columns(declaration)
        let references = declaration.singleFields.filter { $0.kind.target != nil }
        var select = ["r.*"], joins: [String] = []
        // Each reference's key and the columns its name (and a unit's code) come back in.
        var referenceReads: [(key: String, nameColumn: String, codeColumn: String?)] = []
        for (index, field) in references.enumerated() {
            let target = field.kind.target!
            joins.append("LEFT JOIN \(target.table) gx_ref\(index) ON gx_ref\(index).id = r.\(field.column)")
            select.append("gx_ref\(index).\(target.nameColumn) AS gx_ref_name\(index)")
            var codeColumn: String?
            if target.isUnit, let code = target.alternateColumns.first {
                select.append("gx_ref\(index).\(code) AS gx_ref_code\(index)")
                codeColumn = "gx_ref_code\(index)"
            }
            referenceReads.append((field.key, "gx_ref_name\(index)", codeColumn))
        }
        if let facts {
            joins.append(facts.join)
            select += facts.facts.map { "\($0.sql(sql.dialect.name == "postgresql")) AS \($0.column)" }
        }
        let factColumns = facts?.columns ?? []
        let statement = "SELECT \(select.joined(separator: ", ")) FROM \(declaration.table) r \(joins.joined(separator: " ")) WHERE r.id IN "
        for chunk in ids.chunked(500) {
            let rows = try await DirectRows.all("\(unsafeRaw: statement)(\(binds: chunk))", on: sql)
            for row in rows {
                var record = try decode(fields, row)
                if declaration.tree != nil { record.treePath = try row.string("path") }
                for reference in referenceReads {
                    guard let id = record.values[reference.key]?.integer else { continue }
                    record.referenceNames[reference.key] = [try row.optionalString(reference.nameColumn) ?? "#\(id)"]
                    if let codeColumn = reference.codeColumn { record.referenceCodes[reference.key] = [try row.optionalString(codeColumn)] }
                }
                if let facts { record.facts = try facts.decode(row, columns: factColumns) }
                records[record.id] = record
            }
        }
        try await attachLinks(declaration, &records, on: sql)
        try await attachCounts(declaration, &records, on: sql)
        try await attachNames(declaration, &records, on: sql)
        if let today, let limit = declaration.timeLimit {
            for (id, record) in records { records[id]?.expiry = limit.state(of: record, today: today) }
        }
        return ids.compactMap { records[$0] }
    }

    /// A single-valued field's column and how its value is read: worked out once per read, and
    /// small, so a row's fields are read without copying a whole `RegisterField` each.
    struct ColumnRead: Sendable {
        enum Kind: Sendable { case integer, flag, timestamp, text }
        let key: String
        let column: String
        let kind: Kind
    }

    /// The register's single-valued fields as read from its rows (a secret — a password's hash —
    /// is never read back).
    static func columns(_ declaration: RegisterDeclaration) -> [ColumnRead] {
        declaration.singleFields.filter { !$0.kind.isSecret }.map { field in
            let kind: ColumnRead.Kind
            switch field.kind {
            case .money, .area, .integer, .decimal, .reference: kind = .integer
            case .flag: kind = .flag
            case .timestamp: kind = .timestamp
            default: kind = .text
            }
            return ColumnRead(key: field.key, column: field.column, kind: kind)
        }
    }

    /// One row of the register's table, read by `columns`.
    static func decode(_ columns: [ColumnRead], _ row: any RowValues) throws -> RegisterRecord {
        var values: RegisterValues = [:]
        values.reserveCapacity(columns.count)
        for index in columns.indices where !row.isNull(columns[index].column) {
            let column = columns[index].column
            switch columns[index].kind {
            case .integer: values[columns[index].key] = .integer(try row.int64(column))
            case .flag: values[columns[index].key] = .flag(try row.bool(column))
            case .timestamp: values[columns[index].key] = .text(RegisterTimestamp.text(try row.date(column)))
            case .text: values[columns[index].key] = .text(try row.string(column))
            }
        }
        return RegisterRecord(id: try row.int("id"), active: try row.bool("active"), values: values)
    }

    private static func attachLinks(_ declaration: RegisterDeclaration, _ records: inout [Int: RegisterRecord], on sql: any SQLDatabase) async throws {
        guard !declaration.multiFields.isEmpty, !records.isEmpty else { return }
        for chunk in Array(records.keys).chunked(500) {
            let rows = try await sql.raw("""
                SELECT record_id, field, target_id FROM register_links
                WHERE register = \(bind: declaration.key) AND record_id IN (\(binds: chunk)) ORDER BY record_id, field, position
                """).all()
            for row in rows {
                let id = try row.decode(column: "record_id", as: Int.self), field = try row.decode(column: "field", as: String.self)
                let target = try row.decode(column: "target_id", as: Int.self)
                let earlier = records[id]?.values[field]?.ids ?? []
                records[id]?.values[field] = .ids(earlier + [target])
            }
        }
    }

    private static func attachCounts(_ declaration: RegisterDeclaration, _ records: inout [Int: RegisterRecord], on sql: any SQLDatabase) async throws {
        for count in declaration.counts {
            for id in records.keys { records[id]?.counts[count.key] = 0 }
            for chunk in Array(records.keys).chunked(500) {
                let rows = try await sql.raw("""
                    SELECT \(unsafeRaw: count.column) AS owner, COUNT(*) AS n FROM \(unsafeRaw: count.table)
                    WHERE \(unsafeRaw: count.column) IN (\(binds: chunk))\(unsafeRaw: count.activeOnly ? " AND active = \(true)" : "") GROUP BY \(unsafeRaw: count.column)
                    """).all()
                for row in rows { records[try row.decode(column: "owner", as: Int.self)]?.counts[count.key] = try row.decode(column: "n", as: Int.self) }
            }
        }
    }

    /// The names of several-valued references' targets (a single reference's come with its row).
    private static func attachNames(_ declaration: RegisterDeclaration, _ records: inout [Int: RegisterRecord], on sql: any SQLDatabase) async throws {
        var wanted: [String: (target: RegisterTarget, ids: Set<Int>)] = [:]
        for field in declaration.multiFields {
            guard let target = field.kind.target else { continue }
            let ids = records.values.flatMap { record -> [Int] in
                switch record.values[field.key] {
                case .integer(let id)?: return [Int(id)]
                case .ids(let ids)?: return ids
                default: return []
                }
            }
            wanted[target.table, default: (target, [])].ids.formUnion(ids)
        }
        var names: [String: [Int: String]] = [:], codes: [Int: String] = [:]
        for (table, entry) in wanted where !entry.ids.isEmpty {
            let code = entry.target.isUnit ? entry.target.alternateColumns.first : nil
            for chunk in Array(entry.ids).chunked(500) {
                let rows = try await sql.raw("SELECT id, \(unsafeRaw: entry.target.nameColumn) AS name\(unsafeRaw: code.map { ", \($0) AS code" } ?? "") FROM \(unsafeRaw: table) WHERE id IN (\(binds: chunk))").all()
                for row in rows {
                    let id = try row.decode(column: "id", as: Int.self)
                    names[table, default: [:]][id] = try row.decode(column: "name", as: String.self)
                    if code != nil { codes[id] = try row.decode(column: "code", as: String?.self) }
                }
            }
        }
        for id in records.keys {
            for field in declaration.multiFields {
                guard let target = field.kind.target, let value = records[id]?.values[field.key] else { continue }
                let ids: [Int] = value.integer.map { [Int($0)] } ?? value.ids
                records[id]?.referenceNames[field.key] = ids.map { names[target.table]?[$0] ?? "#\($0)" }
                if target.isUnit { records[id]?.referenceCodes[field.key] = ids.map { codes[$0] } }
            }
        }
    }

    // MARK: Writes (inside the caller's transaction)

    static func insert(_ declaration: RegisterDeclaration, _ values: RegisterValues, now: Date, on db: Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let values = stamped(declaration, values, now: now)
        let key = sortKey(declaration, values)
        let id = try await sql.insert(into: declaration.table).columns(insertedColumns(declaration))
            .values(insertedValues(declaration, values, sortKey: key, now: now)).returning("id").first(decodingColumn: "id", as: Int.self)
        guard let id else { throw AppError.internalError }
        if let tree = declaration.tree { try await RegisterTreeStore.placeNew(declaration, tree, id: id, values, on: sql) }
        try await writeLinks(declaration, id: id, values, on: sql)
        try await SearchIndex.write(declaration.table, filing(declaration, id: id, values, sortKey: key), on: sql)
        return id
    }

    /// The values as a write stores them: a freshness field restamped.
    static func stamped(_ declaration: RegisterDeclaration, _ values: RegisterValues, now: Date) -> RegisterValues {
        var values = values
        declaration.freshness?.stamp(&values, now: now)
        return values
    }

    /// The columns a new record's row is inserted with, in `insertedValues`' order.
    static func insertedColumns(_ declaration: RegisterDeclaration) -> [String] {
        var columns = ["active", "name_sort", "created_at", "updated_at"]
        if declaration.tree != nil { columns.append("path") }
        columns += declaration.insertedWith.keys.sorted()
        return columns + declaration.singleFields.map(\.column)
    }

    /// A new record's row (its values `stamped`; `sortKey` its name's, worked out once a record).
    static func insertedValues(_ declaration: RegisterDeclaration, _ values: RegisterValues, sortKey: String, now: Date) -> [any SQLExpression] {
        var row: [BulkValue] = []
        appendInsertedRow(declaration, values, sortKey: sortKey, now: now, to: &row)
        return row.map(\.bind)
    }

    /// The same row as values to bind in bulk (`BulkInsert`), appended to `row`.
    static func appendInsertedRow(_ declaration: RegisterDeclaration, _ values: RegisterValues, sortKey: String, now: Date, to row: inout [BulkValue]) {
        row += [.flag(true), .text(sortKey), .instant(now), .instant(now)]
        // A tree record's path needs its id: a placeholder until `RegisterTreeStore.placeNew`.
        if declaration.tree != nil { row.append(.text("/")) }
        for column in declaration.insertedWith.keys.sorted() { row.append(BulkValue(declaration.insertedWith[column]!)) }
        for field in declaration.singleFields { row.append(bulkValue(values[field.key])) }
    }

    /// What a record is filed under in the search postings.
    static func filing(_ declaration: RegisterDeclaration, id: Int, _ values: RegisterValues, sortKey: String) -> SearchIndex.Filed {
        .init(id: id, sortKey: sortKey, texts: searchTexts(declaration, values))
    }

    static func update(_ declaration: RegisterDeclaration, id: Int, _ values: RegisterValues, now: Date, on db: Database) async throws {
        let sql = db as! any SQLDatabase
        let values = stamped(declaration, values, now: now)
        let key = sortKey(declaration, values)
        // A tree record's place changes only by moving, under the tree lock taken first (a move
        // committed since the record was read must not be undone by writing its old parent back).
        if declaration.tree != nil { try await TreeLock.acquire(on: db) }
        let update = sql.update(declaration.table).set("name_sort", to: SQLBind(key)).set("updated_at", to: SQLBind(now))
        // Neither a secret (its own action changes it) nor what is written elsewhere (a last sign-in).
        for field in declaration.singleFields where field.key != declaration.tree?.parentField && !field.kind.isSecret && !field.maintainedElsewhere {
            update.set(SQLIdentifier(field.column), to: bind(values[field.key]))
        }
        try await update.where("id", .equal, SQLBind(id)).run()
        if let tree = declaration.tree { try await RegisterTreeStore.reorder(declaration, tree, id: id, values, on: sql) }
        try await writeLinks(declaration, id: id, values, on: sql)
        try await SearchIndex.write(declaration.table, filing(declaration, id: id, values, sortKey: key), on: sql)
    }

    /// The texts a record files in the search postings: its searchable fields.
    static func searchTexts(_ declaration: RegisterDeclaration, _ values: RegisterValues) -> [String?] {
        declaration.fields.filter(\.searchable).map { values[$0.key]?.text }
    }

    static func setActive(_ declaration: RegisterDeclaration, id: Int, _ active: Bool, now: Date, on db: Database) async throws {
        try await (db as! any SQLDatabase).update(declaration.table).set("active", to: SQLBind(active)).set("updated_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(id)).run()
    }

    private static func writeLinks(_ declaration: RegisterDeclaration, id: Int, _ values: RegisterValues, on sql: any SQLDatabase) async throws {
        for field in declaration.multiFields {
            try await sql.delete(from: "register_links").where("register", .equal, SQLBind(declaration.key))
                .where("record_id", .equal, SQLBind(id)).where("field", .equal, SQLBind(field.key)).run()
        }
        try await insertLinks(declaration, [(id, values)], on: sql)
    }

    /// The several-valued references of records that have none stored yet (new ones), in
    /// multi-row statements.
    static func insertLinks(_ declaration: RegisterDeclaration, _ records: [(id: Int, values: RegisterValues)], on sql: any SQLDatabase) async throws {
        guard !declaration.multiFields.isEmpty else { return }
        var rows: [BulkValue] = []
        for (id, values) in records {
            for field in declaration.multiFields {
                for (position, target) in (values[field.key]?.ids ?? []).enumerated() {
                    rows += [.text(declaration.key), BulkValue(id), .text(field.key), BulkValue(target), BulkValue(position)]
                }
            }
        }
        try await linkInsertion.run(rows, on: sql)
    }

    /// 5 parameters a row: 5,000 a statement.
    private static let linkInsertion = BulkInsert(into: "register_links", columns: ["register", "record_id", "field", "target_id", "position"],
                                                  rowsPerStatement: 1_000)

    private static func bulkValue(_ value: RegisterValue?) -> BulkValue {
        switch value {
        case nil, .ids?: .null
        case .text(let text)?: .text(text)
        case .integer(let number)?: .integer(number)
        case .flag(let flag)?: .flag(flag)
        }
    }

    private static func bind(_ value: RegisterValue?) -> any SQLExpression { bulkValue(value).bind }

    /// The pinyin key of the name, so the list sorts names as Chinese readers expect on both engines.
    static func sortKey(_ declaration: RegisterDeclaration, _ values: RegisterValues) -> String {
        PinyinSortKey.key(for: values[declaration.nameField]?.text ?? "")
    }
}

/// A moment as a record holds it: ISO 8601 in UTC to the second, as the API's dates are written.
enum RegisterTimestamp {
    static func text(_ date: Date) -> String {
        var format = Date.ISO8601FormatStyle()
        format.timeZone = .gmt
        return date.formatted(format)
    }

    static func date(_ text: String) -> Date? { try? Date.ISO8601FormatStyle().parse(text) }
}
