import Fluent
import GaoxinDomain
import GaoxinSheets
import Plot
import SQLKit

/// A declared register's list: its SQL (search, filters and sorts from the fields' flags), its
/// columns on screen, and its export in the import's own format, so an exported file edited in a
/// spreadsheet imports back without change.
enum RegisterList {
    struct IDRow: Decodable, Sendable { var id: Int }

    /// The list of a register: worked out once for every declared register (declarations are
    /// static and a key names one of them; every list request asked for it, 1.4 % of an API list
    /// request's CPU), afresh for any other (a test's probe register).
    static func definition(_ declaration: RegisterDeclaration) -> ListDefinition {
        declaredDefinitions[declaration.key] ?? build(declaration)
    }

    private static let declaredDefinitions = Registers.byKey(build)

    private static func build(_ declaration: RegisterDeclaration) -> ListDefinition {
        var filters: [ListFilter] = []
        for field in declaration.fields where field.filterable {
            switch field.kind {
            case .choice(let choices):
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .choice(column: "r.\(field.column)", options: choices.map { ($0.value, $0.zh, $0.en) })))
            case .choices(let choices):
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .choiceSet(column: "r.\(field.column)", options: choices.map { ($0.value, $0.zh, $0.en) })))
            case .flag:
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .flag(column: "r.\(field.column)")))
            case .reference(let target) where target.isUnit:
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .unitSubtree(unitIDColumn: "r.\(field.column)")))
            case .reference(let target):
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .id(column: "r.\(field.column)")))
                if target.table == RegisterTarget.enterprise.table {
                    filters.append(ListFilter(key: field.memberClusterKey, zh: field.zh + "所属集群", en: field.en + "'s cluster",
                                              kind: .clusterMember(enterpriseIDColumn: "r.\(field.column)")))
                }
            case .references:
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .linked(register: declaration.key, field: field.key)))
            case .date:
                filters.append(ListFilter(key: field.key + "From", zh: field.zh, en: field.en, kind: .dayFrom(column: "r.\(field.column)")))
                filters.append(ListFilter(key: field.key + "To", zh: field.zh, en: field.en, kind: .dayTo(column: "r.\(field.column)")))
            case .industry:
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .codePrefix(column: "r.\(field.column)")))
            case .integer(let min, let max):
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .integer(column: "r.\(field.column)", min: min, max: max)))
            default: break
            }
        }
        if let limit = declaration.timeLimit {
            filters.append(ListFilter(key: limit.key, zh: limit.labelZh, en: limit.labelEn, kind: .timeLimit(limit)))
        }
        if declaration.tree != nil {
            // A record and everything below it (`?under=5`), by the materialised path.
            filters.append(ListFilter(key: RegisterTree.underKey, zh: "所属上级", en: "Under", kind: .unitSubtree(unitIDColumn: "r.id")))
        }
        filters.append(ListFilter(key: "active", zh: "状态", en: "Status", kind: .flag(column: "r.active")))
        var sorts = ["name": "r.name_sort", "id": "r.id"]
        var descendingSorts: [String: String] = [:]
        var nonNullSorts: Set<String> = ["name", "id"]  // every record has both (`RegisterTable`: NOT NULL)
        for field in declaration.singleFields where field.sortable && field.key != declaration.nameField {
            if let order = choiceOrder(field) {
                sorts[field.key] = order.ascending
                descendingSorts[field.key] = order.descending
                nonNullSorts.insert(field.key)
            } else {
                sorts[field.key] = sortExpression(field)
            }
        }
        // A tree lists depth first, siblings in their order (`RegisterTree`).
        if declaration.tree != nil { sorts["tree"] = "r.tree_key" }
        // A code searched by its beginning (a credit code) has its own index, not the postings; a
        // credit code is also found by its organisation code, characters 9–17.
        let prefixed = declaration.fields.filter(\.searchedByPrefix)
        let prefixColumns = prefixed.flatMap { field -> [String] in
            if case .creditCode = field.kind { return ["r.\(field.column)", "substr(r.\(field.column), 9)"] }
            return ["r.\(field.column)"]
        }
        var definition = ListDefinition(
            from: "\(declaration.table) r", select: ["r.id AS id"],
            searchColumns: declaration.fields.filter { $0.searchable || $0.searchedByPrefix }.map { "r.\($0.column)" },
            filters: filters, sorts: sorts, defaultSort: declaration.defaultSort, defaultDescending: declaration.defaultDescending, tieBreaker: "r.id",
            searchIndex: ListSearchIndex(table: declaration.table, idColumn: "r.id", prefixColumns: prefixColumns))
        definition.descendingSorts = descendingSorts
        definition.nonNullSorts = nonNullSorts
        declaration.listTuning?(&definition)
        return definition
    }

    /// The records of a list page (or an export) in the order asked, with the register's list facts,
    /// read by one statement per 500 records.
    static func records(_ declaration: RegisterDeclaration, ids: [Int], today: String, on db: any Database) async throws -> [RegisterRecord] {
        try await RegisterStore.load(declaration, ids: ids, today: today, facts: declaration.listFacts, on: db)
    }

    /// A choice sorts in the order its choices are declared (国家级, 省级, 市级), not by its stored code.
    static func sortExpression(_ field: RegisterField) -> String {
        guard case .choice(let choices) = field.kind else { return "r.\(field.column)" }
        return "CASE r.\(field.column) \(rankCases(choices)) END"
    }

    /// `WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 …`: each choice's place in the declaration.
    private static func rankCases(_ choices: [RegisterChoice]) -> String {
        choices.enumerated().map { "WHEN '\($0.element.value.replacingOccurrences(of: "'", with: "''"))' THEN \($0.offset)" }.joined(separator: " ")
    }

    /// A choice's list order in each direction, never empty: an empty (or unknown) value ranks
    /// after the last choice ascending and below the first descending — last either way, as
    /// `NULLS LAST` put it, but ordered without it, so that one index per direction over the
    /// expression gives the order on both engines (PostgreSQL cannot read `DESC NULLS LAST`
    /// backwards off an index). Without such an index an enterprise's tier sorted a million rows
    /// (430–560 ms; M0063 has them).
    /// `alias`: the table's in the list query (`r.`); an index names the bare column.
    static func choiceOrder(_ field: RegisterField, alias: String = "r.") -> (ascending: String, descending: String)? {
        guard case .choice(let choices) = field.kind else { return nil }
        let cases = rankCases(choices)
        return ("CASE \(alias)\(field.column) \(cases) ELSE \(choices.count) END", "CASE \(alias)\(field.column) \(cases) ELSE -1 END")
    }

    /// Screen columns: the name (linking to the record), the fields marked `listed`, the status.
    static func columns(_ declaration: RegisterDeclaration) -> [ListColumn<RegisterRecord>] {
        let indented = declaration.tree != nil
        var columns: [ListColumn<RegisterRecord>] = [
            ListColumn(declaration.name.zh, declaration.name.en, sort: "name",
                       html: { record, _ in
                           let link: Node<HTML.BodyContext> = .a(.href(declaration.path(record.id)), .text(RegisterWrites.name(declaration, record)))
                           guard indented else { return link }
                           // A tree's record is indented by its depth, as the tree reads.
                           let depth = record.treePath.flatMap(UnitPath.init)?.depth ?? 0
                           return .span(.class("tree-name"), .attribute(named: "style", value: "padding-left: \(Double(depth) * 1.2)em"), link)
                       },
                       export: { record, _ in .text(RegisterWrites.name(declaration, record)) }),
        ]
        for field in declaration.fields where field.listed && field.key != declaration.nameField {
            let isNumber: Bool = { switch field.kind { case .money, .area, .integer, .decimal: return true; default: return false } }()
            let heading = { () -> (String, String) in
                if case .money = field.kind { return (field.zh + "（亿元）", field.en + " (100m yuan)") }
                return (field.zh, field.en)
            }()
            columns.append(ListColumn(heading.0, heading.1, sort: field.sortable ? field.key : nil,
                                      html: { record, context in
                                          isNumber ? .span(.class("num"), .text(RegisterDisplay.text(field, record, context.lang))) : .text(RegisterDisplay.text(field, record, context.lang))
                                      },
                                      export: { record, lang in .text(RegisterDisplay.text(field, record, lang)) }))
        }
        if let limit = declaration.timeLimit {
            columns.append(.text(limit.labelZh, limit.labelEn) { record, lang in record.expiry.map { limit.name($0, lang) } ?? "" })
        }
        for count in declaration.counts {
            columns.append(ListColumn(count.zh, count.en, html: { record, _ in .span(.class("num"), .text("\(record.counts[count.key] ?? 0)")) },
                                      export: { record, _ in .integer(Int64(record.counts[count.key] ?? 0)) }))
        }
        for fact in declaration.listFacts?.listed ?? [] {
            columns.append(ListColumn(fact.headingZh, fact.headingEn, sort: fact.sort,
                                      html: { record, _ in
                                          let text = fact.text(record.facts?[fact.key])
                                          return fact.kind == .money ? .span(.class("num"), .text(text.isEmpty ? "—" : text)) : .text(text)
                                      },
                                      export: { record, _ in .text(fact.text(record.facts?[fact.key])) }))
        }
        columns.append(.text("状态", "Status") { record, lang in record.active ? lang.t("在用", "Active") : lang.t("已停用", "Deactivated") })
        return columns
    }

    /// The export: the import template's columns in its order and units (money in 万元, references
    /// by name), plus 状态, which an import skips.
    static func table(_ declaration: RegisterDeclaration, _ records: [RegisterRecord], lang: UILanguage) -> SheetTable {
        // A secret is never exported (an import leaves a stored one alone when its column is absent).
        let fields = declaration.inputFields.filter { !$0.kind.isSecret }
        // Counts, the status and what is written elsewhere (a last sign-in) are shown only (an
        // import skips them); a register whose import matches rows by 系统编号 (a tree's) carries it last.
        let shownOnly = declaration.fields.filter { $0.maintainedElsewhere && $0.listed }
        let facts = declaration.listFacts?.listed ?? []
        let header = fields.map { SheetCell.text(lang.t($0.headingZh, $0.headingEn)) } + declaration.counts.map { .text(lang.t($0.zh, $0.en)) }
            + [.text(lang.t("状态", "Status"))] + shownOnly.map { .text(lang.t($0.headingZh, $0.headingEn)) }
            + facts.map { .text(lang.t($0.headingZh, $0.headingEn)) }
            + (declaration.exportsID ? [.text(lang.t(RegisterDeclaration.idHeadingZh, RegisterDeclaration.idHeadingEn))] : [])
        let rows = records.map { record in
            fields.map { RegisterDisplay.cell($0, record) } + declaration.counts.map { .integer(Int64(record.counts[$0.key] ?? 0)) }
                + [.text(record.active ? "在用" : "已停用")] + shownOnly.map { RegisterDisplay.cell($0, record) }
                + facts.map { .text($0.text(record.facts?[$0.key])) }
                + (declaration.exportsID ? [.integer(Int64(record.id))] : [])
        }
        var table = SheetTable(name: declaration.title(lang), rows: [header] + rows)
        table.textColumns = Set(fields.enumerated().filter { if case .integer = $0.element.kind { return false }; return !$0.element.isNumeric }.map(\.offset))
        return table
    }
}

extension RegisterField {
    /// The filter of an enterprise reference by the cluster its enterprise counts in (`enterpriseId` → `enterpriseCluster`).
    var memberClusterKey: String { (key.hasSuffix("Id") ? String(key.dropLast(2)) : key) + "Cluster" }

    var isNumeric: Bool {
        switch kind {
        case .money, .area, .integer, .decimal: return true
        default: return false
        }
    }
}
