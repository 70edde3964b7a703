import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// The unit tree as pickers read it.
enum UnitQueries {
    /// One unit of a picker: what a tree of units needs, nothing more.
    struct TreeEntry: Sendable {
        let id: Int
        let name: String
        let unitPath: UnitPath?
        let depth: Int

        /// As a select offers it: indented by its depth with full-width spaces.
        var option: FormField.Option { FormField.Option(value: "\(id)", label: String(repeating: "　", count: depth) + name) }
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
        try await tree(on: db).map(\.option)
    }
}

/// A unit written without the checks and audit of a person's write — demo data, the province
/// seeder and tests build trees with it — through the register's store, so its path, tree key,
/// pinyin key and search postings are what a checked write gives.
enum UnitSeed {
    struct Fields {
        var name: String
        var kind: UnitKind
        var code: String?
        var parentID: Int?
        var sortOrder: Int
        var note: String?
    }

    static func insert(_ fields: Fields, on db: Database) async throws -> OrgUnit {
        var values: RegisterValues = ["name": .text(fields.name), "kind": .text(fields.kind.rawValue), "sortOrder": .integer(Int64(fields.sortOrder))]
        values["code"] = fields.code.map(RegisterValue.text)
        values["parentId"] = fields.parentID.map { .integer(Int64($0)) }
        values["note"] = fields.note.map(RegisterValue.text)
        let id = try await RegisterStore.insert(.units, values, now: Date(), on: db)
        guard let unit = try await OrgUnit.find(id, on: db) else { throw AppError.internalError }
        return unit
    }
}
