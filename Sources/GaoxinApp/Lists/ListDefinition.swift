import Foundation
import SQLKit

/// A list's SQL, declared once: where rows come from, what can be searched, filtered and sorted.
/// The same definition serves the HTML page, the JSON endpoint and the export.
struct ListDefinition: Sendable {
    /// FROM clause, joins included (trusted, written in code).
    let from: String
    /// Selected expressions with their aliases, e.g. `u.name AS name`.
    let select: [String]
    /// Expressions searched for the substring `q` (case-insensitive for Latin letters).
    let searchColumns: [String]
    let filters: [ListFilter]
    /// Sort key → SQL expression.
    let sorts: [String: String]
    let defaultSort: String
    let defaultDescending: Bool
    /// Appended to every ORDER BY so pages are stable.
    let tieBreaker: String
}

struct ListFilter: Sendable {
    enum Kind: Sendable {
        /// Equality against one of `options`.
        case choice(column: String, options: [(value: String, zh: String, en: String)])
        /// `1`/`0` against a boolean column.
        case flag(column: String)
        /// A unit id: rows whose unit path lies inside that unit's subtree.
        case unitSubtree(pathColumn: String)
        /// Inclusive date range bounds, `YYYY-MM-DD`.
        case dateFrom(column: String)
        case dateTo(column: String)
        /// Rows whose `RoleSet`-encoded column holds the role.
        case role(column: String)
        /// Exact integer id.
        case id(column: String)
        /// Exact text (ids kept as text, e.g. the audit log's entity id).
        case exactText(column: String)
        /// Codes starting with the value (letters and digits only, so no wildcard to escape),
        /// e.g. industry `39` for every 39xx class.
        case codePrefix(column: String)
        /// Enterprises holding a qualification of the given kind today (granted, not expired).
        case heldQualification(enterpriseIDColumn: String)
    }

    let key: String
    let zh: String
    let en: String
    let kind: Kind

    func accepts(_ raw: String) -> Bool {
        switch kind {
        case .choice(_, let options): return options.contains { $0.value == raw }
        case .flag: return raw == "1" || raw == "0"
        case .unitSubtree, .id: return Int(raw).map { $0 > 0 } ?? false
        case .exactText: return raw.count <= 100
        case .heldQualification: return Qualification(rawValue: raw) != nil
        case .codePrefix: return (1...20).contains(raw.count) && raw.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        case .dateFrom, .dateTo: return ListFilter.parseDay(raw) != nil
        case .role: return Role(rawValue: raw) != nil
        }
    }

    static func parseDay(_ raw: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Foundation.Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        guard CalendarDay(raw) != nil, let date = formatter.date(from: raw) else { return nil }
        return date
    }
}

import GaoxinDomain
