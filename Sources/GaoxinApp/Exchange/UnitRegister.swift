import Fluent
import Foundation
import GaoxinDomain

/// Import of organisation units. A row's parent is named by code or name and may be an existing
/// unit or a row earlier in the same file, so a whole tree can be imported at once.
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
        RegisterColumn(key: "code", zh: "单位编码", en: "Code", required: false, example: "XW-ZS1", note: "字母、数字、- _ .，全局唯一"),
        RegisterColumn(key: "sortOrder", zh: "排序号", en: "Sort order", required: false, example: "10", note: "整数"),
        RegisterColumn(key: "note", zh: "备注", en: "Note", required: false, example: "", note: ""),
    ]

    /// A unit known to the import: existing (with id) or to be created by an earlier row.
    struct Known {
        var id: Int?
        var row: Int?
        var name: String
        var code: String?
        var parentKey: String
        var active: Bool
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        let plan = try await plan(rows, on: context.db, context: context)
        return plan.errors
    }

    struct Plan {
        var errors: [ImportRowError] = []
        /// For each row: its validated fields and the parent (existing id, or index of an earlier row).
        var items: [(fields: UnitWrites.Fields, parentID: Int?, parentRow: Int?)] = []
    }

    func plan(_ rows: [ImportRow], on db: Database, context: ImportContext?) async throws -> Plan {
        let existing = try await OrgUnit.query(on: db).all()
        var plan = Plan()
        var byCode: [String: Known] = [:]
        var byName: [String: [Known]] = [:]
        var siblingNames = Set<String>()
        for unit in existing {
            let known = Known(id: unit.id, row: nil, name: unit.name, code: unit.code, parentKey: unit.parentID.map { "id:\($0)" } ?? "root", active: unit.active)
            if let code = unit.code { byCode[code] = known }
            byName[unit.name, default: []].append(known)
            siblingNames.insert(known.parentKey + "|" + unit.name)
        }
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
            if !code.isEmpty {
                if code.count > 50 || code.unicodeScalars.contains(where: { !UnitWrites.codeCharacters.contains($0) }) {
                    fail("单位编码", code, "只能包含字母、数字、- _ .，不超过 50 个字符")
                } else if let other = byCode[code] {
                    fail("单位编码", code, other.row.map { "与第 \($0) 行的编码重复" } ?? "编码已被现有单位“\(other.name)”使用")
                }
            }
            var sortOrder = 0
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
                if let parent, !parent.active { fail("上级单位", parentText, "上级单位已停用") }
            }
            let parentKey = parent.map { $0.id.map { "id:\($0)" } ?? "row:\($0.row!)" } ?? "root"
            if !name.isEmpty, siblingNames.contains(parentKey + "|" + name) {
                fail("单位名称", name, "同一上级单位下已有同名单位")
            }
            if errors.isEmpty, let kind {
                let known = Known(id: nil, row: row.number, name: name, code: code.isEmpty ? nil : code, parentKey: parentKey, active: true)
                if !code.isEmpty { byCode[code] = known }
                byName[name, default: []].append(known)
                siblingNames.insert(parentKey + "|" + name)
                let fields = UnitWrites.Fields(name: name, kind: kind, code: code.isEmpty ? nil : code, parentID: parent?.id,
                                               sortOrder: sortOrder, note: note.isEmpty ? nil : note)
                plan.items.append((fields, parent?.id, parent?.id == nil ? parent?.row : nil))
            }
            plan.errors += errors
        }
        return plan
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, on: tx, context: nil)
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        var createdByRow: [Int: Int] = [:]
        for (index, item) in plan.items.enumerated() {
            var fields = item.fields
            if let parentRow = item.parentRow { fields.parentID = createdByRow[parentRow] }
            let unit = try await UnitWrites.insert(fields, on: tx)
            createdByRow[rows[index].number] = unit.id
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address, action: .create,
                                      entity: "unit", entityID: "\(unit.id!)", summary: "导入单位“\(unit.name)”", before: NoSnapshot?.none, after: UnitDTO(unit))
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        await context.report("writing", plan.items.count, plan.items.count)
        return plan.items.count
    }
}
