import Fluent
import GaoxinDomain
import SQLKit

/// The records a batch of submissions refers to, fetched with one query per target table (never
/// one per row): by id for forms and the API, by name or code for import files.
struct RegisterReferences: Sendable {
    struct Target: Sendable {
        var id: Int
        var name: String
        var active: Bool
        var path: UnitPath?
    }

    private var byID: [String: [Int: Target]] = [:]
    private var byName: [String: [String: [Target]]] = [:]
    private var byPart: [String: [String: ReferenceSearch.Matches]] = [:]

    func target(_ table: String, id: Int) -> Target? { byID[table]?[id] }
    func targets(_ table: String, named text: String) -> [Target] { byName[table]?[text] ?? [] }
    /// The active records whose name contains a form's text that named none exactly (search-then-choose).
    func matches(_ table: String, containing text: String) -> ReferenceSearch.Matches? { byPart[table]?[text] }

    /// The records of `target` that `names` name by its name or an alternate column (a code),
    /// archived ones included (a reference to one is refused by name, "已停用"). Each column is
    /// read apart, active and archived records apart: a register's unique code has one partial
    /// index for each (M0065), and `name IN (…) OR code IN (…)` read the whole table for each
    /// slice of a file — 300,000 leads for every 500 project rows.
    static func byName(_ target: RegisterTarget, select: String, _ names: [String]) -> SQLQueryString {
        var query = SQLQueryString("")
        for (index, column) in ([target.nameColumn] + target.alternateColumns).enumerated() {
            for (part, active) in ["active", "NOT active"].enumerated() {
                query.appendInterpolation(unsafeRaw: (index + part > 0 ? " UNION " : "") + "\(select) WHERE \(active) AND \(column) IN (")
                query.appendInterpolation(binds: names)
                query.appendInterpolation(unsafeRaw: ")")
            }
        }
        return query
    }

    static func load(for declaration: RegisterDeclaration, inputs: [RegisterInput], on db: Database) async throws -> RegisterReferences {
        var references = RegisterReferences()
        var ids: [String: Set<Int>] = [:]
        var names: [String: Set<String>] = [:]
        var typed: [String: Set<String>] = [:]
        var typedNames: [String: Set<String>] = [:]
        var targets: [String: RegisterTarget] = [:]
        for field in declaration.fields {
            guard let target = field.kind.target else { continue }
            targets[target.table] = target
            for input in inputs {
                let texts = (input.lists[field.key] ?? []) + (input.texts[field.key].map { [$0] } ?? [])
                // Names typed for a several-valued field are never ids (`RegisterInput.typedLists`).
                let namesOnly = input.typedLists.contains(field.key)
                for text in texts.map({ $0.trimming(.whitespaces) }) where !text.isEmpty {
                    if input.source != .json { names[target.table, default: []].insert(text) }
                    if !namesOnly, let id = Int(text) { ids[target.table, default: []].insert(id) }
                    // A unit is always chosen from the tree (its path decides ownership); other targets may be typed in part.
                    guard input.source == .form, !target.isUnit else { continue }
                    if namesOnly { typedNames[target.table, default: []].insert(text) } else if !field.kind.isMulti { typed[target.table, default: []].insert(text) }
                }
            }
        }
        let sql = db as! any SQLDatabase
        for (table, target) in targets {
            let pathColumn = target.isUnit ? ", path" : ""
            let alternates = target.alternateColumns.map { ", \($0) AS alt_\($0)" }.joined()
            let select = "SELECT id, \(target.nameColumn) AS name, active\(pathColumn)\(alternates) FROM \(table)"
            var rows: [any SQLRow] = []
            for chunk in Array(ids[table] ?? []).chunked(500) {
                rows += try await sql.raw("\(unsafeRaw: select) WHERE id IN (\(binds: chunk))").all()
            }
            for chunk in Array(names[table] ?? []).chunked(500) {
                rows += try await sql.raw(Self.byName(target, select: select, chunk)).all()
            }
            for row in rows {
                let found = Target(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                                   active: try row.decode(column: "active", as: Bool.self),
                                   path: target.isUnit ? UnitPath(try row.decode(column: "path", as: String.self)) : nil)
                references.byID[table, default: [:]][found.id] = found
                var keys = [found.name]
                for column in target.alternateColumns { if let value = try row.decodeNil(column: "alt_\(column)") ? nil : try row.decode(column: "alt_\(column)", as: String.self) { keys.append(value) } }
                for key in Set(keys) where !(references.byName[table]?[key]?.contains { $0.id == found.id } ?? false) {
                    references.byName[table, default: [:]][key, default: []].append(found)
                }
            }
        }
        // A form's text that names no record exactly is searched for, one query per table.
        for table in Set(typed.keys).union(typedNames.keys) {
            let unresolved = (typed[table] ?? []).filter { text in
                references.targets(table, named: text).isEmpty && Int(text).flatMap { references.target(table, id: $0) } == nil
            }.union((typedNames[table] ?? []).filter { references.targets(table, named: $0).isEmpty })
            guard !unresolved.isEmpty, let target = targets[table] else { continue }
            references.byPart[table] = try await ReferenceSearch.search(target.search, texts: Array(unresolved), on: sql)
        }
        return references
    }
}

extension RegisterTarget {
    /// Where a typed part of a name is searched (`ReferenceSearch`).
    var search: ReferenceSearch.Table {
        ReferenceSearch.Table(table: table, nameColumn: nameColumn, codeColumn: alternateColumns.first, measureZh: table == "enterprises" ? "家" : "个")
    }
}

extension RegisterFieldKind {
    var target: RegisterTarget? {
        switch self {
        case .reference(let target), .references(let target): return target
        default: return nil
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
