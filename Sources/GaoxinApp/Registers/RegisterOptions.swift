import Fluent
import GaoxinDomain
import SQLKit

/// The choices a register's form and filters offer: the fields' own choices, and the active
/// records of the registers its references point to (units as the indented tree).
enum RegisterOptions {
    /// Longest list a select offers; a bigger target is typed (name, code or part of a name), searched and chosen (`RegisterPicker`).
    static let selectLimit = 500

    static func formOptions(_ declaration: RegisterDeclaration, actor: Actor, lang: UILanguage, on db: Database) async throws -> [String: [FormField.Option]] {
        var options: [String: [FormField.Option]] = [:]
        for field in declaration.fields {
            if let choices = try await choices(field, lang: lang, on: db) { options[field.key] = choices }
        }
        // The `unit` role keeps records of its own subtree only: the owning unit is chosen among those.
        if case .unitField(let key) = declaration.ownership, actor.isOwnershipBound {
            options[key] = try await UnitQueries.tree(on: db).filter { $0.unitPath.map(actor.owns) ?? false }.map(\.option)
        }
        return options
    }

    /// A record's form offers the reference it already holds even when its target was deactivated
    /// since (the checker lets it stay), marked as such, so saving another field does not empty it.
    static func keepDeactivated(_ record: RegisterRecord, _ declaration: RegisterDeclaration, in options: inout [String: [FormField.Option]], lang: UILanguage) {
        for field in declaration.singleFields {
            guard case .reference = field.kind, let id = record.values[field.key]?.integer, var list = options[field.key],
                  !list.contains(where: { $0.value == String(id) }) else { continue }
            let name = record.referenceNames[field.key]?.first ?? "#\(id)"
            list.append(FormField.Option(value: String(id), label: name + lang.t("（已停用）", " (deactivated)")))
            options[field.key] = list
        }
    }

    static func filterControls(_ declaration: RegisterDeclaration, lang: UILanguage, on db: Database) async throws -> [ListView.FilterControl] {
        var controls: [ListView.FilterControl] = []
        for field in declaration.fields where field.filterable {
            switch field.kind {
            case .date:
                controls.append(.init(key: field.key + "From", label: lang.t(field.zh + "起", field.en + " from"), options: []))
                controls.append(.init(key: field.key + "To", label: lang.t(field.zh + "止", field.en + " to"), options: []))
            case .industry:
                controls.append(.init(key: field.key, label: field.label(lang), options: []))
            default:
                let choices = try await choices(field, lang: lang, on: db) ?? []
                controls.append(.init(key: field.key, label: field.label(lang), options: choices.map { ($0.value, $0.label) }))
                if case .reference(let target) = field.kind, target.table == RegisterTarget.enterprise.table {
                    let clusters = try await Self.choices(RegisterField(key: "", zh: "", en: "", kind: .reference(.cluster)), lang: lang, on: db) ?? []
                    controls.append(.init(key: field.memberClusterKey, label: lang.t(field.zh + "所属集群", field.en + "'s cluster"),
                                          options: clusters.map { ($0.value, $0.label) }))
                }
            }
        }
        if let limit = declaration.timeLimit {
            controls.append(.init(key: limit.key, label: limit.label(lang), options: limit.states.map { ($0.rawValue, limit.name($0, lang)) }))
        }
        if declaration.tree != nil {
            controls.append(.init(key: RegisterTree.underKey, label: lang.t("所属上级", "Under"), options: try await UnitQueries.options(on: db).map { ($0.value, $0.label) }))
        }
        // Filters a register's `listTuning` adds (an enterprise's held qualification, its cluster).
        for filter in RegisterList.definition(declaration).filters where filter.key != "active" && !controls.contains(where: { $0.key == filter.key }) {
            switch filter.kind {
            case .choice(_, let options), .choiceSet(_, let options):
                controls.append(.init(key: filter.key, label: lang.t(filter.zh, filter.en), options: options.map { ($0.value, lang.t($0.zh, $0.en)) }))
            case .heldQualification:
                controls.append(.init(key: filter.key, label: lang.t(filter.zh, filter.en), options: Qualification.allCases.map { ($0.rawValue, lang.t($0.nameZh, $0.nameEn)) }))
            case .clusterMember:
                let clusters = try await Self.choices(RegisterField(key: "", zh: "", en: "", kind: .reference(.cluster)), lang: lang, on: db) ?? []
                controls.append(.init(key: filter.key, label: lang.t(filter.zh, filter.en), options: clusters.map { ($0.value, $0.label) }))
            default:
                controls.append(.init(key: filter.key, label: lang.t(filter.zh, filter.en), options: []))
            }
        }
        controls.append(.init(key: "active", label: lang.t("状态", "Status"), options: [("1", lang.t("在用", "Active")), ("0", lang.t("已停用", "Deactivated"))]))
        return controls
    }

    /// A select's options for a field, or nil when the field is typed.
    static func choices(_ field: RegisterField, lang: UILanguage, on db: Database) async throws -> [FormField.Option]? {
        switch field.kind {
        case .choice(let choices), .choices(let choices): return choices.map { .init(value: $0.value, label: lang.t($0.zh, $0.en)) }
        case .flag: return [.init(value: "1", label: lang.t("是", "Yes")), .init(value: "0", label: lang.t("否", "No"))]
        case .reference(let target), .references(let target):
            if target.isUnit { return try await UnitQueries.options(on: db) }
            let rows = try await (db as! any SQLDatabase).raw("""
                SELECT id, \(unsafeRaw: target.nameColumn) AS name FROM \(unsafeRaw: target.table) WHERE active = \(bind: true)
                ORDER BY name_sort, id LIMIT \(unsafeRaw: String(selectLimit + 1))
                """).all()
            guard rows.count <= selectLimit else { return nil }
            return try rows.map { .init(value: String(try $0.decode(column: "id", as: Int.self)), label: try $0.decode(column: "name", as: String.self)) }
        default: return nil
        }
    }
}
