import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Import of the enterprise register. A row whose credit code is already registered updates that
/// enterprise (a yearly refresh of the register is one file); a new code registers a new one.
struct EnterpriseRegister: SlicedImportRegister {
    let key = "enterprises"
    let titleZh = "企业名录"
    let titleEn = "Enterprises"
    let policy = Policies.enterprises
    let columns = [
        RegisterColumn(key: "name", zh: "企业名称", en: "Name", required: true, example: "无锡芯测半导体有限公司", note: "不超过 200 字"),
        RegisterColumn(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", required: true, example: "91320214MA1XYU0003",
                       note: "18 位，末位校验位；已登记的代码将更新该企业"),
        RegisterColumn(key: "industryCode", zh: "行业代码", en: "Industry code", required: true, example: "3973",
                       note: "GB/T 4754-2017 的 2–4 位代码，或行业名称（如 集成电路制造）", noteEn: "A GB/T 4754-2017 code of 2–4 digits, or the industry's name"),
        RegisterColumn(key: "unit", zh: "所属单位", en: "Unit", required: true, example: "XW", note: "单位编码或名称"),
        RegisterColumn(key: "aboveScale", zh: "规上", en: "Above scale", required: false, example: "是", note: "是/否"),
        RegisterColumn(key: "tier", zh: "层级", en: "Tier", required: false, example: "骨干", note: EnterpriseTier.allCases.map(\.nameZh).joined(separator: "/"),
                       noteEn: EnterpriseTier.allCases.map(\.nameEn).joined(separator: " / ")),
        RegisterColumn(key: "address", zh: "地址", en: "Address", required: false, example: "无锡市新吴区", note: ""),
        RegisterColumn(key: "note", zh: "备注", en: "Note", required: false, example: "", note: ""),
    ]

    /// The list export's 状态 column: whether an enterprise is on the register is changed by
    /// deactivating it, not by a file.
    var exportOnlyHeadings: Set<String> {
        ["状态", "Status", "行业名称", "Industry", "近12个月营收（亿元）", "Revenue, last 12 months (100m yuan)", "所属集群", "Clusters", "产业链环节", "Chain nodes"]
    }

    struct Item: Sendable {
        var fields: EnterpriseWrites.Fields
        var existingID: Int?
        /// Optional columns the file has; the others keep an existing enterprise's stored values.
        var presentColumns: Set<String>
    }

    static func parseFlag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "": return false
        case "是", "规上", "1", "y", "yes", "true": return true
        case "否", "规下", "0", "n", "no", "false": return false
        default: return nil
        }
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
        for (index, row) in rows.enumerated() {
            if index % 500 == 0 { await context?.report("validating", index, rows.count) }
            var rowErrors: [ImportRowError] = []
            func fail(_ key: String, _ reason: String) {
                rowErrors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            var unitID: Int?
            let unitText = row.value("unit")
            if unitText.isEmpty { fail("unit", "必填") } else {
                switch units.find(unitText) {
                case .found(let unit):
                    if !unit.active { fail("unit", "单位已停用") } else if let path = unit.unitPath, !actor.owns(path) {
                        fail("unit", "只能导入本单位或下级单位的企业")
                    } else { unitID = unit.id }
                case .problem(let reason): fail("unit", reason)
                }
            }
            let aboveScale = Self.parseFlag(row.value("aboveScale"))
            if aboveScale == nil { fail("aboveScale", "应为“是”或“否”") }
            let input = EnterpriseInput(creditCode: row.value("creditCode"), name: row.value("name"), industryCode: row.value("industryCode"),
                                        unitId: unitID, aboveScale: aboveScale ?? false, tier: row.value("tier"),
                                        address: row.value("address"), note: row.value("note"))
            var v = FieldValidator()
            let fields = EnterpriseWrites.check(input, existing: nil, into: &v)
            // The unit cell was checked above (empty, unknown, deactivated, outside the actor's
            // subtree), so the rule's own "unit required" would only report that cell twice.
            for error in v.errors where error.field != "unitId" {
                fail(error.field, error.messageZh)
            }
            let current = existing[fields.creditCode]
            if let current, let path = current.unitPath, !actor.owns(path) {
                fail("creditCode", "该企业已登记在“\(current.unitName)”，不属于本单位，不能修改")
            }
            if !fields.creditCode.isEmpty {
                if let first = seen[fields.creditCode] { fail("creditCode", "与第 \(first) 行的统一社会信用代码重复") } else { seen[fields.creditCode] = row.number }
            }
            if rowErrors.isEmpty {
                let present = Set(["aboveScale", "tier", "address", "note"].filter(row.has))
                items.append(Item(fields: fields, existingID: current?.id, presentColumns: present))
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
        guard !given.isEmpty, !found.name.isEmpty, !found.name.contains(given), !given.contains(found.name) else { return nil }
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
    /// thousands), then their units in one query. Columns are read one by one, not through
    /// `Decodable`: decoding a struct per row was 7 % of a 600,000-row figures import (perf).
    static func existing(codes: [String], on db: Database) async throws -> [String: Existing] {
        let sql = db as! any SQLDatabase
        var found: [(code: String, id: Int, unitID: Int, name: String)] = []
        found.reserveCapacity(codes.count)
        let unique = Array(Set(codes))
        for start in stride(from: 0, to: unique.count, by: 2_000) {
            let batch = Array(unique[start..<min(start + 2_000, unique.count)])
            for row in try await sql.select().columns("id", "credit_code", "unit_id", "name").from(Enterprise.schema)
                .where("credit_code", .in, SQLBind.group(batch)).all() {
                found.append((try row.decode(column: "credit_code", as: String.self), try row.decode(column: "id", as: Int.self),
                              try row.decode(column: "unit_id", as: Int.self), try row.decode(column: "name", as: String.self)))
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
