import SQLKit
import GaoxinDomain

/// Values a register's list shows beside each record's fields, computed for the records of the
/// page being drawn (an enterprise's revenue over the last twelve months, the clusters it counts
/// in): one query for the page, never over the register, never stored or audited. They are list
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
    /// Record id → fact key → value, for the given ids (a page: at most a few hundred).
    let load: @Sendable (_ ids: [Int], _ sql: any SQLDatabase) async throws -> [Int: [String: RegisterValue]]

    var listed: [Fact] { facts.filter(\.listed) }
}
