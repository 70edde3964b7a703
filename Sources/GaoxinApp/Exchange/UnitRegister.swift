import Fluent
import Foundation
import GaoxinDomain

/// Import of organisation units. A row's parent is named by code or name and may be an existing
/// unit or a row earlier in the same file, so a whole tree can be imported at once.
///
/// A row updates the unit it names — by its 系统编号 (the id the list export carries), else by its
/// code, else by its parent and name (unique among siblings) — and creates a unit otherwise, so
/// the unit list's export imports back unchanged. An update never moves a unit (that rewrites its subtree's paths: the unit page's
/// 移动 does it); a column the file lacks keeps the stored value; an unchanged row writes nothing.
struct UnitRegister: ImportRegister {
    let key = "units"
    let titleZh = "组织单位"
    let titleEn = "Units"
    let policy = Policies.organisation
    let columns = [
        RegisterColumn(key: "name", zh: "单位名称", en: "Name", required: true, example: "新吴区招商一组", note: "不超过 100 字"),
        RegisterColumn(key: "kind", zh: "单位类型", en: "Kind", required: true, example: "招商团队", note: UnitKind.allCases.map(\.nameZh).joined(separator: "/"),
                       noteEn: UnitKind.allCases.map(\.nameEn).joined(separator: " / ")),
        RegisterColumn(key: "parent", zh: "上级单位", en: "Parent", required: false, example: "XW", note: "上级单位的编码或名称；可引用本文件中前面的行"),
        RegisterColumn(key: "code", zh: "单位编码", en: "Code", required: false, example: "XW-ZS1", note: "字母、数字、- _ .，全局唯一；已有编码将更新该单位"),
        RegisterColumn(key: "sortOrder", zh: "排序号", en: "Sort order", required: false, example: "10", note: "整数"),
        RegisterColumn(key: "note", zh: "备注", en: "Note", required: false, example: "", note: ""),
        RegisterColumn(key: "id", zh: "系统编号", en: "ID", required: false, example: "", note: "导出时带出，据此更新该单位；新建单位留空",
                       noteEn: "Given by the export, to update that unit; empty for a new unit"),
    ]

    /// The list export's shown-only columns: the import skips them.
    var exportOnlyHeadings: Set<String> { ["用户数", "Users", "状态", "Status"] }

    /// A unit known to the import: existing (with its record) or to be created by an earlier row.
    struct Known {
        var unit: OrgUnit?
        var row: Int?
        var name: String
        var code: String?
        var parentKey: String
        var active: Bool
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, context: context).errors
    }

    enum Item {
        /// A new unit; its parent is an existing unit or an earlier row of the file.
        case create(UnitWrites.Fields, parentRow: Int?)
        /// An existing unit changed by the row.
        case update(OrgUnit, UnitWrites.Fields)
    }

    struct Plan {
        var errors: [ImportRowError] = []
        /// For each row that writes, in file order with its row number.
        var items: [(row: Int, item: Item)] = []
    }

    func plan(_ rows: [ImportRow], on db: Database, context: ImportContext?) async throws -> Plan {
        let existing = try await OrgUnit.query(on: db).all()
        var plan = Plan()
        var byCode: [String: Known] = [:]
        var byName: [String: [Known]] = [:]
        /// "parentKey|name" → the unit or row holding that name there.
        var siblings: [String: Known] = [:]
        for unit in existing {
            let known = Known(unit: unit, row: nil, name: unit.name, code: unit.code, parentKey: unit.parentID.map { "id:\($0)" } ?? "root", active: unit.active)
            if let code = unit.code { byCode[code] = known }
            byName[unit.name, default: []].append(known)
            siblings[known.parentKey + "|" + unit.name] = known
        }
        let byID = Dictionary(uniqueKeysWithValues: existing.map { ($0.id!, $0) })
        var claimed = Set<Int>()
        for (index, row) in rows.enumerated() {
            if index % 200 == 0 { await context?.report("validating", index, rows.count) }
            var errors: [ImportRowError] = []
            func fail(_ column: String, _ value: String, _ reason: String) {
                errors.append(ImportRowError(row: row.number, column: column, value: value, reason: reason))
            }
            let name = row.value("name")
            if name.isEmpty { fail("单位名称", name, "必填") } else if name.count > 100 { fail("单位名称", name, "不能超过 100 个字符") }
            let kindText = row.value("kind")
            let kind = UnitKind(codeOrName: kindText)
            if kindText.isEmpty { fail("单位类型", kindText, "必填") } else if kind == nil {
                fail("单位类型", kindText, "类型不存在，可选：" + UnitKind.allCases.map(\.nameZh).joined(separator: "、"))
            }
            let code = row.value("code")
            let idText = row.value("id")
            var target: OrgUnit?
            if !idText.isEmpty {
                if let id = Int(idText), let unit = byID[id] { target = unit } else { fail("系统编号", idText, "找不到该单位（新建单位请留空）") }
            }
            if !code.isEmpty {
                if code.count > 50 || code.unicodeScalars.contains(where: { !UnitWrites.codeCharacters.contains($0) }) {
                    fail("单位编码", code, "只能包含字母、数字、- _ .，不超过 50 个字符")
                } else if let other = byCode[code] {
                    if let row = other.row { fail("单位编码", code, "与第 \(row) 行的编码重复") } else if idText.isEmpty { target = other.unit }
                }
            }
            var sortOrder: Int?
            let sortText = row.value("sortOrder")
            if !sortText.isEmpty {
                if let value = Int(sortText), (-1_000_000...1_000_000).contains(value) { sortOrder = value } else { fail("排序号", sortText, "应为整数") }
            }
            let note = row.value("note")
            if note.count > 2000 { fail("备注", String(note.prefix(20)) + "…", "不能超过 2000 个字符") }
            // Parent: by code first, then by a unique name.
            let parentText = row.value("parent")
            var parent: Known?
            if !parentText.isEmpty {
                if let byCodeMatch = byCode[parentText] {
                    parent = byCodeMatch
                } else if let matches = byName[parentText] {
                    if matches.count == 1 { parent = matches[0] } else { fail("上级单位", parentText, "有 \(matches.count) 个同名单位，请改用单位编码") }
                } else {
                    fail("上级单位", parentText, "找不到该单位（须为已有单位或本文件中前面的行）")
                }
            }
            let parentKey = parent.map { $0.unit?.id.map { "id:\($0)" } ?? "row:\($0.row!)" } ?? "root"
            // Without a known code, the unit of that name under that parent is the one meant.
            if target == nil, idText.isEmpty, !name.isEmpty, code.isEmpty || byCode[code] == nil, row.has("parent") || byName[name]?.count == 1 {
                let known = row.has("parent") ? siblings[parentKey + "|" + name] : byName[name]?.first
                target = known?.unit
            }
            if let target {
                if claimed.contains(target.id!) { fail("单位名称", name, "与前面的行是同一个单位“\(target.name)”") }
                if row.has("parent"), parentText.isEmpty || parent != nil, parent?.unit?.id != target.parentID || (parent == nil) != (target.parentID == nil) {
                    fail("上级单位", parentText, "导入不调整上级单位（单位“\(target.name)”在原上级单位下）；请在单位页面使用“移动”")
                }
                if !name.isEmpty, name != target.name, let other = siblings[(target.parentID.map { "id:\($0)" } ?? "root") + "|" + name], other.unit?.id != target.id {
                    fail("单位名称", name, "同一上级单位下已有同名单位")
                }
                if !code.isEmpty, code != target.code, let other = byCode[code], other.unit?.id != target.id {
                    fail("单位编码", code, "编码已被现有单位“\(other.name)”使用")
                }
            } else if idText.isEmpty {
                if let parent, !parent.active { fail("上级单位", parentText, "上级单位已停用") }
                if !name.isEmpty, siblings[parentKey + "|" + name] != nil { fail("单位名称", name, "同一上级单位下已有同名单位") }
            }
            if errors.isEmpty, let kind {
                if let target {
                    claimed.insert(target.id!)
                    let fields = UnitWrites.Fields(name: name, kind: row.has("kind") ? kind : target.unitKind, code: code.isEmpty ? target.code : code,
                                                   parentID: target.parentID, sortOrder: row.has("sortOrder") ? (sortOrder ?? 0) : target.sortOrder,
                                                   note: row.has("note") ? (note.isEmpty ? nil : note) : target.note)
                    if !UnitWrites.unchanged(target, by: fields) { plan.items.append((row.number, .update(target, fields))) }
                } else {
                    let known = Known(unit: nil, row: row.number, name: name, code: code.isEmpty ? nil : code, parentKey: parentKey, active: true)
                    if !code.isEmpty { byCode[code] = known }
                    byName[name, default: []].append(known)
                    siblings[parentKey + "|" + name] = known
                    let fields = UnitWrites.Fields(name: name, kind: kind, code: code.isEmpty ? nil : code, parentID: parent?.unit?.id,
                                                   sortOrder: sortOrder ?? 0, note: note.isEmpty ? nil : note)
                    plan.items.append((row.number, .create(fields, parentRow: parent?.unit == nil ? parent?.row : nil)))
                }
            }
            plan.errors += errors
        }
        return plan
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, on: tx, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        var createdByRow: [Int: Int] = [:]
        for (index, entry) in plan.items.enumerated() {
            switch entry.item {
            case .create(var fields, let parentRow):
                if let parentRow { fields.parentID = createdByRow[parentRow] }
                let unit = try await UnitWrites.insert(fields, on: tx)
                createdByRow[entry.row] = unit.id
                try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .create,
                                          entity: "unit", entityID: "\(unit.id!)", summary: "导入单位“\(unit.name)”", before: NoSnapshot?.none, after: UnitDTO(unit))
            case .update(let unit, let fields):
                let before = UnitDTO(unit)
                try await UnitWrites.store(fields, into: unit, on: tx)
                try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .update,
                                          entity: "unit", entityID: "\(unit.id!)", summary: "导入更新单位“\(unit.name)”", before: before, after: UnitDTO(unit))
            }
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        await context.report("writing", plan.items.count, plan.items.count)
        return plan.items.count
    }
}
