import Foundation
import SQLKit

/// A list's SQL, declared once: where rows come from, what can be searched, filtered and sorted.
/// The same definition serves the HTML page, the JSON endpoint and the export.
struct ListDefinition: Sendable {
    /// FROM clause, joins included (trusted, written in code).
    var from: String
    /// Selected expressions with their aliases, e.g. `u.name AS name`.
    var select: [String]
    /// Expressions searched for the substring `q` (case-insensitive for Latin letters).
    var searchColumns: [String]
    var filters: [ListFilter]
    /// Sort key → SQL expression.
    var sorts: [String: String]
    let defaultSort: String
    let defaultDescending: Bool
    /// Appended to every ORDER BY so pages are stable.
    let tieBreaker: String
    /// Where `q` is looked up (`SearchIndex`); without it, a substring scan of `searchColumns`.
    var searchIndex: ListSearchIndex? = nil
    /// The FROM clause the total is counted over, when `from` joins tables only for showing
    /// (a unit's name): every filter and search predicate reads the base table, and a COUNT over
    /// a million joined rows costs the join. Nil: `from`.
    var countFrom: String? = nil
    /// Sort keys whose expressions, like the tie-breaker, read only `countFrom`'s tables: a deep
    /// page in one of these orders finds its rows' ids there (walking the sort's index, with no
    /// display join or per-row subquery for the rows it skips) and joins only those
    /// (`ListRunner.deepPageOffset`). The tie-breaker must identify a row.
    var baseSorts: Set<String> = []
    /// Filter columns (as their filters name them, `r.unit_id`) indexed together with the name
    /// order (`column, name_sort, id`): a filter to a single value of one — a unit without units
    /// below it, a whole industry code — in name order reads its page straight off that index,
    /// however many or few rows hold the value (`ListRunner.page`).
    var nameOrderIndexes: Set<String> = []
    /// Sort keys whose expression is never null (the id, a required column): ordered without
    /// `NULLS LAST`, which PostgreSQL cannot read off an index backwards — every descending page
    /// sorted the whole table (“-name” at 200,000 enterprises: 52–81 ms; a backward scan and an
    /// incremental sort of the tie-breaker instead).
    var nonNullSorts: Set<String> = []
    /// Sort keys ordered by another expression when descending (a choice: empty values rank
    /// lowest there, so they stay last; `RegisterList.choiceOrder`).
    var descendingSorts: [String: String] = [:]
    /// The sort a query is ordered by: its own when the list offers it, else the default.
    func sortKey(_ query: ListQuery) -> String { sorts[query.sortKey] == nil ? defaultSort : query.sortKey }
    /// The total from a maintained roll-up when the query's filters are ones it is kept by (and
    /// there is no search): nil means count the rows.
    var rollupTotal: (@Sendable (ListQuery) -> SQLQueryString?)? = nil
}

struct ListFilter: Sendable {
    enum Kind: Sendable {
        /// Equality against one of `options`.
        case choice(column: String, options: [(value: String, zh: String, en: String)])
        /// `1`/`0` against a boolean column.
        case flag(column: String)
        /// A unit id: rows whose unit path lies inside that unit's subtree.
        case unitSubtree(unitIDColumn: String)
        /// Inclusive date range bounds, `YYYY-MM-DD`.
        case dateFrom(column: String)
        case dateTo(column: String)
        /// Inclusive bounds on a day stored as `YYYY-MM-DD` text (declared registers' dates).
        case dayFrom(column: String)
        case dayTo(column: String)
        /// Records of a declared register linked to the target id through a several-valued field.
        case linked(register: String, field: String)
        /// A declared register's time limit (`RegisterTimeLimit`, columns of alias `r`) on the request's day.
        case timeLimit(RegisterTimeLimit)
        /// Rows whose `,a,b,`-encoded column (`RegisterChoiceSet`, a user's roles) holds one of `options`.
        case choiceSet(column: String, options: [(value: String, zh: String, en: String)])
        /// Exact integer id.
        case id(column: String)
        /// An exact whole number within bounds (a year).
        case integer(column: String, min: Int64, max: Int64)
        /// Exact text (ids kept as text, e.g. the audit log's entity id).
        case exactText(column: String)
        /// Codes starting with the value (letters and digits only, so no wildcard to escape),
        /// e.g. industry `39` for every 39xx class.
        case codePrefix(column: String)
        /// Enterprises holding a qualification of the given kind today (granted, not expired).
        case heldQualification(enterpriseIDColumn: String)
        /// Rows whose enterprise column names a member of the cluster with the given id (`ClusterMembership`).
        case clusterMember(enterpriseIDColumn: String)
    }

    let key: String
    let zh: String
    let en: String
    let kind: Kind

    func accepts(_ raw: String) -> Bool {
        switch kind {
        case .choice(_, let options), .choiceSet(_, let options): return options.contains { $0.value == raw }
        case .flag: return ListFilter.flagValues.contains(raw)
        case .unitSubtree, .id, .linked, .clusterMember: return Int(raw).map { $0 > 0 } ?? false
        case .integer(_, let min, let max): return Int64(raw).map { (min...max).contains($0) } ?? false
        case .exactText: return raw.unicodeScalars.count <= ListFilter.maxTextLength
        case .heldQualification: return Qualification(rawValue: raw) != nil
        case .codePrefix: return (1...20).contains(raw.count) && raw.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        case .dateFrom, .dateTo: return ListFilter.parseDay(raw) != nil
        case .dayFrom, .dayTo: return ListFilter.parseDay(raw) != nil
        case .timeLimit(let limit): return RegisterExpiry(rawValue: raw).map(limit.states.contains) ?? false
        }
    }

    /// The ids of a unit's subtree (itself and every unit below it), as a subquery: units are few,
    /// so rows are then found through their unit index rather than by testing each row's path.
    static func subtreeUnitIDs(_ value: String) -> SQLQueryString {
        "SELECT s.id FROM units s WHERE s.path LIKE (SELECT path FROM units WHERE id = \(bind: Int(value) ?? 0)) || '%'"
    }

    /// “C39” means the same as “39”: stored industry codes are digits, the section letter implied.
    static func codeDigits(_ value: String) -> String {
        value.count > 1 && value.first!.isLetter && value.dropFirst().allSatisfy(\.isNumber) ? String(value.dropFirst()) : value
    }

    /// The stored codes a code filter's value selects, as a range `low ..< high` of their text
    /// (nil `high`: no upper end): a range is read off the column's index on both engines, where
    /// `LIKE '3311%'` was not (SQLite's LIKE folds case, so its index serves no prefix: 58 ms at
    /// a million enterprises against 1 ms). A code's prefix runs to the same prefix with its last
    /// character's successor (“3311” to “3312”, “39” to “3:”), which both engines order as bytes
    /// (`DatabaseCollation`); a section letter alone (“C” 制造业) stands for its divisions, 13 to 43.
    /// `exact`: the value is a whole code (4 digits, 小类, the finest level stored), which only
    /// that code begins with: the filter is an equality, served by an index in name order.
    static func codeRange(_ value: String) -> (low: String, high: String?, exact: String?) {
        if value.count == 1, let letter = value.uppercased().first, let divisions = IndustryCode.divisions(ofSection: letter) {
            return (twoDigits(divisions.lowerBound), twoDigits(divisions.upperBound + 1), nil)
        }
        let prefix = codeDigits(value)
        let exact = prefix.count == 4 && prefix.allSatisfy(\.isASCII) && prefix.allSatisfy(\.isNumber) ? prefix : nil
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return (prefix, nil, exact) }
        return (prefix, String(prefix.unicodeScalars.dropLast()) + String(next), exact)
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    /// Longest exact-text filter value, in Unicode scalars (JSON Schema's `maxLength` unit).
    static let maxTextLength = 100

    /// A date bound `YYYY-MM-DD`, any real day of years 0001–9999 (what OpenAPI's `format: date`
    /// admits): a bound far in the past or future is a legal question with an empty answer.
    static func parseDay(_ raw: String) -> Date? {
        let text = Array(raw.utf8)
        guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
              text.enumerated().allSatisfy({ $0.offset == 4 || $0.offset == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) })
        else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(text[$1] - UInt8(ascii: "0")) } }
        let (year, month, day) = (number(0..<4), number(5..<7), number(8..<10))
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard year >= 1, (1...12).contains(month), (1...days[month - 1]).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }
}

import GaoxinDomain
