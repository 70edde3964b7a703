import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// The import of a declared register: its template columns are its fields (headings with units),
/// a row whose import key names an existing record updates it (a column the file lacks keeps the
/// stored value), every row is checked through `RegisterChecker` with lookups batched, and the rows
/// are written by `RegisterBulkWriter` with their audit rows in one transaction or none. A CSV file
/// is streamed a slice at a time (`SlicedImportRun`), so a register's file may have any length;
/// a register with a secret (users' passwords, hashed before the transaction) takes the whole file.
struct RegisterImport: SlicedImportRegister {
    let declaration: RegisterDeclaration

    var key: String { declaration.key }
    var titleZh: String { declaration.titleZh }
    var titleEn: String { declaration.titleEn }
    var policy: ResourcePolicy { declaration.policy }
    var exportOnlyHeadings: Set<String> { Self.shownOnlyHeadings(declaration) }
    var streamsFiles: Bool { !declaration.fields.contains(where: \.kind.isSecret) }
    /// A declared record's checked row (its input, values, references and audit snapshot) takes
    /// several kilobytes: slices of 50,000 leads peaked at 1.0 GiB over 200,000 rows, 20,000 at
    /// 0.67 GiB over 100,000 (BENCHMARKS.md, "Declared registers imported in bulk").
    var maxSliceRows: Int { 20_000 }

    /// The export's columns an import skips: the status, counts, what is written elsewhere, the
    /// list facts, the 系统编号 where the register's own import does not match by it, and the
    /// headings of earlier exports.
    static func shownOnlyHeadings(_ declaration: RegisterDeclaration) -> Set<String> {
        var headings = declaration.exportOnlyHeadings
        headings.formUnion(["状态", "Status"])
        for count in declaration.counts { headings.formUnion([count.zh, count.en]) }
        for field in declaration.fields where field.maintainedElsewhere && field.listed { headings.formUnion([field.headingZh, field.headingEn]) }
        for fact in declaration.listFacts?.listed ?? [] { headings.formUnion([fact.headingZh, fact.headingEn]) }
        if declaration.exportsID { headings.formUnion([RegisterDeclaration.idHeadingZh, RegisterDeclaration.idHeadingEn]) }
        return headings
    }

    var columns: [RegisterColumn] {
        declaration.inputFields.map { field in
            // A secret's column is needed only by new records (an export, of existing ones, has none).
            RegisterColumn(key: field.key, zh: field.headingZh, en: field.headingEn, required: field.required && !field.kind.isSecret, example: example(field),
                           note: note(field, .zh), noteEn: note(field, .en), aliases: field.headingAliases)
        }
    }

    struct Item: Sendable { var existing: RegisterRecord?; var values: RegisterValues; var row: Int }

    /// What an import remembers across its slices: the first row of each import key, whether the
    /// file was refused for its importer already, and the typical amounts its rows are compared with.
    struct Seen: Sendable {
        var firstRows: [String: Int] = [:]
        var importerRefused = false
        let medians = RegisterAmountScale.Medians()
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        var seen = Seen()
        return try await plan(rows, actor: context.actor, on: context.db, seen: &seen).errors
    }

    func prepare(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRow] {
        try await RegisterSecrets.prepare(rows, declaration, context: context)
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        var seen = Seen()
        let plan = try await plan(rows, actor: context.actor, on: tx, seen: &seen)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        let rowsByNumber = declaration.fields.contains(where: \.kind.isSecret) ? Dictionary(rows.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first }) : [:]
        return try await RegisterBulkWriter.write(declaration, plan.items, secrets: rowsByNumber, context: context, on: tx)
    }

    /// A streamed file: each slice planned against the database (earlier slices written in the
    /// same transaction) and the import keys of the slices before it, then written in bulk.
    func slices(context: ImportContext) -> any ImportSlices {
        PlannedSlices(seen: Seen(), plan: { rows, tx, seen in
            try await plan(rows, actor: context.actor, on: tx, seen: &seen)
        }, write: { items, tx in
            try await RegisterBulkWriter.write(declaration, items, context: context.withoutProgress, on: tx)
        })
    }

    /// Every row checked (existing records by import key in one query), every failure at its row and column.
    /// `seen`: what the file's earlier slices gave (a fresh one for a whole file).
    func plan(_ rows: [ImportRow], actor: Actor, on db: Database, seen: inout Seen) async throws -> (errors: [ImportRowError], items: [Item]) {
        let keyField = declaration.field(declaration.importKey)!
        let keys = try await importKeys(rows, keyField, on: db)
        var existingByKey: [String: RegisterRecord] = [:]
        let sql = db as! any SQLDatabase
        var ids: [Int] = []
        for chunk in Array(Set(keys.filter { !$0.isEmpty })).chunked(500) {
            let values: [any Encodable & Sendable] = keyField.kind.target == nil ? chunk : chunk.compactMap { Int64($0) }
            guard !values.isEmpty else { continue }
            ids += try await sql.raw(Self.recordsByKey(declaration, keyField, values)).all().map { try $0.decode(column: "id", as: Int.self) }
        }
        for record in try await RegisterStore.load(declaration, ids: ids, on: db) {
            guard let key = record.values[keyField.key]?.uniqueKey, existingByKey[key] == nil else { continue }
            existingByKey[key] = record
        }
        let writable = try await RegisterWrites.writable(declaration, Array(existingByKey.values), actor: actor, on: db)
        var items: [(input: RegisterInput, existing: RegisterRecord?)] = []
        var errors: [ImportRowError] = []
        var repeated: Set<Int> = []
        for (index, row) in rows.enumerated() {
            let key = keys[index]
            guard !key.isEmpty else { continue }
            if let first = seen.firstRows[key] {
                errors.append(ImportRowError(row: row.number, column: keyField.headingZh, value: row.value(keyField.key), reason: "与第 \(first) 行重复"))
                repeated.insert(row.number)
            } else {
                seen.firstRows[key] = row.number
            }
        }
        for (index, row) in rows.enumerated() {
            let key = keys[index]
            let existing = existingByKey[key]
            if let existing, !writable.contains(existing.id) {
                errors.append(ImportRowError(row: row.number, column: keyField.headingZh, value: row.value(keyField.key), reason: "该记录不属于本单位，不能修改"))
            }
            items.append((RegisterInput.row(row, declaration: declaration), existing))
        }
        if !actor.hasAny([.admin, .office]), case .officeOnly = declaration.ownership, !seen.importerRefused {
            errors.append(ImportRowError(row: 0, column: "", value: "", reason: "只有集群办可以导入\(titleZh)"))
            seen.importerRefused = true
        }
        let outcomes = try await RegisterChecker.check(declaration, items, actor: actor, rows: rows.map(\.number), medians: seen.medians, on: db)
        var planned: [Item] = []
        for (index, outcome) in outcomes.enumerated() {
            let row = rows[index]
            // A key named twice in the file is reported once, as the repeat of its first row.
            for error in outcome.errors where !(error.field == keyField.key && error.code == "duplicate" && repeated.contains(row.number)) {
                let field = declaration.field(error.field)
                // A secret is never echoed, not even in an error report.
                let value = field?.kind.isSecret == true ? "******" : row.value(error.field)
                errors.append(ImportRowError(row: row.number, column: field?.headingZh ?? error.field, value: value, reason: error.messageZh))
            }
            planned.append(Item(existing: items[index].existing, values: outcome.values, row: row.number))
        }
        return (errors, planned)
    }

    /// The records holding these import keys, active ones first. A key unique among active
    /// records is found through two partial indexes — the active records' unique index and the
    /// archived records' (`RegisterTable.archivedIndex`) — as one `WHERE key IN` over both read
    /// the whole table for every slice of a file (a 100,000-lead import beside 300,000 leads:
    /// 200 scans of 40 ms).
    static func recordsByKey(_ declaration: RegisterDeclaration, _ keyField: RegisterField, _ values: [any Encodable & Sendable]) -> SQLQueryString {
        let table = declaration.table, column = keyField.column
        if keyField.uniqueAmongAll {
            return "SELECT id, active FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) IN (\(binds: values)) ORDER BY active DESC, id"
        }
        return """
            SELECT id, active FROM \(unsafeRaw: table) WHERE active AND \(unsafeRaw: column) IN (\(binds: values))
            UNION ALL SELECT id, active FROM \(unsafeRaw: table) WHERE NOT active AND \(unsafeRaw: column) IN (\(binds: values))
            ORDER BY 2 DESC, 1
            """
    }

    /// Each row's import key as stored values compare: the text, or — for a reference key (the
    /// enterprise a liaison is for, named by name or credit code) — the id of the one record it
    /// names, so two rows naming one enterprise differently are one key. A name that resolves to
    /// nothing keys nothing here; the checker reports it at the field.
    private func importKeys(_ rows: [ImportRow], _ keyField: RegisterField, on db: Database) async throws -> [String] {
        let texts = rows.map { row in
            let text = row.value(keyField.key).trimming(.whitespaces)
            return keyField.lowercased ? text.lowercased() : text
        }
        guard case .reference(let target) = keyField.kind else { return texts }
        let references = try await RegisterReferences.load(for: declaration, inputs: rows.map { RegisterInput.row($0, declaration: declaration) }, on: db)
        return texts.map { text in
            let matches = references.targets(target.table, named: text)
            if matches.count == 1 { return String(matches[0].id) }
            // A cell holding the record's id names it too, as the checker reads it.
            return matches.isEmpty ? Int(text).flatMap { references.target(target.table, id: $0) }.map { String($0.id) } ?? "" : ""
        }
    }

    private func example(_ field: RegisterField) -> String {
        if let example = field.example { return example }
        switch field.kind {
        case .text: return field.key == declaration.nameField ? "示例\(declaration.titleZh)名称" : ""
        case .date: return "2025-03-01"
        case .choice(let choices), .choices(let choices): return choices.first?.zh ?? ""
        case .reference(let target) where target.isUnit: return "ZS-JCDL"
        case .money: return "50000"
        default: return ""
        }
    }

    private func note(_ field: RegisterField, _ lang: UILanguage) -> String {
        let base: String
        switch field.kind {
        case .text(let max), .code(let max), .note(let max): base = lang.t("不超过 \(max) 字", "At most \(max) characters")
        case .creditCode: base = lang.t("18 位统一社会信用代码", "The 18-character credit code")
        case .money: base = lang.t("整数，单位万元", "A whole number, in 10,000 yuan")
        case .area: base = lang.t("整数，单位平方米", "A whole number of m²")
        case .integer(let min, let max): base = lang.t("\(min)–\(max) 的整数", "A whole number, \(min)–\(max)")
        case .decimal(let places, let min, let max): base = lang.t("\(min)–\(max) 的数字，最多 \(places) 位小数", "A number, \(min)–\(max), at most \(places) decimals")
        case .date: base = "YYYY-MM-DD"
        case .month: base = "YYYY-MM"
        case .flag: base = lang.t("是/否", "是 (yes) / 否 (no)")
        case .choice(let choices): base = choices.map { lang.t($0.zh, $0.en) }.joined(separator: "/")
        case .industry: base = lang.t("GB/T 4754-2017 代码", "GB/T 4754-2017 code")
        case .reference(let target): base = lang.t("\(target.zh)名称" + (target.isUnit ? "或编码" : ""), "\(target.en) name" + (target.isUnit ? " or code" : ""))
        case .references(let target): base = lang.t("\(target.zh)名称，多个用顿号分隔", "\(target.en) names, separated by 、")
        case .choices(let choices): base = lang.t("可多选，用顿号分隔：", "Several, separated by 、: ") + choices.map { lang.t($0.zh, $0.en) }.joined(separator: "、")
        case .secret: base = lang.t("新建时必填；已有记录留空（导入不修改）", "Required for a new record; empty for an existing one (an import never changes it)")
        case .timestamp: base = ""
        }
        let key = field.key == declaration.importKey ? lang.t("；已有的将更新该记录", "; an existing one updates that record") : ""
        return base + key
    }
}
