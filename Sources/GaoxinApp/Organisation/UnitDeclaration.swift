import Fluent
import GaoxinDomain
import SQLKit

/// 组织单位, the tree every record is owned by, declared: its list (tree order, indented), search,
/// filters, page, forms, API and OpenAPI, export and audit come from here like every register's.
/// What only the tree has: the parent changes only by moving (`UnitMove`, which rewrites the
/// subtree's paths), a name is unique among its siblings, a unit with active sub-units or users
/// cannot be deactivated, and the import builds a whole tree from one file (`UnitTreeImport`).
extension RegisterDeclaration {
    static let units: RegisterDeclaration = RegisterDeclaration(
        key: "units", table: "units", entity: "unit", schemaName: "Unit", titleZh: "组织单位", titleEn: "Units",
        fields: [
            // Unique among all siblings, deactivated ones too (the table's unique index on parent and name).
            RegisterField(key: "name", zh: "单位名称", en: "Name", kind: .text(max: 100), required: true, unique: true, uniqueAmongAll: true,
                          uniqueWithin: "parentId", searchable: true, sortable: true, listed: true),
            RegisterField(key: "kind", zh: "单位类型", en: "Kind", kind: .choice(UnitKind.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn) }),
                          required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "parentId", zh: "上级单位", en: "Parent", kind: .reference(.unit), listed: true,
                          helpZh: "空为顶级单位；建立后在单位页用“移动”调整", helpEn: "Empty for a top-level unit; later changed by Move on the unit's page", managed: true),
            RegisterField(key: "code", zh: "单位编码", en: "Code", kind: .code(max: 50), unique: true, uniqueAmongAll: true, searchable: true, sortable: true, listed: true,
                          helpZh: "可选，全局唯一；导入和其他登记册可用它指定单位", helpEn: "Optional, unique; imports and other registers may name the unit by it",
                          characters: .codeSafe),
            RegisterField(key: "sortOrder", zh: "排序号", en: "Sort order", kind: .integer(min: Int64(InputLimits.sortOrder.lowerBound), max: Int64(InputLimits.sortOrder.upperBound)),
                          helpZh: "同一上级下的先后，小的在前", helpEn: "Order among siblings, smallest first", whenEmpty: .integer(0)),
            .note(),
        ],
        nameField: "name", importKey: "code", policy: Policies.organisation, ownership: .officeOnly,
        defaultSort: "tree",
        activationConflict: UnitActivation.conflict,
        tree: RegisterTree(parentField: "parentId", sortField: "sortOrder", target: .unit),
        exportsID: true,
        counts: [RegisterCount(key: "userCount", zh: "用户数", en: "Users", table: "users", column: "unit_id")],
        managedByZh: "单位页上的“移动”", managedByEn: "Move on the unit's page"
    )
}

/// A unit is deactivated only when nothing active hangs below it, and reactivated only under an
/// active parent: records keep pointing at deactivated units, so a live unit never sits under a dead one.
enum UnitActivation {
    @Sendable static func conflict(_ unit: RegisterRecord, _ active: Bool, _ actor: Actor, _ db: Database) async throws -> String? {
        let sql = db as! any SQLDatabase
        struct Count: Decodable { let n: Int }
        if !active {
            let children = try await sql.raw("SELECT COUNT(*) AS n FROM units WHERE parent_id = \(bind: unit.id) AND active = \(bind: true)").first(decoding: Count.self)?.n ?? 0
            if children > 0 { return "该单位还有 \(children) 个启用的下级单位，请先停用或移走它们" }
            let users = try await sql.raw("SELECT COUNT(*) AS n FROM users WHERE unit_id = \(bind: unit.id) AND active = \(bind: true)").first(decoding: Count.self)?.n ?? 0
            if users > 0 { return "该单位还有 \(users) 个启用的用户，请先停用或调走他们" }
        } else if let parentID = unit.values["parentId"]?.integer {
            struct Parent: Decodable { let name: String; let active: Bool }
            if let parent = try await sql.raw("SELECT name, active FROM units WHERE id = \(bind: Int(parentID))").first(decoding: Parent.self), !parent.active {
                return "上级单位“\(parent.name)”已停用，请先启用上级单位"
            }
        }
        return nil
    }
}
