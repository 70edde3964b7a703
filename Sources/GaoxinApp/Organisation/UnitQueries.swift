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
        var sortOrder: Int
        var active: Bool
        var userCount: Int

        var depth: Int { UnitPath(path)?.depth ?? 0 }
        var kindName: String { UnitKind(rawValue: kind)?.nameZh ?? kind }
    }

    static let list = ListDefinition(
        from: "units u LEFT JOIN units p ON p.id = u.parent_id",
        select: ["u.id AS id", "u.name AS name", "u.kind AS kind", "u.code AS code", "u.path AS path",
                 "p.name AS parent_name", "u.sort_order AS sort_order", "u.active AS active",
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

    /// All units in tree order (children by sort order, then name) with their depth, for pickers.
    static func tree(on db: Database, activeOnly: Bool = true) async throws -> [(unit: OrgUnit, depth: Int)] {
        var query = OrgUnit.query(on: db)
        if activeOnly { query = query.filter(\.$active == true) }
        let units = try await query.all()
        let children = Dictionary(grouping: units, by: { $0.parentID ?? 0 })
        let ids = Set(units.compactMap(\.id))
        var ordered: [(OrgUnit, Int)] = []
        func visit(_ parent: Int, _ depth: Int) {
            let kids = (children[parent] ?? []).sorted { ($0.sortOrder, $0.name) < ($1.sortOrder, $1.name) }
            for kid in kids {
                ordered.append((kid, depth))
                visit(kid.id!, depth + 1)
            }
        }
        // Roots, and units whose parent is filtered out (inactive), start at depth 0.
        let roots = units.filter { $0.parentID == nil || !ids.contains($0.parentID!) }
        for root in roots.sorted(by: { ($0.sortOrder, $0.name) < ($1.sortOrder, $1.name) }) {
            ordered.append((root, 0))
            visit(root.id!, 1)
        }
        return ordered
    }

    static func options(on db: Database) async throws -> [FormField.Option] {
        try await tree(on: db).map { FormField.Option(value: "\($0.unit.id!)", label: String(repeating: "　", count: $0.depth) + $0.unit.name) }
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
