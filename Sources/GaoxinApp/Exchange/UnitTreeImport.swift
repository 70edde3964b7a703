import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// The import of the unit tree (`RegisterDeclaration.units`). A row's parent is named by code or
/// name and may be an existing unit or a row earlier in the same file, so a whole tree imports at
/// once; each field's value is read and checked by the register's one path (`RegisterChecker.read`).
///
/// A row updates the unit it names — by its 系统编号 (the id the export carries), else by its
/// code, else by its parent and name (unique among siblings) — and creates a unit otherwise, so
/// the unit list's export imports back unchanged. An update never moves a unit (that rewrites its
/// subtree's paths: the unit page's 移动 does it); a column the file lacks keeps the stored value;
/// an unchanged row writes nothing.
struct UnitTreeImport: ImportRegister {
    let declaration = RegisterDeclaration.units
    var key: String { declaration.key }
    var titleZh: String { declaration.titleZh }
    var titleEn: String { declaration.titleEn }
    var policy: ResourcePolicy { declaration.policy }
    private static let parentKey = "parentId"

    var columns: [RegisterColumn] {
        let notes: [String: (zh: String, en: String)] = [
            Self.parentKey: ("上级单位的编码或名称；可引用本文件中前面的行", "The parent unit's code or name; may refer to an earlier row of this file"),
            "code": ("字母、数字、- _ .，全局唯一；已有编码将更新该单位", "Letters, digits, - _ . ; unique; an existing code updates that unit"),
        ]
        let examples = ["name": "新吴区招商一组", "kind": "招商团队", Self.parentKey: "XW", "code": "XW-ZS1", "sortOrder": "10"]
        return RegisterImport(declaration: declaration).columns.map { column in
            RegisterColumn(key: column.key, zh: column.zh, en: column.en, required: column.required, example: examples[column.key] ?? "",
                           note: notes[column.key]?.zh ?? column.note, noteEn: notes[column.key]?.en ?? column.noteEn)
        } + [RegisterColumn(key: "id", zh: RegisterDeclaration.idHeadingZh, en: RegisterDeclaration.idHeadingEn, required: false, example: "",
                            note: "导出时带出，据此更新该单位；新建单位留空", noteEn: "Given by the export, to update that unit; empty for a new unit")]
    }

    /// The list export's shown-only columns: the import skips them.
    var exportOnlyHeadings: Set<String> { ["用户数", "Users", "状态", "Status"] }

    /// A unit known to the import: existing (with its record) or to be created by an earlier row.
    struct Known {
        var unit: RegisterRecord?
        var row: Int?
        var name: String
        var parentKey: String
        var active: Bool
    }

    enum Item {
        /// A new unit; its parent is an existing unit (in the values) or an earlier row of the file.
        case create(RegisterValues, parentRow: Int?)
        /// An existing unit changed by the row.
        case update(RegisterRecord, RegisterValues)
    }

    struct Plan {
        var errors: [ImportRowError] = []
        /// For each row that writes, in file order with its row number.
        var items: [(row: Int, item: Item)] = []
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, actor: context.actor, on: context.db, context: context).errors
    }

    func plan(_ rows: [ImportRow], actor: Actor, on db: Database, context: ImportContext?) async throws -> Plan {
        let ids = try await (db as! any SQLDatabase).raw("SELECT id FROM units ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        let existing = try await RegisterStore.load(declaration, ids: ids, on: db)
        var plan = Plan()
        var byCode: [String: Known] = [:]
        var byName: [String: [Known]] = [:]
        /// "parentKey|name" → the unit or row holding that name there.
        var siblings: [String: Known] = [:]
        func parentKey(of unit: RegisterRecord) -> String { unit.values[Self.parentKey]?.integer.map { "id:\($0)" } ?? "root" }
        for unit in existing {
            let name = unit.text("name") ?? ""
            let known = Known(unit: unit, row: nil, name: name, parentKey: parentKey(of: unit), active: unit.active)
            if let code = unit.text("code") { byCode[code] = known }
            byName[name, default: []].append(known)
            siblings[known.parentKey + "|" + name] = known
        }
        let byID = Dictionary(uniqueKeysWithValues: existing.map { ($0.id, $0) })
        let plainFields = declaration.inputFields.filter { $0.key != Self.parentKey }
        let noReferences = RegisterReferences()
        var claimed = Set<Int>()
        for (index, row) in rows.enumerated() {
            if index % 200 == 0 { await context?.report("validating", index, rows.count) }
            var errors: [ImportRowError] = []
            func fail(_ column: String, _ value: String, _ reason: String) {
                errors.append(ImportRowError(row: row.number, column: column, value: value, reason: reason))
            }
            // Every field but the parent through the register's own checks.
            let input = RegisterInput.row(row, declaration: declaration)
            var v = FieldValidator()
            var given: RegisterValues = [:]
            for field in plainFields where input.has(field.key) {
                given[field.key] = RegisterChecker.read(field, input, references: noReferences, actor: actor, ownership: declaration.ownership, into: &v)
                if given[field.key] == nil, field.required, !v.errors.contains(where: { $0.field == field.key }) {
                    v.add(field.kind.target == nil && !field.kind.isChoice ? .required(field.key, label: field.zh, labelEn: field.en)
                                                                           : .choiceRequired(field.key, label: field.zh, labelEn: field.en))
                }
            }
            for error in v.errors {
                let field = declaration.field(error.field)!
                fail(field.headingZh, String(row.value(field.key).prefix(40)), error.messageZh)
            }
            let name = given["name"]?.text ?? ""
            let code = given["code"]?.text ?? ""
            let idText = row.value("id")
            var target: RegisterRecord?
            if !idText.isEmpty {
                if let id = Int(idText), let unit = byID[id] { target = unit } else { fail(RegisterDeclaration.idHeadingZh, idText, "找不到该单位（新建单位请留空）") }
            }
            if !code.isEmpty, let other = byCode[code] {
                if let row = other.row { fail("单位编码", code, "与第 \(row) 行的编码重复") } else if idText.isEmpty { target = other.unit }
            }
            // Parent: by code first, then by a unique name.
            let parentText = row.value(Self.parentKey)
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
            let rowParentKey = parent.map { $0.unit.map { "id:\($0.id)" } ?? "row:\($0.row!)" } ?? "root"
            // Without a known code, the unit of that name under that parent is the one meant.
            if target == nil, idText.isEmpty, !name.isEmpty, code.isEmpty || byCode[code] == nil, row.has(Self.parentKey) || byName[name]?.count == 1 {
                let known = row.has(Self.parentKey) ? siblings[rowParentKey + "|" + name] : byName[name]?.first
                target = known?.unit
            }
            if let target {
                let targetName = target.text("name") ?? ""
                let targetParent = target.values[Self.parentKey]?.integer.map { Int($0) }
                if claimed.contains(target.id) { fail("单位名称", name, "与前面的行是同一个单位“\(targetName)”") }
                if row.has(Self.parentKey), parentText.isEmpty || parent != nil, parent?.unit?.id != targetParent || (parent == nil) != (targetParent == nil) {
                    fail("上级单位", parentText, "导入不调整上级单位（单位“\(targetName)”在原上级单位下）；请在单位页面使用“移动”")
                }
                if !name.isEmpty, name != targetName, let other = siblings[parentKey(of: target) + "|" + name], other.unit?.id != target.id {
                    fail("单位名称", name, "同一上级单位下已有同名单位")
                }
                if !code.isEmpty, code != target.text("code"), let other = byCode[code], other.unit?.id != target.id {
                    fail("单位编码", code, "编码已被现有单位“\(other.name)”使用")
                }
            } else if idText.isEmpty {
                if let parent, !parent.active { fail("上级单位", parentText, "上级单位已停用") }
                if !name.isEmpty, siblings[rowParentKey + "|" + name] != nil { fail("单位名称", name, "同一上级单位下已有同名单位") }
            }
            if errors.isEmpty {
                var values = target?.values ?? [:]
                for field in plainFields where input.has(field.key) {
                    // A never-empty column left empty keeps an existing unit's value (a new one takes the
                    // default), and so does its code: files and other registers name the unit by it,
                    // so a blank cell must not strip it.
                    let kept = field.whenEmpty != nil || field.unique ? target?.values[field.key] : nil
                    values[field.key] = given[field.key] ?? kept ?? field.whenEmpty
                }
                for field in plainFields where values[field.key] == nil { values[field.key] = field.whenEmpty }
                if let target {
                    claimed.insert(target.id)
                    if values != target.values { plan.items.append((row.number, .update(target, values))) }
                } else {
                    let known = Known(unit: nil, row: row.number, name: name, parentKey: rowParentKey, active: true)
                    if !code.isEmpty { byCode[code] = known }
                    byName[name, default: []].append(known)
                    siblings[rowParentKey + "|" + name] = known
                    if let id = parent?.unit?.id { values[Self.parentKey] = .integer(Int64(id)) }
                    plan.items.append((row.number, .create(values, parentRow: parent?.unit == nil ? parent?.row : nil)))
                }
            }
            plan.errors += errors
        }
        return plan
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, actor: context.actor, on: tx, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        var createdByRow: [Int: Int] = [:]
        for (index, entry) in plan.items.enumerated() {
            let id: Int, before: RegisterRecord?
            switch entry.item {
            case .create(var values, let parentRow):
                if let parentRow, let parentID = createdByRow[parentRow] { values[Self.parentKey] = .integer(Int64(parentID)) }
                id = try await RegisterStore.insert(declaration, values, now: context.clock.now(), on: tx)
                createdByRow[entry.row] = id
                before = nil
            case .update(let unit, let values):
                id = unit.id
                try await RegisterStore.update(declaration, id: id, values, now: context.clock.now(), on: tx)
                before = unit
            }
            let after = try await RegisterStore.find(declaration, id: id, on: tx)!
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: before == nil ? .create : .update,
                                      entity: declaration.entity, entityID: "\(id)",
                                      summary: (before == nil ? "导入单位“" : "导入更新单位“") + RegisterWrites.name(declaration, after) + "”",
                                      before: before.map { RegisterDTO(declaration: declaration, record: $0.forAudit) },
                                      after: RegisterDTO(declaration: declaration, record: after.forAudit))
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        await context.report("writing", plan.items.count, plan.items.count)
        return plan.items.count
    }
}
