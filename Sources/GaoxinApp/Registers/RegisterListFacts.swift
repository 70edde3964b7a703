import SQLKit
import GaoxinDomain

/// Values a register's list shows beside each record's fields, computed for the records of the
/// page being drawn (an enterprise's revenue over the last twelve months, the clusters it counts
/// in): columns of the statement that reads the page's rows (`RegisterStore.load(facts:)`), never
/// over the register, never stored or audited. They are list
/// columns, shown-only columns of the export (an import skips them) and keys of the API list's
/// items; a record's own page and JSON do not carry them.
struct RegisterListFacts: Sendable {
    struct Fact: Sendable {
        enum Kind: Sendable {
            /// 万元, shown in 亿元.
            case money
            case text
        }

        let key: String
        let zh: String
        let en: String
        let kind: Kind
        /// The API's description of the key.
        let descriptionZh: String
        /// A column of the list and the export (a fact may be only for the API: the month the twelve end with).
        var listed = true
        /// The list's sort key that orders by it (declared in the register's `listTuning`).
        var sort: String? = nil
        /// Its SQL over the record `r` and the facts' `join`, given whether the database is PostgreSQL.
        var sql: @Sendable (_ postgres: Bool) -> String

        /// Its alias in the statement: snake_case, since PostgreSQL folds unquoted names to lower case.
        var column: String { "gx_fact_" + RegisterField.snakeCase(key) }

        var headingZh: String { kind == .money ? zh + "（亿元）" : zh }
        var headingEn: String { kind == .money ? en + " (100m yuan)" : en }

        func text(_ value: RegisterValue?) -> String {
            switch (kind, value) {
            case (.money, .integer(let wan)?): return Wan(wan).yiText
            case (_, .text(let text)?): return text
            case (_, .integer(let number)?): return String(number)
            default: return ""
            }
        }
    }

    let facts: [Fact]
    /// Joined to the record `r` for the facts' SQL (an inner join must find a row for every record).
    let join: String

    var listed: [Fact] { facts.filter(\.listed) }

    /// A row's facts (selected as `gx_fact_<key in snake_case>`); a fact with no value is left out.
    /// The facts' aliases, in `facts`' order: worked out once per read, not once per row.
    var columns: [String] { facts.map(\.column) }

    func decode(_ row: any RowValues, columns: [String]) throws -> [String: RegisterValue] {
        var values: [String: RegisterValue] = [:]
        values.reserveCapacity(facts.count)
        for (fact, column) in zip(facts, columns) {
            switch fact.kind {
            case .money: if let number = try row.optionalInt64(column) { values[fact.key] = .integer(number) }
            case .text: if let text = try row.optionalString(column), !text.isEmpty { values[fact.key] = .text(text) }
            }
        }
        return values
    }
}
