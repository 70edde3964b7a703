import SQLKit

extension ListRunner {
    /// Whether the list shows a time limit's settled records (a signed or dropped lead) in the
    /// order of the limit's own date — the lead list's default, by next step.
    ///
    /// A settled record has no date to come (a signed lead no next step), so the date's index
    /// holds them after every open record, and PostgreSQL, estimating the stage independent of
    /// the date, walks the index from its start past every open one before it finds a page
    /// (90,016 settled among 300,040 leads: 142 ms). Their stage's index finds them all at a
    /// cost bounded by their number (31 ms); `sortedApart` keeps the planner from the walk.
    static func settledInTheirDateOrder(_ definition: ListDefinition, _ query: ListQuery) -> Bool {
        definition.filters.contains { filter in
            guard case .timeLimit(let limit) = filter.kind, query.filters[filter.key] == RegisterExpiry.settled.rawValue else { return false }
            return definition.sorts[definition.sortKey(query)] == "r." + RegisterField.snakeCase(limit.field)
        }
    }

    /// The page's ids from `candidates` (the list's base, filtered), sorted outside them: behind
    /// `OFFSET 0` PostgreSQL plans the filter alone (the subquery is not pulled up), so the sort
    /// cannot be read off an index.
    static func sortedApart(_ candidates: SQLSelectBuilder, _ definition: ListDefinition, _ query: ListQuery, offset: Int) -> SQLQueryString {
        let sortKey = definition.sortKey(query)
        let expression = (query.descending ? definition.descendingSorts[sortKey] : nil) ?? definition.sorts[sortKey] ?? definition.tieBreaker
        candidates.column(SQLRaw("\(definition.tieBreaker) AS gx_id")).column(SQLRaw("\(expression) AS gx_sort")).offset(0)
        let direction = query.descending ? "DESC" : "ASC"
        let nulls = definition.nonNullSorts.contains(sortKey) ? "" : " NULLS LAST"
        return "SELECT c.gx_id FROM (\(candidates.query)) c ORDER BY c.gx_sort \(unsafeRaw: direction + nulls), c.gx_id ASC LIMIT \(unsafeRaw: String(query.per)) OFFSET \(unsafeRaw: String(offset))"
    }
}
