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
    /// Chosen as the state (已办结) or as a settling value of its field (a lead's stage 已签约).
    static func settledInTheirDateOrder(_ definition: ListDefinition, _ query: ListQuery) -> Bool {
        for filter in definition.filters {
            guard case .timeLimit(let limit) = filter.kind,
                  definition.sorts[definition.sortKey(query)] == "r." + RegisterField.snakeCase(limit.field) else { continue }
            if query.filters[filter.key] == RegisterExpiry.settled.rawValue { return true }
            guard let settledBy = limit.settledBy else { continue }
            let settling = definition.filters.contains { choice in
                guard case .choice(let column, _) = choice.kind, column == "r." + RegisterField.snakeCase(settledBy.field),
                      let value = query.filters[choice.key] else { return false }
                return settledBy.values.contains(value)
            }
            if settling { return true }
        }
        return false
    }

    /// The page's ids from `candidates` (the list's base, filtered), sorted outside them: behind
    /// `OFFSET 0` PostgreSQL plans the filter alone (the subquery is not pulled up), so the sort
    /// cannot be read off an index.
    static func sortedApart(_ candidates: SQLSelectBuilder, _ definition: ListDefinition, _ query: ListQuery, offset: Int) -> SQLQueryString {
        orderedOutside(candidates.offset(0), definition, query, offset: offset)
    }
}

extension ListRunner {
    /// The time limit whose valid records the list shows in the order of the limit's own date (the
    /// lead list's default order with 正常 chosen).
    ///
    /// A valid record's date is past the warning window or empty: in the date's order the dated
    /// ones come first from the window's end on, the empty ones last. Asked for `empty OR after`,
    /// PostgreSQL cannot start the date's index at the window's end, so it walked it from its start
    /// past every overdue and expiring record (85,011 of 300,040 leads: 40–60 ms); `validPageIDs`
    /// reads the two parts apart.
    static func validInTheirDateOrder(_ definition: ListDefinition, _ query: ListQuery) -> RegisterTimeLimit? {
        for filter in definition.filters {
            guard case .timeLimit(let limit) = filter.kind, let value = query.filters[filter.key],
                  (RegisterExpiry(rawValue: value) ?? .valid) == .valid,
                  definition.sorts[definition.sortKey(query)] == "r." + RegisterField.snakeCase(limit.field) else { continue }
            return limit
        }
        return nil
    }

    /// The page's ids of a list of valid records in their date's order (either direction: the
    /// empty dates are last in both): the dated records after the warning window off the date's
    /// index from that day, then — only if the page reaches past them — the undated ones by id.
    /// `filtered` makes the list's base with every filter of the query applied.
    static func validPageIDs(_ filtered: () -> SQLSelectBuilder, _ definition: ListDefinition, _ query: ListQuery,
                             limit: RegisterTimeLimit, offset: Int, on sql: any SQLDatabase) async throws -> [Int] {
        let column = "r." + RegisterField.snakeCase(limit.field)
        let afterWindow = SQLQueryString("\(unsafeRaw: column) > \(bind: RegisterTimeLimit.warningLimit(query.today, days: limit.warningDays))")
        let dated = filtered().column(SQLRaw("\(definition.tieBreaker) AS gx_id")).where(afterWindow)
        applyOrder(dated, definition, query)
        var ids = try await dated.limit(query.per).offset(offset).all(decodingColumn: "gx_id", as: Int.self)
        guard ids.count < query.per else { return ids }
        let datedCount: Int
        if ids.isEmpty {
            // The page starts past the dated records: how many there are (no more than the offset).
            let skipped = filtered().column(SQLRaw("1")).where(afterWindow).limit(offset)
            datedCount = try await sql.raw("SELECT COUNT(*) AS n FROM (\(skipped.query)) d").first(decodingColumn: "n", as: Int.self) ?? 0
        } else {
            datedCount = offset + ids.count
        }
        let undated = filtered().column(SQLRaw("\(definition.tieBreaker) AS gx_id")).where(SQLQueryString("\(unsafeRaw: column) IS NULL"))
            .orderBy(SQLOrderBy(expression: SQLRaw(definition.tieBreaker), direction: SQLDirection.ascending))
            .limit(query.per - ids.count).offset(max(0, offset - datedCount))
        ids += try await undated.all(decodingColumn: "gx_id", as: Int.self)
        return ids
    }
}
