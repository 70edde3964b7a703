import SQLKit

extension ListRunner {
    /// Whether a common term's page is found on PostgreSQL by walking the list's order and
    /// testing each row (`commonTermPageIDs`) — a term with many matches (a bounded plan and at
    /// least `SearchIndex.selectiveLimit` counted) and no other condition, where its rarest gram's
    /// postings do not give the page (an order other than the name's).
    ///
    /// PostgreSQL takes a `LIKE '%…%'` test for rare (40 of 100,014 projects estimated for 项目,
    /// which every project's name holds), so it tested and sorted the whole table: projects by
    /// signing date 56 ms, enterprises by revenue about 100 ms at 200,000. Walking the order's
    /// index, fifty matches come within the first few thousand rows.
    static func walksOrderForCommonTerm(_ definition: ListDefinition, _ query: ListQuery, plan: SearchIndex.Plan, total: Int,
                                         scope: (any SQLExpression)?, on sql: any SQLDatabase) -> Bool {
        sql.dialect.name == "postgresql" && plan.bounded && total >= SearchIndex.selectiveLimit
            && definition.searchIndex != nil && query.filters.isEmpty && scope == nil
    }

    /// The page's ids for `walksOrderForCommonTerm`: the first rows in the list's order, as many as
    /// should hold the page at the term's density (`total` matches at least among the table's
    /// estimated rows, with room to spare), tested by `predicate`. Should they hold fewer than a
    /// page (a sparse stretch, or the last page), the whole order is walked instead.
    static func commonTermPageIDs(_ definition: ListDefinition, _ query: ListQuery, predicate: SQLQueryString, total: Int,
                                  offset: Int, on sql: any SQLDatabase) async throws -> [Int] {
        let rows = try await estimatedRows(definition.searchIndex?.table ?? "", on: sql)
        if rows > 0 {
            let needed = offset + query.per
            let walk = needed * rows / max(total, 1) * 2 + query.per
            if walk < rows {
                let ids = try await sql.raw(walkedInOrder(definition, query, predicate: predicate, walking: walk, offset: offset, on: sql))
                    .all(decodingColumn: "id", as: Int.self)
                if ids.count == query.per { return ids }
            }
        }
        return try await sql.raw(walkedInOrder(definition, query, predicate: predicate, walking: nil, offset: offset, on: sql))
            .all(decodingColumn: "id", as: Int.self)
    }

    /// How many rows a table holds, as PostgreSQL estimates it (`reltuples`); for a table not yet
    /// analysed (-1 until autovacuum or `ANALYZE` first runs: a new database, a restored one) its
    /// largest id, which an index answers at once — a register's ids are handed out in order.
    static func estimatedRows(_ table: String, on sql: any SQLDatabase) async throws -> Int {
        let estimate = try await sql.raw("SELECT CAST(reltuples AS BIGINT) AS n FROM pg_class WHERE oid = to_regclass(\(bind: table))")
            .first(decodingColumn: "n", as: Int.self) ?? -1
        guard estimate < 0, !table.isEmpty else { return estimate }
        return try await sql.raw("SELECT COALESCE(MAX(id), 0) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The first `walking` rows in the list's order (every row when nil, behind `OFFSET 0` so that
    /// the test is not planned into them), tested by `predicate` (written over alias `r`) outside.
    static func walkedInOrder(_ definition: ListDefinition, _ query: ListQuery, predicate: SQLQueryString, walking: Int?, offset: Int,
                              on sql: any SQLDatabase) -> SQLQueryString {
        // The base alone where the order reads only its tables; else the whole FROM (an
        // enterprise's twelve-month revenue is a joined table's).
        let from = definition.baseSorts.contains(definition.sortKey(query)) ? definition.countFrom ?? definition.from : definition.from
        let ordered = sql.select().column(SQLRaw("r.*")).from(SQLRaw(from))
        applyOrder(ordered, definition, query)
        if let walking { ordered.limit(walking) } else { ordered.offset(0) }
        return orderedOutside(ordered, definition, query, where: predicate, offset: offset)
    }

    /// The page's ids from `inner` (rows under alias `r`), ordered outside it in the list's order:
    /// each of `applyOrder`'s terms is carried out as a column (`gx_o0`…), so the outer order is
    /// the list's on both sides of the subquery; the last term is the tie-breaker, the row's id,
    /// answered as `id`.
    static func orderedOutside(_ inner: SQLSelectBuilder, _ definition: ListDefinition, _ query: ListQuery,
                               where predicate: SQLQueryString? = nil, offset: Int) -> SQLQueryString {
        let order = inner.database.select()
        applyOrder(order, definition, query)
        let terms = order.select.orderBy.compactMap { $0 as? SQLOrderBy }
        for (position, term) in terms.enumerated() { inner.column(SQLAlias(term.expression, as: SQLIdentifier("gx_o\(position)"))) }
        var outer: SQLQueryString = "SELECT r.\(unsafeRaw: "gx_o\(terms.count - 1)") AS id FROM (\(inner.query)) r"
        if let predicate { outer.appendInterpolation(SQLQueryString(" WHERE \(predicate)")) }
        outer.appendInterpolation(unsafeRaw: " ORDER BY ")
        for (position, term) in terms.enumerated() {
            if position > 0 { outer.appendInterpolation(unsafeRaw: ", ") }
            outer.appendInterpolation(SQLOrderBy(expression: SQLColumn(SQLIdentifier("gx_o\(position)"), table: SQLIdentifier("r")), direction: term.direction))
        }
        outer.appendInterpolation(unsafeRaw: " LIMIT \(query.per) OFFSET \(offset)")
        return outer
    }
}
