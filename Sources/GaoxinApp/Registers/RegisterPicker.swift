import Fluent
import GaoxinDomain
import SQLKit

/// The form control of a reference whose target is too big for a select (enterprises at province
/// scale, `RegisterOptions.selectLimit`): typed, then chosen — without JavaScript. A person types a
/// name, a code or part of a name; `RegisterChecker` takes a single match and, for several, fails
/// the field; the form then comes back with those candidates as a select (posting the id) and an
/// empty box to search again, whose text, when given, wins over the select. A stored or chosen id
/// is shown as its record, selected.
enum RegisterPicker {
    struct Picker: Sendable {
        var options: [FormField.Option]
        var selected: String?
    }

    /// The box beside a picker's select.
    static func searchKey(_ key: String) -> String { key + "Search" }

    /// A posted form with each picker's search text, when typed, taking its field's place.
    static func fold(_ values: [String: String], _ declaration: RegisterDeclaration) -> [String: String] {
        var folded = values
        for field in declaration.fields where isTyped(field) {
            let key = searchKey(field.key)
            if let text = folded.removeValue(forKey: key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty { folded[field.key] = text }
        }
        return folded
    }

    /// The pickers of a form being drawn: for each typed reference field, the candidates of a text
    /// that failed, or the record of an id. One query per target table for each.
    static func pickers(_ declaration: RegisterDeclaration, values: [String: String], options: [String: [FormField.Option]],
                        errors: [FieldError], on db: Database) async throws -> [String: Picker] {
        var searches: [String: [(key: String, text: String)]] = [:], chosen: [String: [(key: String, id: Int)]] = [:]
        var targets: [String: RegisterTarget] = [:]
        for field in declaration.fields where isTyped(field) && options[field.key] == nil {
            guard let target = field.kind.target, let text = values[field.key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
            targets[target.table] = target
            if let id = Int(text) {
                chosen[target.table, default: []].append((field.key, id))
            } else if errors.contains(where: { $0.field == field.key }) {
                searches[target.table, default: []].append((field.key, text))
            }
        }
        let sql = db as! any SQLDatabase
        var pickers: [String: Picker] = [:]
        for (table, wanted) in searches {
            let found = try await ReferenceSearch.search(targets[table]!.search, texts: wanted.map(\.text), on: sql)
            for (key, text) in wanted {
                guard let candidates = found[text]?.candidates, !candidates.isEmpty else { continue }
                pickers[key] = Picker(options: candidates.map { .init(value: String($0.id), label: $0.label) }, selected: nil)
            }
        }
        for (table, wanted) in chosen {
            let found = try await ReferenceSearch.records(targets[table]!.search, ids: wanted.map(\.id), on: sql)
            for (key, id) in wanted {
                guard let record = found[id] else { continue }
                pickers[key] = Picker(options: [.init(value: String(id), label: record.label)], selected: String(id))
            }
        }
        return pickers
    }

    /// A single reference that may be typed (units are always chosen from the tree).
    private static func isTyped(_ field: RegisterField) -> Bool {
        if case .reference(let target) = field.kind { return !target.isUnit }
        return false
    }
}
