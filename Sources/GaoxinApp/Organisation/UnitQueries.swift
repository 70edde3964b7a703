import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// Reads of the unit tree: the list definition and the lookups pages need.
enum UnitQueries {
    struct Row: Decodable, Sendable {
        var id: Int
        var name: String
        var kind: String
        var code: String?
        var path: String
        var parentName: String?
        var parentCode: String?
        var sortOrder: Int
        var note: String?
        var active: Bool
        var userCount: Int

        var depth: Int { UnitPath(path)?.depth ?? 0 }
        var kindName: String { UnitKind(rawValue: kind)?.nameZh ?? kind }
    }

    static let list = ListDefinition(
        from: "units u LEFT JOIN units p ON p.id = u.parent_id",
        select: ["u.id AS id", "u.name AS name", "u.kind AS kind", "u.code AS code", "u.path AS path",
                 "p.name AS parent_name", "p.code AS parent_code", "u.sort_order AS sort_order", "u.note AS note", "u.active AS active",
                 "(SELECT COUNT(*) FROM users x WHERE x.unit_id = u.id AND x.active = \(true)) AS user_count"],
        searchColumns: ["u.name", "u.code"],
        filters: [
            ListFilter(key: "kind", zh: "类型", en: "Kind",
                       kind: .choice(column: "u.kind", options: UnitKind.allCases.map { ($0.rawValue, $0.nameZh, $0.nameEn) })),
            ListFilter(key: "active", zh: "状态", en: "Status", kind: .flag(column: "u.active")),
            ListFilter(key: "under", zh: "所属上级", en: "Under", kind: .unitSubtree(unitIDColumn: "u.id")),
        ],
        sorts: ["tree": "u.tree_key", "name": "u.name_sort", "kind": "u.kind", "code": "u.code", "id": "u.id"],
        defaultSort: "tree", defaultDescending: false, tieBreaker: "u.id"
    )

    static func find(_ req: Request) async throws -> OrgUnit {
        guard let id = req.parameters.get("id", as: Int.self), let unit = try await OrgUnit.find(id, on: req.db) else {
            throw AppError.notFound("该单位")
        }
        return unit
    }

    /// One unit of a picker: what a tree of units needs, nothing more.
    struct TreeEntry: Sendable {
        let id: Int
        let name: String
        let unitPath: UnitPath?
        let depth: Int
    }

    /// All units in tree order (children by sort order, then name) with their depth, for pickers.
    /// Read with SQLKit, not Fluent: every page with a unit select reads the whole tree, and
    /// decoding a Fluent model reflects over its fields (13% of a team board's time).
    static func tree(on db: Database, activeOnly: Bool = true) async throws -> [TreeEntry] {
        struct Row: Decodable { let id: Int; let parent_id: Int?; let name: String; let path: String; let sort_order: Int }
        let sql = db as! any SQLDatabase
        let condition: SQLQueryString = activeOnly ? "WHERE active = \(bind: true)" : ""
        let units = try await sql.raw("SELECT id, parent_id, name, path, sort_order FROM units \(condition)").all(decoding: Row.self)
        let children = Dictionary(grouping: units, by: { $0.parent_id ?? 0 })
        let ids = Set(units.map(\.id))
        var ordered: [TreeEntry] = []
        ordered.reserveCapacity(units.count)
        func inOrder(_ rows: [Row]) -> [Row] { rows.sorted { ($0.sort_order, $0.name) < ($1.sort_order, $1.name) } }
        func visit(_ row: Row, _ depth: Int) {
            ordered.append(TreeEntry(id: row.id, name: row.name, unitPath: UnitPath(row.path), depth: depth))
            for kid in inOrder(children[row.id] ?? []) { visit(kid, depth + 1) }
        }
        // Roots, and units whose parent is filtered out (inactive), start at depth 0.
        for root in inOrder(units.filter { $0.parent_id == nil || !ids.contains($0.parent_id!) }) { visit(root, 0) }
        return ordered
    }

    static func options(on db: Database) async throws -> [FormField.Option] {
        try await tree(on: db).map { FormField.Option(value: "\($0.id)", label: String(repeating: "　", count: $0.depth) + $0.name) }
    }

    /// The chain of ancestors from the root to the unit's parent, for breadcrumbs.
    static func ancestors(of unit: OrgUnit, on db: Database) async throws -> [OrgUnit] {
        guard let path = unit.unitPath else { return [] }
        let ids = Array(path.ids.dropLast())
        guard !ids.isEmpty else { return [] }
        let found = try await OrgUnit.query(on: db).filter(\.$id ~~ ids).all()
        return ids.compactMap { id in found.first { $0.id == id } }
    }
}
