import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// A register whose records form a tree through a reference to their own register (a unit's
/// 上级单位). The table keeps two derived columns beside the fields: `path`, the materialised path
/// `/1/5/12/` (ownership and subtree filters match its prefix), and `tree_key`, the display order
/// (`UnitTreeKey`: the parent's key, then sort order and id). Both are written after the insert
/// that gives the record its id; the parent changes only through `move`, which rewrites the
/// subtree's paths and keys under the tree lock, so two moves cannot together make a cycle.
/// Every write of a tree record takes that lock first. The tree is the unit table's: ownership,
/// the `under` filter and its choices read `units` (`ListFilter.unitSubtree`, `UnitQueries`), so
/// a second tree register would first make those follow the declaration.
struct RegisterTree: Sendable {
    /// The reference to the parent (`managed`: the edit form and PATCH leave it, `move` changes it).
    let parentField: String
    /// The integer field ordering siblings.
    let sortField: String
    /// The register as a reference target (its noun in messages: 单位).
    let target: RegisterTarget

    /// The list filter of a record's subtree, itself included.
    static let underKey = "under"

    func parentID(_ values: RegisterValues) -> Int? { values[parentField]?.integer.map { Int($0) } }
    func sortOrder(_ values: RegisterValues) -> Int { Int(values[sortField]?.integer ?? 0) }
}

/// The derived columns of a tree register, read and written in plain SQL.
enum RegisterTreeStore {
    struct Place: Decodable { let path: String; let tree_key: String? }

    static func place(_ table: String, id: Int, on sql: any SQLDatabase) async throws -> Place? {
        try await sql.raw("SELECT path, tree_key FROM \(unsafeRaw: table) WHERE id = \(bind: id)").first(decoding: Place.self)
    }

    /// After an insert: the new record's path and key below its parent, read under the tree lock
    /// (a parent being moved meanwhile would otherwise hand the child its old path).
    static func placeNew(_ declaration: RegisterDeclaration, _ tree: RegisterTree, id: Int, _ values: RegisterValues, on sql: any SQLDatabase) async throws {
        try await TreeLock.acquire(on: sql as! any Database)
        let parent = try await tree.parentID(values).asyncMap { try await place(declaration.table, id: $0, on: sql) } ?? nil
        let path = (parent.flatMap { UnitPath($0.path) } ?? UnitPath(ids: [])).child(id).description
        let key = UnitTreeKey.key(parentKey: parent?.tree_key, sortOrder: tree.sortOrder(values), id: id)
        try await sql.update(declaration.table).set("path", to: SQLBind(path)).set("tree_key", to: SQLBind(key)).where("id", .equal, SQLBind(id)).run()
    }

    /// After an update (the tree lock held, `RegisterStore.update`): a changed sort order moves the
    /// record's whole subtree in the display order. The parent is the stored one, not the edit's.
    static func reorder(_ declaration: RegisterDeclaration, _ tree: RegisterTree, id: Int, _ values: RegisterValues, on tx: any SQLDatabase) async throws {
        struct Own: Decodable { let tree_key: String?; let parent: Int? }
        guard let own = try await tx.raw("""
            SELECT tree_key, \(unsafeRaw: declaration.field(tree.parentField)!.column) AS parent FROM \(unsafeRaw: declaration.table) WHERE id = \(bind: id)
            """).first(decoding: Own.self) else { return }
        let parentKey = try await own.parent.asyncMap { try await place(declaration.table, id: $0, on: tx)?.tree_key } ?? nil
        let key = UnitTreeKey.key(parentKey: parentKey, sortOrder: tree.sortOrder(values), id: id)
        guard key != own.tree_key else { return }
        try await rekey(declaration.table, id: id, from: own.tree_key, to: key, on: tx)
    }

    /// Rewrites the key of a record and its whole subtree (keys are digits only, so the LIKE
    /// prefix has no wildcard to escape).
    static func rekey(_ table: String, id: Int, from oldKey: String?, to newKey: String, on sql: any SQLDatabase) async throws {
        guard let oldKey else {
            return try await sql.update(table).set("tree_key", to: SQLBind(newKey)).where("id", .equal, SQLBind(id)).run()
        }
        try await sql.raw("""
            UPDATE \(unsafeRaw: table) SET tree_key = \(bind: newKey) || substr(tree_key, CAST(\(bind: oldKey.count + 1) AS INTEGER))
            WHERE tree_key LIKE \(bind: oldKey + "%")
            """).run()
    }

    /// Moves a record and its subtree under a new parent (nil: a root), refusing a cycle, a
    /// missing or deactivated parent and a sibling of the same name; checked and written inside
    /// the caller's transaction after taking the tree lock. Returns the record as it was under the
    /// lock (for the audit's "before"), or nil when it is already there and nothing changes.
    static func move(_ declaration: RegisterDeclaration, _ tree: RegisterTree, id: Int, to parentID: Int?, now: Date,
                     on tx: any SQLDatabase) async throws -> RegisterRecord? {
        try await TreeLock.acquire(on: tx as! any Database)
        // Read inside the lock: another move may have changed either path meanwhile.
        guard let record = try await RegisterStore.find(declaration, id: id, on: tx as! any Database),
              let own = try await place(declaration.table, id: id, on: tx), let oldPath = UnitPath(own.path) else {
            throw AppError.notFound("该\(declaration.titleZh)")
        }
        let field = declaration.field(tree.parentField)!
        func refuse(_ zh: String, _ en: String, code: String = "invalid") -> ValidationFailed {
            ValidationFailed([FieldError(field: field.key, code: code, zh: zh, en: en)])
        }
        var newParentPath = UnitPath(ids: [])
        var parentKey: String?
        if let parentID {
            struct Parent: Decodable { let path: String; let tree_key: String?; let active: Bool }
            guard let parent = try await tx.raw("SELECT path, tree_key, active FROM \(unsafeRaw: declaration.table) WHERE id = \(bind: parentID)").first(decoding: Parent.self),
                  let parentPath = UnitPath(parent.path) else {
                throw refuse("目标\(field.zh)不存在", "Target \(field.en.lowercased()) not found")
            }
            guard oldPath.canMove(under: parentPath) else {
                throw refuse("不能把\(tree.target.zh)移动到它自己或它的下级\(tree.target.zh)之下", "A \(tree.target.en.lowercased()) cannot move under itself or its descendants")
            }
            guard parent.active else { throw refuse("目标\(field.zh)已停用", "Target \(field.en.lowercased()) is deactivated") }
            newParentPath = parentPath
            parentKey = parent.tree_key
        }
        if tree.parentID(record.values) == parentID { return nil }
        let name = record.values[declaration.nameField]?.text ?? ""
        let siblings = try await tx.raw("""
            SELECT COUNT(*) AS n FROM \(unsafeRaw: declaration.table) WHERE \(unsafeRaw: declaration.name.column) = \(bind: name) AND id <> \(bind: id)
            AND \(unsafeRaw: parentID == nil ? "\(field.column) IS NULL" : "\(field.column) = \(parentID!)")
            """).first(decoding: Count.self)?.n ?? 0
        if siblings > 0 {
            throw refuse("目标\(field.zh)下已有同名\(tree.target.zh)“\(name)”", "The target already has a record with this name", code: "duplicate")
        }
        let newPath = newParentPath.child(id).description
        // The position is cast: PostgreSQL has no substr(text, bigint), and a bound Int is a bigint.
        try await tx.raw("""
            UPDATE \(unsafeRaw: declaration.table) SET path = \(bind: newPath) || substr(path, CAST(\(bind: own.path.count + 1) AS INTEGER))
            WHERE path LIKE \(bind: own.path + "%")
            """).run()
        try await tx.update(declaration.table).set(SQLIdentifier(field.column), to: parentID.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null)
            .set("updated_at", to: SQLBind(now)).where("id", .equal, SQLBind(id)).run()
        try await rekey(declaration.table, id: id, from: own.tree_key, to: UnitTreeKey.key(parentKey: parentKey, sortOrder: tree.sortOrder(record.values), id: id), on: tx)
        return record
    }

    /// The ancestors of a tree record from the root down to its parent (none for other registers).
    static func ancestors(_ declaration: RegisterDeclaration, _ record: RegisterRecord, on sql: any SQLDatabase) async throws -> [(id: Int, name: String)] {
        guard declaration.tree != nil, let path = record.treePath.flatMap(UnitPath.init) else { return [] }
        let ids = Array(path.ids.dropLast())
        guard !ids.isEmpty else { return [] }
        struct Row: Decodable { let id: Int; let name: String }
        let rows = try await sql.raw("SELECT id, \(unsafeRaw: declaration.name.column) AS name FROM \(unsafeRaw: declaration.table) WHERE id IN (\(binds: ids))").all(decoding: Row.self)
        let names = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.name) })
        return ids.compactMap { id in names[id].map { (id, $0) } }
    }

    private struct Count: Decodable { let n: Int }
}
