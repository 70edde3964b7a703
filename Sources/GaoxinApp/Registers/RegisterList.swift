import GaoxinDomain
import GaoxinSheets
import Plot

/// A declared register's list: its SQL (search, filters and sorts from the fields' flags), its
/// columns on screen, and its export in the import's own format, so an exported file edited in a
/// spreadsheet imports back without change.
enum RegisterList {
    struct IDRow: Decodable, Sendable { var id: Int }

    static func definition(_ declaration: RegisterDeclaration) -> ListDefinition {
        var filters: [ListFilter] = []
        for field in declaration.fields where field.filterable {
            switch field.kind {
            case .choice(let choices):
                filters.append(ListFilter(key: field.key, zh: field.zh, en: field.en, kind: .choice(column: "r.\(field.column)", options: choices.map { ($0.value, $0.zh, $0.en) })))
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
        filters.append(ListFilter(key: "active", zh: "状态", en: "Status", kind: .flag(column: "r.active")))
        var sorts = ["name": "r.name_sort", "id": "r.id"]
        for field in declaration.singleFields where field.sortable && field.key != declaration.nameField { sorts[field.key] = sortExpression(field) }
        return ListDefinition(
            from: "\(declaration.table) r", select: ["r.id AS id"],
            searchColumns: declaration.fields.filter(\.searchable).map { "r.\($0.column)" },
            filters: filters, sorts: sorts, defaultSort: declaration.defaultSort, defaultDescending: declaration.defaultDescending, tieBreaker: "r.id",
            searchIndex: ListSearchIndex(table: declaration.table, idColumn: "r.id"))
    }

    /// A choice sorts in the order its choices are declared (国家级, 省级, 市级), not by its stored code.
    static func sortExpression(_ field: RegisterField) -> String {
        guard case .choice(let choices) = field.kind else { return "r.\(field.column)" }
        let cases = choices.enumerated().map { "WHEN '\($0.element.value.replacingOccurrences(of: "'", with: "''"))' THEN \($0.offset)" }.joined(separator: " ")
        return "CASE r.\(field.column) \(cases) END"
    }

    /// Screen columns: the name (linking to the record), the fields marked `listed`, the status.
    static func columns(_ declaration: RegisterDeclaration) -> [ListColumn<RegisterRecord>] {
        var columns: [ListColumn<RegisterRecord>] = [
            ListColumn(declaration.name.zh, declaration.name.en, sort: "name",
                       html: { record, _ in .a(.href(declaration.path(record.id)), .text(RegisterWrites.name(declaration, record))) },
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
        columns.append(.text("状态", "Status") { record, lang in record.active ? lang.t("在用", "Active") : lang.t("已停用", "Deactivated") })
        return columns
    }

    /// The export: the import template's columns in its order and units (money in 万元, references
    /// by name), plus 状态, which an import skips.
    static func table(_ declaration: RegisterDeclaration, _ records: [RegisterRecord], lang: UILanguage) -> SheetTable {
        let fields = declaration.inputFields
        let header = fields.map { SheetCell.text(lang.t($0.headingZh, $0.headingEn)) } + [.text(lang.t("状态", "Status"))]
        let rows = records.map { record in
            fields.map { RegisterDisplay.cell($0, record) } + [.text(record.active ? "在用" : "已停用")]
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
