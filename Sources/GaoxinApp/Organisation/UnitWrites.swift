import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// Every change to the unit tree: validated first, written with its audit record in one transaction.
enum UnitWrites: RecordWrites {
    typealias Record = OrgUnit
    typealias Input = UnitInput

    static func record(_ req: Request) async throws -> OrgUnit { try await UnitQueries.find(req) }

    /// Normalised, validated fields of a create or update.
    struct Fields {
        var name: String
        var kind: UnitKind
        var code: String?
        var parentID: Int?
        var sortOrder: Int
        var note: String?
    }

    static let codeCharacters = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")

    /// Checks the input against the rules and the database; `existing` is the unit being edited.
    static func validate(_ input: UnitInput, existing: OrgUnit?, on db: Database) async throws -> Fields {
        var v = FieldValidator()
        let name = v.requiredText("name", input.name ?? existing?.name, label: "单位名称", labelEn: "Name", max: 100)
        let kindText = input.kind ?? existing?.kind ?? ""
        let kind = UnitKind(codeOrName: kindText)
        if kindText.isEmpty {
            v.add(.choiceRequired("kind", label: "单位类型", labelEn: "Kind"))
        } else if kind == nil {
            v.add(.invalid("kind", zh: "单位类型“\(kindText)”不存在", en: "Unknown kind \(kindText)"))
        }
        let code = v.optionalText("code", input.code ?? existing?.code, label: "单位编码", labelEn: "Code", max: 50)
        if let code, code.unicodeScalars.contains(where: { !codeCharacters.contains($0) }) {
            v.add(.invalid("code", zh: "单位编码只能包含字母、数字、- _ .", en: "Code may hold letters, digits, - _ . only"))
        }
        let note = v.optionalText("note", input.note ?? existing?.note, label: "备注", labelEn: "Note", max: 2000)
        let sortOrder = input.sortOrder ?? existing?.sortOrder ?? 0
        v.check(InputLimits.sortOrder.contains(sortOrder), .invalid("sortOrder", zh: "排序号应在 -1000000 到 1000000 之间", en: "Sort order out of range"))
        let parentID = existing == nil ? input.parentId : existing?.parentID
        if let parentID {
            if let parent = try await OrgUnit.find(parentID, on: db) {
                v.check(parent.active, .invalid("parentId", zh: "上级单位“\(parent.name)”已停用", en: "The parent unit is deactivated"))
            } else {
                v.add(.invalid("parentId", zh: "上级单位不存在", en: "Parent unit not found"))
            }
        }
        if let code, v.isValid {
            var query = OrgUnit.query(on: db).filter(\.$code == code)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if try await query.count() > 0 {
                v.add(FieldError(field: "code", code: "duplicate", zh: "单位编码“\(code)”已被使用", en: "Code \(code) is already used"))
            }
        }
        if v.isValid {
            var siblings = OrgUnit.query(on: db).filter(\.$name == name)
            siblings = parentID.map { siblings.filter(\.$parentID == $0) } ?? siblings.filter(\.$parentID == nil)
            if let id = existing?.id { siblings = siblings.filter(\.$id != id) }
            if try await siblings.count() > 0 {
                v.add(FieldError(field: "name", code: "duplicate", zh: "同一上级单位下已有名为“\(name)”的单位", en: "A sibling unit already has this name"))
            }
        }
        try v.throwIfInvalid()
        return Fields(name: name, kind: kind ?? .department, code: code, parentID: parentID, sortOrder: sortOrder, note: note)
    }

    static func create(_ input: UnitInput, _ req: Request) async throws -> OrgUnit {
        let fields = try await validate(input, existing: nil, on: req.db)
        return try await AuditedWrites.create(req) { tx in try await insert(fields, on: tx) }
    }

    /// Inserts without auditing; callers audit (a single create, or an import's batch).
    static func insert(_ fields: Fields, on db: Database) async throws -> OrgUnit {
        let unit = OrgUnit()
        unit.name = fields.name
        unit.kind = fields.kind.rawValue
        unit.code = fields.code
        unit.parentID = fields.parentID
        unit.sortOrder = fields.sortOrder
        unit.note = fields.note
        unit.active = true
        unit.path = "/"
        try await unit.create(on: db)
        let parent = try await fields.parentID.asyncMap { try await OrgUnit.find($0, on: db) } ?? nil
        unit.path = (parent?.unitPath ?? UnitPath(ids: [])).child(unit.id!).description
        unit.treeKey = UnitTreeKey.key(parentKey: parent?.treeKey, sortOrder: unit.sortOrder, id: unit.id!)
        try await unit.save(on: db)
        return unit
    }

    static func update(_ unit: OrgUnit, _ input: UnitInput, _ req: Request) async throws -> OrgUnit {
        let fields = try await validate(input, existing: unit, on: req.db)
        return try await AuditedWrites.update(unit, req) { unit, tx in try await store(fields, into: unit, on: tx) }
    }

    /// Writes an edit's fields (never the parent: `move` does that) and, when the sort order
    /// changed, the tree keys of the unit's subtree. Callers audit (a form's edit, an import's row).
    static func store(_ fields: Fields, into unit: OrgUnit, on tx: Database) async throws {
        let reordered = unit.sortOrder != fields.sortOrder
        unit.name = fields.name
        unit.kind = fields.kind.rawValue
        unit.code = fields.code
        unit.sortOrder = fields.sortOrder
        unit.note = fields.note
        try await unit.save(on: tx)
        if reordered {
            try await TreeLock.acquire(on: tx)
            let parentKey = try await unit.parentID.asyncMap { try await OrgUnit.find($0, on: tx)?.treeKey } ?? nil
            try await rekey(unit, newKey: UnitTreeKey.key(parentKey: parentKey, sortOrder: unit.sortOrder, id: unit.id!), on: tx)
        }
    }

    /// Whether an edit would leave the unit as it is (an import's unchanged row writes nothing).
    static func unchanged(_ unit: OrgUnit, by fields: Fields) -> Bool {
        unit.name == fields.name && unit.kind == fields.kind.rawValue && unit.code == fields.code && unit.sortOrder == fields.sortOrder && unit.note == fields.note
    }

    /// Moves a unit and its subtree under a new parent (nil: make it a root). Refuses cycles.
    /// Checked and written inside one transaction holding the tree lock, so two concurrent moves
    /// on PostgreSQL cannot together create a cycle.
    static func move(_ unit: OrgUnit, to parentID: Int?, _ req: Request) async throws -> OrgUnit {
        try await req.db.transaction { tx in
            try await TreeLock.acquire(on: tx)
            // Re-read inside the lock: another move may have changed either path meanwhile.
            guard let unit = try await OrgUnit.find(unit.id!, on: tx), let oldPath = unit.unitPath else { throw AppError.notFound("该单位") }
            var newParentPath = UnitPath(ids: [])
            if let parentID {
                guard let parent = try await OrgUnit.find(parentID, on: tx), let parentPath = parent.unitPath else {
                    throw AppError.validation(ValidationFailed([.invalid("parentId", zh: "目标上级单位不存在", en: "Target parent not found")]))
                }
                guard oldPath.canMove(under: parentPath) else {
                    throw AppError.validation(ValidationFailed([.invalid("parentId", zh: "不能把单位移动到它自己或它的下级单位之下", en: "A unit cannot move under itself or its descendants")]))
                }
                guard parent.active else {
                    throw AppError.validation(ValidationFailed([.invalid("parentId", zh: "目标上级单位已停用", en: "Target parent is deactivated")]))
                }
                newParentPath = parentPath
            }
            if unit.parentID == parentID { return unit }
            let siblings = try await OrgUnit.query(on: tx).filter(\.$name == unit.name).filter(\.$id != unit.id!)
                .group(.and) { group in
                    if let parentID { group.filter(\.$parentID == parentID) } else { group.filter(\.$parentID == nil) }
                }.count()
            if siblings > 0 {
                throw AppError.validation(ValidationFailed([FieldError(field: "parentId", code: "duplicate", zh: "目标上级单位下已有同名单位“\(unit.name)”", en: "The target already has a unit with this name")]))
            }
            let newPath = newParentPath.child(unit.id!)
            let before = UnitDTO(unit)
            let sql = tx as! any SQLDatabase
            let old = oldPath.description
            // The position is cast: PostgreSQL has no substr(text, bigint), and a bound Int is a bigint.
            try await sql.raw("""
                UPDATE units SET path = \(bind: newPath.description) || substr(path, CAST(\(bind: old.count + 1) AS INTEGER))
                WHERE path LIKE \(bind: old + "%")
                """).run()
            unit.parentID = parentID
            unit.path = newPath.description
            try await unit.save(on: tx)
            let parentKey = try await parentID.asyncMap { try await OrgUnit.find($0, on: tx)?.treeKey } ?? nil
            try await rekey(unit, newKey: UnitTreeKey.key(parentKey: parentKey, sortOrder: unit.sortOrder, id: unit.id!), on: tx)
            try await AuditLog.record(req, on: tx, action: .move, entity: "unit", entityID: "\(unit.id!)",
                                      summary: "移动单位“\(unit.name)”", before: before, after: UnitDTO(unit))
            return unit
        }
    }

    /// Rewrites the tree key of a unit and its whole subtree (keys are digits only, so the LIKE
    /// prefix has no wildcard to escape).
    static func rekey(_ unit: OrgUnit, newKey: String, on tx: Database) async throws {
        guard let oldKey = unit.treeKey, oldKey != newKey else {
            unit.treeKey = newKey
            try await unit.save(on: tx)
            return
        }
        try await (tx as! any SQLDatabase).raw("""
            UPDATE units SET tree_key = \(bind: newKey) || substr(tree_key, CAST(\(bind: oldKey.count + 1) AS INTEGER))
            WHERE tree_key LIKE \(bind: oldKey + "%")
            """).run()
        unit.treeKey = newKey
    }

    /// Deactivates a unit that has no active sub-unit and no active user; nothing is deleted.
    static func setActive(_ unit: OrgUnit, _ active: Bool, _ req: Request) async throws -> OrgUnit {
        if unit.active == active { return unit }
        if !active {
            let children = try await OrgUnit.query(on: req.db).filter(\.$parentID == unit.id!).filter(\.$active == true).count()
            if children > 0 { throw AppError.conflict("该单位还有 \(children) 个启用的下级单位，请先停用或移走它们") }
            let users = try await User.query(on: req.db).filter(\.$unitID == unit.id!).filter(\.$active == true).count()
            if users > 0 { throw AppError.conflict("该单位还有 \(users) 个启用的用户，请先停用或调走他们") }
        } else if let parentID = unit.parentID, let parent = try await OrgUnit.find(parentID, on: req.db), !parent.active {
            throw AppError.conflict("上级单位“\(parent.name)”已停用，请先启用上级单位")
        }
        return try await AuditedWrites.setActive(unit, active, req)
    }
}

extension OrgUnit: AuditedRecord {
    static let auditEntity = "unit"
    static let auditNounZh = "单位"
    var auditName: String { name }
    var auditSnapshot: UnitDTO { UnitDTO(self) }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
