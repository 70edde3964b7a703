import Foundation
import GaoxinDomain
import SQLKit

/// A page of a list, with the total the API and the pager show.
struct ListPage<Row: Sendable>: Sendable {
    var items: [Row]
    var total: Int
    var page: Int
    var per: Int
    /// The total was counted only so far (a search for a common word): at least `total`.
    var totalIsLowerBound = false

    var pageCount: Int { max(1, (total + per - 1) / per) }
}

/// Runs a `ListDefinition` with a `ListQuery`: one COUNT and one page query, both with the same
/// predicates; values are always bound, never spliced.
enum ListRunner {
    static func page<Row: Decodable & Sendable>(
        _ definition: ListDefinition, _ query: ListQuery, scope: (any SQLExpression)? = nil,
        deepPageOffset: Int = ListRunner.deepPageOffset, on sql: any SQLDatabase, as: Row.Type
    ) async throws -> ListPage<Row> {
        let planned = try await pageQuery(definition, query, scope: scope, deepPageOffset: deepPageOffset, on: sql)
        let items = try await planned.rows.all(decoding: Row.self, with: decoder)
        return ListPage(items: items, total: planned.total, page: query.page, per: query.per, totalIsLowerBound: planned.totalIsLowerBound)
    }

    /// The page's ids alone (a register's list, whose records are read by id afterwards; its
    /// definition selects `r.id AS id`): read by type, without a `Decodable` row each.
    static func pageIDs(
        _ definition: ListDefinition, _ query: ListQuery, scope: (any SQLExpression)? = nil, on sql: any SQLDatabase
    ) async throws -> ListPage<Int> {
        let planned = try await pageQuery(definition, query, scope: scope, deepPageOffset: deepPageOffset, on: sql)
        let items = try await DirectRows.all(expression: planned.rows.select, on: sql).map { try $0.int("id") }
        return ListPage(items: items, total: planned.total, page: query.page, per: query.per, totalIsLowerBound: planned.totalIsLowerBound)
    }

    /// The page's statement (the definition's columns, filtered, ordered and limited) and the total.
    private static func pageQuery(
        _ definition: ListDefinition, _ query: ListQuery, scope: (any SQLExpression)?, deepPageOffset: Int, on sql: any SQLDatabase
    ) async throws -> (rows: SQLSelectBuilder, total: Int, totalIsLowerBound: Bool) {
        let plan = try await searchPlan(definition, query, on: sql)
        let subtrees = try await UnitSubtrees.resolve(definition, query, on: sql)
        let total: Int
        // A bounded total is at least what it says: a sample of the postings was counted, or the cap was reached.
        var totalIsLowerBound = plan?.bounded == true
        if let plan, plan.bounded, let gram = plan.orderedGram, plan.orderedGramIsExact, let index = definition.searchIndex, scope == nil, query.filters.isEmpty {
            // A common one- or two-character term and no other condition: each posting of its gram
            // is a match (the ordered page is read off them too), so they are counted without
            // visiting a row (“有限” at a million enterprises on PostgreSQL: 28 ms of heap reads).
            total = min(try await SearchIndex.postings(index.table, gram: gram, upTo: SearchIndex.totalCap + 1, on: sql), SearchIndex.totalCap)
        } else if plan?.bounded == true || countsTimeLimitToCap(definition, query) {
            // A common word: count the matches among its rarest gram's first postings, up to the cap.
            // Over the base table: the display joins cost each of up to 5,000 candidates two seeks
            // (“科技” at a million enterprises: 13.7 → 3.8 ms of CPU).
            // A time limit's state (valid, expiring, expired): counted up to the cap too — most
            // records are valid, and no index holds a state (300,000 leads counted: 64 ms).
            let inner = sql.select().column(SQLRaw("1")).from(SQLRaw(definition.countFrom ?? definition.from))
            applyWhere(inner, definition, query, scope, plan: plan, subtrees: subtrees, counting: true)
            inner.limit(SearchIndex.totalCap + 1)
            let counted = try await sql.raw("SELECT COUNT(*) AS total FROM (\(inner.query)) s").first(decodingColumn: "total", as: Int.self) ?? 0
            total = min(counted, SearchIndex.totalCap)
            if plan.map({ !$0.bounded || $0.countsEveryMatch }) ?? true { totalIsLowerBound = counted > SearchIndex.totalCap }
        } else if plan == nil, scope == nil, query.search == nil, let rollup = definition.rollupTotal?(query) {
            total = try await sql.raw(rollup).first(decodingColumn: "total", as: Int.self) ?? 0
        } else {
            let count = sql.select().column(SQLRaw("COUNT(*) AS total")).from(SQLRaw(definition.countFrom ?? definition.from))
            applyWhere(count, definition, query, scope, plan: plan, subtrees: subtrees)
            total = try await count.first(decodingColumn: "total", as: Int.self) ?? 0
        }
        // Few rows pass the filters: fetch them through the filters' indexes and sort them, rather
        // than walk the sort's index over the whole table looking for them (a unit with a dozen
        // enterprises among a million). Many rows: walking the sort's index finds a page at once.
        // One value's rows in name order (one unit, one industry code), with an index on the
        // column and the name order: the page is read off that index whatever the number of
        // rows, so neither walk nor sort is forced.
        // A code range alone (an industry division, 33) on such an index: its rows are read off
        // the index and sorted, up to a larger number — the cost is its rows (15,127: 11 ms),
        // where walking the name index depends on where its names fall (division 33's first at
        // the 21,660th name of 1,150,000: 47 ms).
        let nameOrderFilter = plan == nil && scope == nil && query.sortKey == "name" && query.filters.count == 1
            ? Self.nameOrderFilter(definition, query, subtrees) : nil
        let oneValueInNameOrder = nameOrderFilter == .oneValue
        let codeRangeInNameOrder = nameOrderFilter == .range
        // A total that is a lower bound may stand for a million rows: never few.
        let many = total > (codeRangeInNameOrder ? sortAfterFilteringRangeLimit : sortAfterFilteringLimit) || totalIsLowerBound
        let narrowed = sql.dialect.name == "sqlite" && !many && !oneValueInNameOrder
            && (plan?.selective == true || !query.filters.isEmpty || scope != nil)
        let rows = sql.select().from(SQLRaw(definition.from))
        for column in definition.select { rows.column(SQLRaw(column)) }
        if let plan, let gram = plan.orderedGram, let index = definition.searchIndex, scope == nil, query.filters.isEmpty, query.sortKey == "name" {
            // A common term on an unfiltered list in name order: the page is read off its rarest
            // gram's postings, which are kept in that order (the tie-breaker is the id), each
            // tested by its text when the term is longer than the gram.
            let test = plan.orderedGramIsExact ? nil : SearchIndex.OrderedTest(
                base: definition.countFrom ?? definition.from, idColumn: index.idColumn, substring: substringTest(definition, query.search ?? ""))
            let page = SearchIndex.orderedPage(index.table, gram: gram, test: test, descending: query.descending, limit: query.per, offset: (query.page - 1) * query.per)
            rows.where(SQLQueryString("\(unsafeRaw: index.idColumn) IN (\(page))"))
            applyOrder(rows, definition, query, afterFiltering: sql.dialect.name == "sqlite")
        } else {
            // Many rows pass: keep SQLite from fetching them all through a filter's index and sorting
            // them (a board's 11,000 enterprises: 34 ms) when the sort's index finds a page at once.
            let walkSortIndex = sql.dialect.name == "sqlite" && many && !oneValueInNameOrder
            let offset = (query.page - 1) * query.per
            let sortKey = definition.sortKey(query)
            // PostgreSQL given a search's candidates and the display joins together estimated
            // thousands of rows and hash-joined them to a whole table (“诚新能源” at a million
            // enterprises: a parallel scan of every 12-month revenue, 83 ms); the page's ids found
            // first, it joins twenty rows (9 ms).
            let idsFirst = offset >= deepPageOffset || (sql.dialect.name == "postgresql" && plan != nil)
            let filtered = {
                let candidates = sql.select().from(SQLRaw(definition.countFrom ?? definition.from))
                applyWhere(candidates, definition, query, scope, plan: plan, subtrees: subtrees)
                return candidates
            }
            // The page's ids found apart (PostgreSQL, a filter that goes with the order), then
            // only those rows read, in the list's order.
            var pageIDs: [Int]?
            if sql.dialect.name == "postgresql", settledInTheirDateOrder(definition, query) {
                pageIDs = try await sql.raw(sortedApart(filtered(), definition, query, offset: offset)).all(decodingColumn: "id", as: Int.self)
            } else if let plan, walksOrderForCommonTerm(definition, query, plan: plan, total: total, scope: scope, on: sql) {
                pageIDs = try await commonTermPageIDs(definition, query, predicate: plan.predicate, total: total, offset: offset, on: sql)
            } else if sql.dialect.name == "postgresql", let limit = validInTheirDateOrder(definition, query) {
                pageIDs = try await validPageIDs(filtered, definition, query, limit: limit, offset: offset, on: sql)
            }
            if let pageIDs {
                rows.where(pageIDs.isEmpty ? SQLQueryString("1 = 0") : SQLQueryString("\(unsafeRaw: definition.tieBreaker) IN (\(binds: pageIDs))"))
                applyOrder(rows, definition, query)
            } else if idsFirst, let base = definition.countFrom, definition.baseSorts.contains(sortKey) {
                // A deep page: the rows it skips are walked in the base table alone (page 500 of a
                // million enterprises: 39 → 1 ms in SQLite), then only the page's rows are joined.
                let ids = sql.select().column(SQLRaw(definition.tieBreaker)).from(SQLRaw(base))
                applyWhere(ids, definition, query, scope, plan: plan, subtrees: subtrees, walkSortIndex: walkSortIndex)
                applyOrder(ids, definition, query, afterFiltering: narrowed)
                ids.limit(query.per).offset(offset)
                rows.where(SQLQueryString("\(unsafeRaw: definition.tieBreaker) IN (\(ids.query))"))
                applyOrder(rows, definition, query, afterFiltering: sql.dialect.name == "sqlite")
            } else {
                applyWhere(rows, definition, query, scope, plan: plan, subtrees: subtrees, walkSortIndex: walkSortIndex)
                applyOrder(rows, definition, query, afterFiltering: narrowed)
                rows.limit(query.per).offset(offset)
            }
        }
        return (rows, total, totalIsLowerBound)
    }

    /// How a list's filter on a column indexed with the name order (`nameOrderIndexes`) narrows it:
    /// to one value (one unit, one whole industry code) or to a range of codes (a division).
    enum NameOrderFilter { case oneValue, range }

    static func nameOrderFilter(_ definition: ListDefinition, _ query: ListQuery, _ subtrees: UnitSubtrees) -> NameOrderFilter? {
        for filter in definition.filters {
            guard let value = query.filters[filter.key] else { continue }
            switch filter.kind {
            case .unitSubtree(let column) where definition.nameOrderIndexes.contains(column) && subtrees.isSingleUnit(value):
                return .oneValue
            case .codePrefix(let column) where definition.nameOrderIndexes.contains(column):
                return ListFilter.codeRange(value).exact != nil ? .oneValue : .range
            default: continue
            }
        }
        return nil
    }

    /// Whether the list is filtered by a time limit's open state (`RegisterExpiry`: settled
    /// records are found through their stage's index and counted exactly).
    static func countsTimeLimitToCap(_ definition: ListDefinition, _ query: ListQuery) -> Bool {
        definition.filters.contains { filter in
            guard case .timeLimit = filter.kind, let value = query.filters[filter.key] else { return false }
            return (RegisterExpiry(rawValue: value) ?? .valid) != .settled
        }
    }

    /// From this many skipped rows on, a list with `baseSorts` finds the page's ids in its base
    /// table before joining (see `page`).
    static let deepPageOffset = 200

    /// Up to this many matching rows, a SQLite page is sorted after filtering (see `page`).
    static let sortAfterFilteringLimit = 5_000
    /// The same for a code range read off its index in name order (see `page`).
    static let sortAfterFilteringRangeLimit = 40_000

    /// How `q` is looked up: through the search postings when the list has them.
    static func searchPlan(_ definition: ListDefinition, _ query: ListQuery, on sql: any SQLDatabase) async throws -> SearchIndex.Plan? {
        guard let search = query.search, let index = definition.searchIndex else { return nil }
        return try await SearchIndex.plan(search, index: index, base: definition.countFrom ?? definition.from,
                                          substring: substringTest(definition, search), on: sql)
    }

    /// Every matching row in list order, for export; capped so one click cannot exhaust memory.
    static func all<Row: Decodable & Sendable>(
        _ definition: ListDefinition, _ query: ListQuery, scope: (any SQLExpression)? = nil,
        limit: Int = ListExport.maxRows, on sql: any SQLDatabase, as: Row.Type
    ) async throws -> [Row] {
        let plan = try await searchPlan(definition, query, on: sql)
        let subtrees = try await UnitSubtrees.resolve(definition, query, on: sql)
        let rows = sql.select().from(SQLRaw(definition.from))
        for column in definition.select { rows.column(SQLRaw(column)) }
        applyWhere(rows, definition, query, scope, plan: plan, subtrees: subtrees)
        applyOrder(rows, definition, query, afterFiltering: plan?.selective == true && sql.dialect.name == "sqlite")
        rows.limit(limit)
        return try await rows.all(decoding: Row.self, with: decoder)
    }

    /// The sum of each column over every matching row (not only the page): a list of money
    /// shows what its filter adds up to. Nil where no row has a value. (PostgreSQL sums a bigint
    /// as numeric; the cast gives both engines an integer.)
    static func sums(_ definition: ListDefinition, _ query: ListQuery, columns: [String], on sql: any SQLDatabase) async throws -> [Int64?] {
        guard !columns.isEmpty else { return [] }
        let select = sql.select().from(SQLRaw(definition.from))
        for (index, column) in columns.enumerated() { select.column(SQLRaw("CAST(SUM(\(column)) AS BIGINT) AS s\(index)")) }
        applyWhere(select, definition, query, nil, plan: try await searchPlan(definition, query, on: sql),
                   subtrees: try await UnitSubtrees.resolve(definition, query, on: sql))
        guard let row = try await select.first() else { return columns.map { _ in nil } }
        return try columns.indices.map { try row.decodeNil(column: "s\($0)") ? nil : row.decode(column: "s\($0)", as: Int64.self) }
    }

    static let decoder = ColumnNames.decoder

    /// `%`, `_` and `\` typed by a user are literal characters, not wildcards.
    static func likePattern(_ text: String) -> String {
        let escaped = text.lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }

    /// The substring test of `q` against every searchable column (what the postings narrow down).
    static func substringTest(_ definition: ListDefinition, _ search: String) -> SQLQueryString {
        let pattern = likePattern(search)
        var test: SQLQueryString = "("
        for (position, column) in definition.searchColumns.enumerated() {
            if position > 0 { test.appendInterpolation(unsafeRaw: " OR ") }
            test.appendInterpolation(SQLQueryString("lower(\(unsafeRaw: column)) LIKE \(bind: pattern) ESCAPE '\\'"))
        }
        test.appendInterpolation(unsafeRaw: ")")
        return test
    }

    /// `walkSortIndex`: SQLite's unary `+` on an indexed filter column keeps the planner off that
    /// index, so it walks the sort's index instead (see `page`).
    private static func applyWhere(_ builder: SQLSelectBuilder, _ definition: ListDefinition, _ query: ListQuery, _ scope: (any SQLExpression)?,
                                   plan: SearchIndex.Plan? = nil, subtrees: UnitSubtrees = UnitSubtrees(), counting: Bool = false,
                                   walkSortIndex: Bool = false) {
        let unindexed = walkSortIndex ? "+" : ""
        if let scope { builder.where(scope) }
        if let plan {
            // Only a bounded plan counts otherwise (a sample of postings); an exact one counts its
            // matches (a rare term with a time limit's state, counted to the cap for the state).
            builder.where(counting && plan.bounded ? plan.countPredicate : walkSortIndex ? plan.walkingPredicate ?? plan.predicate : plan.predicate)
        } else if let search = query.search, !definition.searchColumns.isEmpty {
            builder.where(substringTest(definition, search))
        }
        for filter in definition.filters {
            guard let value = query.filters[filter.key] else { continue }
            switch filter.kind {
            case .choice(let column, _):
                builder.where(SQLQueryString("\(unsafeRaw: column) = \(bind: value)"))
            case .flag(let column):
                // A constant, not a bound value: a partial index over the rare value (`WHERE
                // active = FALSE`) serves only a query that says so in its text (SQLite).
                builder.where(SQLQueryString("\(unsafeRaw: column) = \(unsafeRaw: value == "1" ? "TRUE" : "FALSE")"))
            case .unitSubtree(let unitIDColumn):
                builder.where(subtrees.condition(unindexed + unitIDColumn, unit: value))
            case .dateFrom(let column):
                if let day = ListFilter.parseDay(value) { builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) >= \(bind: day)")) }
            case .dateTo(let column):
                if let day = ListFilter.parseDay(value) {
                    builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) < \(bind: day.addingTimeInterval(86_400))"))
                }
            case .dayFrom(let column):
                builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) >= \(bind: value)"))
            case .dayTo(let column):
                builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) <= \(bind: value)"))
            case .linked(let register, let field):
                builder.where(SQLQueryString("""
                    EXISTS (SELECT 1 FROM register_links l WHERE l.register = \(bind: register) AND l.field = \(bind: field)
                            AND l.record_id = r.id AND l.target_id = \(bind: Int(value) ?? 0))
                    """))
            case .timeLimit(let limit):
                // Walking the sort's index, the date's is kept out (56,800 overdue projects of
                // 100,000 fetched through it and sorted for a page: 30 ms). So it is for the valid
                // state, most records: SQLite read its `IS NULL OR >` through the date's index
                // twice and gathered every match before counting the first (300,000 leads: 64 ms).
                let state = RegisterExpiry(rawValue: value) ?? .valid
                let keptOut = walkSortIndex || (state == .valid && builder.database.dialect.name == "sqlite")
                builder.where(timeLimitCondition(limit, state, today: query.today, column: keptOut ? "+r." + RegisterField.snakeCase(limit.field) : nil))
            case .choiceSet(let column, _):
                builder.where(SQLQueryString("\(unsafeRaw: column) LIKE \(bind: "%," + value + ",%")"))
            case .exactText(let column):
                builder.where(SQLQueryString("\(unsafeRaw: column) = \(bind: value)"))
            case .heldQualification(let idColumn):
                // The holders found through the qualifications' (kind, enterprise) index, not one
                // seek per enterprise (`EXISTS` counted a million enterprises: 155 ms).
                builder.where(SQLQueryString("""
                    \(unsafeRaw: idColumn) IN (SELECT q.enterprise_id FROM enterprise_qualifications q WHERE q.kind = \(bind: value)
                            AND q.granted_on <= \(bind: query.today) AND (q.expires_on IS NULL OR q.expires_on >= \(bind: query.today)))
                    """))
            case .codePrefix(let column):
                // Walking the sort's index, the code's is kept out (制造业, “C”: most of the
                // table fetched through it and sorted, 476 ms at a million enterprises).
                let range = ListFilter.codeRange(value)
                if let exact = range.exact {
                    builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) = \(bind: exact)"))
                } else {
                    builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) >= \(bind: range.low)"))
                    if let high = range.high { builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) < \(bind: high)")) }
                }
            case .id(let column):
                builder.where(SQLQueryString("\(unsafeRaw: unindexed + column) = \(bind: Int(value) ?? 0)"))
            case .integer(let column, _, _):
                builder.where(SQLQueryString("\(unsafeRaw: column) = \(bind: Int64(value) ?? 0)"))
            case .clusterMember(let column):
                builder.where(SQLQueryString("\(unsafeRaw: column) IN (\(ClusterMembership.enterpriseIDs(cluster: Int(value) ?? 0)))"))
            }
        }
    }

    /// A time limit's state on `today`, as `RegisterTimeLimit.state` reads it: settled first, then
    /// before the day expired, within the warning window expiring, else valid.
    /// `column` replaces the date column's expression (`MyWork` wraps it so a small unit's records
    /// are found through their unit index, not the whole date range).
    static func timeLimitCondition(_ limit: RegisterTimeLimit, _ state: RegisterExpiry, today: String, column override: String? = nil) -> SQLQueryString {
        let column = override ?? "r." + RegisterField.snakeCase(limit.field)
        let last = RegisterTimeLimit.warningLimit(today, days: limit.warningDays)
        let open: SQLQueryString = limit.settledBy.map {
            "(r.\(unsafeRaw: RegisterField.snakeCase($0.field)) IS NULL OR r.\(unsafeRaw: RegisterField.snakeCase($0.field)) NOT IN (\(binds: $0.values))) AND "
        } ?? ""
        switch state {
        case .settled: return limit.settledBy.map { "r.\(unsafeRaw: RegisterField.snakeCase($0.field)) IN (\(binds: $0.values))" } ?? "1 = 0"
        case .expired: return open + "\(unsafeRaw: column) < \(bind: today)"
        case .expiring: return open + "\(unsafeRaw: column) >= \(bind: today) AND \(unsafeRaw: column) <= \(bind: last)"
        case .valid: return open + "(\(unsafeRaw: column) IS NULL OR \(unsafeRaw: column) > \(bind: last))"
        }
    }

    /// `afterFiltering`: SQLite's unary `+` (a no-op on any value) keeps the planner from walking the
    /// sort's index — right when a rare search term's postings already name the few rows to sort.
    static func applyOrder(_ builder: SQLSelectBuilder, _ definition: ListDefinition, _ query: ListQuery, afterFiltering: Bool = false) {
        let sortKey = definition.sortKey(query)
        var expression = (query.descending ? definition.descendingSorts[sortKey] : nil) ?? definition.sorts[sortKey] ?? definition.tieBreaker
        if afterFiltering { expression = "+" + expression }
        // Empty values last in both directions and on both engines (SQLite puts NULL first when
        // ascending, PostgreSQL last; a list must not change order with the engine). A sort that
        // is never empty says nothing of them, so PostgreSQL reads a descending page off its index.
        let nulls = definition.nonNullSorts.contains(sortKey) ? "" : " NULLS LAST"
        builder.orderBy(SQLOrderBy(expression: SQLRaw(expression), direction: SQLRaw((query.descending ? "DESC" : "ASC") + nulls)))
        // A column with an index in name order (`nameOrderIndexes`: an enterprise's industry): one
        // value's rows by name, the index's own order — by id it sorted a million rows (38 ms).
        if let column = definition.sorts[sortKey], definition.nameOrderIndexes.contains(column), let name = definition.sorts["name"] {
            builder.orderBy(SQLOrderBy(expression: SQLRaw((afterFiltering ? "+" : "") + name), direction: query.descending ? SQLDirection.descending : .ascending))
        }
        builder.orderBy(SQLOrderBy(expression: SQLRaw(definition.tieBreaker), direction: SQLDirection.ascending))
    }
}
