import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Import of the enterprise register. A row whose credit code is already registered updates that
/// enterprise (a yearly refresh of the register is one file); a new code registers a new one.
struct EnterpriseRegister: SlicedImportRegister {
    static let declaration = RegisterDeclaration.enterprises
    var key: String { Self.declaration.key }
    let titleZh = "企业名录"
    let titleEn = "Enterprises"
    var policy: ResourcePolicy { Self.declaration.policy }
    /// The declared register's template: its fields, headings, examples and notes.
    var columns: [RegisterColumn] { RegisterImport(declaration: Self.declaration).columns }
    /// The export's shown-only columns (状态, the list facts) and those of the list export before
    /// the register was declared: skipped, so those files import back.
    var exportOnlyHeadings: Set<String> { RegisterImport.shownOnlyHeadings(Self.declaration) }

    struct Item: Sendable {
        var fields: EnterpriseBulkWriter.Fields
        var existingID: Int?
        /// Optional columns the file has; the others keep an existing enterprise's stored values.
        var presentColumns: Set<String>
    }

    /// A file's checked rows and the registered enterprises they were checked against.
    struct CheckedPlan: Sendable {
        var rowCount: Int
        var items: [Item]
        var existing: [String: Existing]
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        var seen: [String: Int] = [:]
        let plan = try await plan(rows, on: context.db, actor: context.actor, seen: &seen, context: context)
        if plan.errors.isEmpty { context.carried.keep(CheckedPlan(rowCount: rows.count, items: plan.items, existing: plan.existing)) }
        return plan.errors
    }

    /// Whether a plan checked before the transaction still holds inside it: the file's codes name
    /// the same enterprises (none registered, moved or renamed meanwhile) and every unit it writes
    /// to is still active and the actor's. One batched read of each.
    static func stillHolds(_ plan: CheckedPlan, actor: Actor, on tx: Database) async throws -> Bool {
        let now = try await existing(codes: plan.items.map(\.fields.creditCode), on: tx)
        guard now == plan.existing else { return false }
        let unitIDs = Array(Set(plan.items.map(\.fields.unitID)))
        var units: [OrgUnit] = []
        for chunk in unitIDs.chunked(500) { units += try await OrgUnit.query(on: tx).filter(\.$id ~~ chunk).all() }
        return units.count == unitIDs.count && units.allSatisfy { unit in unit.active && unit.unitPath.map(actor.owns) == true }
    }

    /// A streamed file (a province's million enterprises): each slice planned and written in the
    /// import's transaction, the codes seen so far kept to name a repeated one.
    func slices(context: ImportContext) -> any ImportSlices {
        PlannedSlices(seen: [String: Int](), plan: { rows, tx, seen in
            let planned = try await plan(rows, on: tx, actor: context.actor, seen: &seen, context: nil)
            return (planned.errors, planned.items)
        }, write: { items, tx in
            try await EnterpriseBulkWriter.write(items, context: context.withoutProgress, on: tx)
        })
    }

    /// `seen`: the first row of each credit code so far (a streamed file's earlier slices included).
    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, seen: inout [String: Int],
              context: ImportContext?) async throws -> (errors: [ImportRowError], items: [Item], existing: [String: Existing]) {
        let units = try await UnitLookup(on: db)
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        let existing = try await Self.existing(codes: rows.compactMap { try? CreditCode.parse($0.value("creditCode")).get().value }, on: db)
        var errors: [ImportRowError] = []
        var items: [Item] = []
        let declaration = Self.declaration
        let checked = declaration.inputFields.filter { $0.key != "unitId" }
        let optional = declaration.inputFields.filter { !$0.required }.map(\.key)
        for (index, row) in rows.enumerated() {
            if index % 500 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            // The unit by code or name from the units read once for the file (a few thousand at most).
            var unitID: Int?
            let unitText = row.value("unitId")
            if unitText.isEmpty { fail("unitId", "必填") } else {
                switch units.find(unitText) {
                case .found(let unit):
                    if !unit.active { fail("unitId", "单位已停用") } else if let path = unit.unitPath, !actor.owns(path) {
                        fail("unitId", "只能导入本单位或下级单位的企业")
                    } else { unitID = unit.id }
                case .problem(let reason): fail("unitId", reason)
                }
            }
            // Every other field through the register's own field rules.
            let input = RegisterInput.row(row, declaration: declaration)
            var v = FieldValidator()
            var values: RegisterValues = [:]
            for field in checked {
                if let value = RegisterChecker.read(field, input, references: RegisterReferences(), actor: actor, ownership: declaration.ownership, into: &v) {
                    values[field.key] = value
                } else if field.required && !v.errors.contains(where: { $0.field == field.key }) {
                    v.add(.required(field.key, label: field.zh, labelEn: field.en))
                }
            }
            for error in v.errors { fail(error.field, error.messageZh) }
            let creditCode = values["creditCode"]?.text ?? ""
            let current = existing[creditCode]
            if let current, let path = current.unitPath, !actor.owns(path) {
                fail("creditCode", "该企业已登记在“\(current.unitName)”，不属于本单位，不能修改")
            }
            if !creditCode.isEmpty {
                if let first = seen[creditCode] { fail("creditCode", "与第 \(first) 行的统一社会信用代码重复") } else { seen[creditCode] = row.number }
            }
            if rowErrors.isEmpty, let unitID {
                let fields = EnterpriseBulkWriter.Fields(creditCode: creditCode, name: values["name"]?.text ?? "", industryCode: values["industryCode"]?.text ?? "",
                                                         unitID: unitID, aboveScale: values["aboveScale"] == .flag(true),
                                                         tier: values["tier"]?.text.flatMap(EnterpriseTier.init(rawValue:)),
                                                         address: values["address"]?.text, note: values["note"]?.text)
                items.append(Item(fields: fields, existingID: current?.id, presentColumns: Set(optional.filter(row.has))))
            }
            errors += rowErrors
        }
        return (errors, items, existing)
    }

    struct Existing: Sendable, Equatable { var id: Int; var unitPath: UnitPath?; var unitName: String; var name: String = "" }

    /// The registered enterprise a row's credit code names, if the actor may write for it;
    /// otherwise why not. `doing` completes “不能…” in the refusal (e.g. 填报).
    /// The 企业名称 a row gives beside the credit code is there to catch a wrong code: it must be
    /// the registered name or a part of it (short names are common), or be left empty.
    /// A figures or qualification row's enterprise: registered, the actor's to write for, its name
    /// (if given) matching; otherwise nil, with the reason reported through `fail` at its column.
    static func rowEnterprise(_ row: ImportRow, in existing: [String: Existing], actor: Actor, doing: String,
                              fail: (_ column: String, _ reason: String) -> Void) -> Existing? {
        switch registered(row.value("creditCode"), in: existing, actor: actor, doing: doing) {
        case .success(let found):
            if let mismatch = nameMismatch(row, found) { fail("name", mismatch); return nil }
            return found
        case .failure(let refusal):
            fail("creditCode", refusal.reason)
            return nil
        }
    }

    static func nameMismatch(_ row: ImportRow, _ found: Existing) -> String? {
        let given = row.value("name")
        // Equal names first: the usual row, and `contains` goes through Foundation's string search
        // (5 % of a figures import when asked of every row).
        guard !given.isEmpty, !found.name.isEmpty, given != found.name, !found.name.contains(given), !given.contains(found.name) else { return nil }
        return "该信用代码登记的企业是“\(found.name)”，与填写的名称不符，请核对信用代码"
    }

    static func registered(_ text: String, in existing: [String: Existing], actor: Actor, doing: String) -> Result<Existing, RowRefusal> {
        switch CreditCode.parse(text) {
        case .failure(let problem): return .failure(RowRefusal(reason: text.isEmpty ? "必填" : problem.messageZh))
        case .success(let code):
            guard let found = existing[code.value] else { return .failure(RowRefusal(reason: "该企业尚未登记，请先导入企业名录")) }
            if let path = found.unitPath, !actor.owns(path) { return .failure(RowRefusal(reason: "该企业属于“\(found.unitName)”，不能\(doing)")) }
            return .success(found)
        }
    }

    struct RowRefusal: Error { var reason: String }

    /// Registered enterprises among the file's codes, fetched in batches (a file may hold many
    /// thousands), then their units in one query. Columns are read by type (`DirectRows`), not
    /// through `Decodable`: decoding a struct per row was 7 % of a 600,000-row figures import (perf),
    /// and SQLKit's decoder per column 2 % after that.
    static func existing(codes: [String], on db: Database) async throws -> [String: Existing] {
        let sql = db as! any SQLDatabase
        var found: [(code: String, id: Int, unitID: Int, name: String)] = []
        found.reserveCapacity(codes.count)
        let unique = Array(Set(codes))
        for start in stride(from: 0, to: unique.count, by: 2_000) {
            let batch = Array(unique[start..<min(start + 2_000, unique.count)])
            let query = sql.select().columns("id", "credit_code", "unit_id", "name").from(Enterprise.schema).where("credit_code", .in, SQLBind.group(batch))
            for row in try await DirectRows.all(expression: query.query, on: sql) {
                found.append((try row.string("credit_code"), try row.int("id"), try row.int("unit_id"), try row.string("name")))
            }
        }
        var units: [Int: (path: UnitPath?, name: String)] = [:]
        for ids in Array(Set(found.map(\.unitID))).chunked(2_000) {
            for row in try await sql.select().columns("id", "path", "name").from(OrgUnit.schema).where("id", .in, SQLBind.group(ids)).all() {
                units[try row.decode(column: "id", as: Int.self)] = (UnitPath(try row.decode(column: "path", as: String.self)),
                                                                     try row.decode(column: "name", as: String.self))
            }
        }
        var existing: [String: Existing] = [:]
        existing.reserveCapacity(found.count)
        for enterprise in found {
            let unit = units[enterprise.unitID]
            existing[enterprise.code] = Existing(id: enterprise.id, unitPath: unit?.path, unitName: unit?.name ?? "", name: enterprise.name)
        }
        return existing
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        if let checked = context.carried.take(CheckedPlan.self), checked.rowCount == rows.count,
           try await Self.stillHolds(checked, actor: context.actor, on: tx) {
            return try await EnterpriseBulkWriter.write(checked.items, context: context, on: tx)
        }
        // No plan handed over (a caller that did not validate), or the database moved under it: check again.
        var seen: [String: Int] = [:]
        let plan = try await plan(rows, on: tx, actor: context.actor, seen: &seen, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        return try await EnterpriseBulkWriter.write(plan.items, context: context, on: tx)
    }
}
