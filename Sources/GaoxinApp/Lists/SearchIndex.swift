import Foundation
import GaoxinDomain
import SQLKit

/// Where a list's search term is looked up without reading every row: a posting table
/// (`search_grams`: table, gram, record) holding each searchable text's distinct characters and
/// pairs of adjacent characters, lower-cased. FTS5's trigram tokenizer finds nothing for two
/// characters and pg_trgm scans for them (TOOLING.md), so one index of our own serves both engines
/// alike. A term of one or two characters is answered by one gram's postings exactly; a longer one
/// by intersecting its pairs' postings and checking the candidates with the substring test. A term
/// whose every gram is common (“有限”, “科技”) is paged off its rarest gram's postings, kept in name
/// order, when the list is unfiltered and in name order (by the list's own order with the
/// substring test otherwise), and its total is bounded, shown as “N+”.
///
/// The postings live in two tables of the same shape: `search_grams`, the main one, and
/// `search_grams_recent`, where an import's new records are filed (`SearchPostingsLoad.finishAppend`)
/// — a small b-tree that a sorted load appends to, where the main one (3 GB at a million
/// enterprises) took a page read and a page write for nearly every posting (50,000 new names: 52 s
/// into the main tree, 3.8 s into an empty one). Every read takes both (`gramPostings`), and
/// `SearchPostingsMerge` moves the recent postings into the main tree in key-ordered chunks once
/// they are many, so each of its pages is rewritten once for many postings.
enum SearchIndex {
    static let table = "search_grams"
    /// Postings of records an import filed, not yet merged into `table`.
    static let recent = "search_grams_recent"
    /// What each record is filed under (`SearchPostingsLoad.createFilingsTable`).
    static let filings = "search_filings"
    /// A gram with more postings than this is common: the total of a term made only of common grams is
    /// bounded. Measured at 1,000,000 enterprises (BENCHMARKS.md): sorting up to this many candidates
    /// for a page stays within a few milliseconds; above it, walking the list's order finds a page at once.
    static let selectiveLimit = 2_000
    /// How many of a term's pairs are probed for their postings.
    static let probedGrams = 6
    /// The most a bounded total counts (among that many of the rarest gram's postings).
    static let totalCap = 5_000

    /// The grams of a text: each character and each pair of adjacent characters, lower-cased,
    /// whitespace skipped (a pair never spans a space).
    static func grams(_ text: String) -> Set<String> {
        var grams: [String] = []
        appendGrams(of: text, to: &grams)
        return Set(grams)
    }

    /// A text's grams appended, repeats and all.
    static func appendGrams(of text: String, to grams: inout [String]) {
        for word in text.lowercased().split(whereSeparator: { $0.isWhitespace }) {
            var previous: Character?
            for character in word {
                grams.append(String(character))
                if let previous { grams.append(String([previous, character])) }
                previous = character
            }
        }
    }

    /// Each gram once by its bytes — as the database keys them — in byte order. Sorting a name's
    /// twenty-odd grams is cheaper than hashing them into a `Set`, whose `String` hashing
    /// normalises every gram first (a tenth of an enterprise import's time, BENCHMARKS.md).
    static func distinct(_ grams: [String]) -> [String] {
        let sorted = grams.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var result: [String] = []
        result.reserveCapacity(sorted.count)
        for gram in sorted where result.last.map({ !$0.utf8.elementsEqual(gram.utf8) }) ?? true { result.append(gram) }
        return result
    }

    /// The grams a term is looked up by: itself when one character, else its pairs. Nil when the
    /// index cannot answer it (whitespace inside, or longer than the pairs help with).
    static func termGrams(_ term: String) -> [String]? {
        let characters = Array(term.lowercased())
        guard !characters.isEmpty, characters.count <= 40, !characters.contains(where: \.isWhitespace) else { return nil }
        if characters.count == 1 { return [String(characters)] }
        var pairs: [String] = []
        for index in 0..<(characters.count - 1) {
            let pair = String([characters[index], characters[index + 1]])
            if !pairs.contains(pair) { pairs.append(pair) }
        }
        return pairs
    }

    /// How a search is run for one term.
    struct Plan: Sendable {
        /// Replaces the substring test in the list's WHERE.
        let predicate: SQLQueryString
        /// Candidates come from the postings: on SQLite the page is sorted after filtering
        /// (walking the sort index for a rare term would read every row).
        let selective: Bool
        /// The total is counted up to `totalCap` (every gram common).
        let bounded: Bool
        /// What a bounded total counts: the substring test among the rarest gram's first postings.
        var countPredicate: SQLQueryString = "1 = 0"
        /// A common term (no code prefix): its rarest gram, whose postings in name order give the
        /// page when the list is unfiltered and sorted by name — each of them a match for a term of
        /// one or two characters, candidates tested by their text for a longer one
        /// (`orderedGramIsExact`).
        var orderedGram: String? = nil
        /// Every posting of `orderedGram` is a match: they are the page and the total.
        var orderedGramIsExact = false
        /// A bounded count tests every candidate row, not a sample of postings: below the cap the
        /// total is exact (a common code prefix).
        var countsEveryMatch = false
        /// The predicate for a page that walks the list's order (SQLite): what a code's index
        /// would find kept off it. Nil: `predicate`.
        var walkingPredicate: SQLQueryString? = nil
        /// No record can match (`1 = 0`).
        var matchesNothing = false
    }

    /// How many postings `gram` has in `table`, counted no further than `limit`.
    /// (Each table is counted up to `limit`, so the sum may pass it: callers compare or cap.)
    static func postings(_ table: String, gram: String, upTo limit: Int, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM search_grams WHERE tbl = \(bind: table) AND gram = \(bind: gram)
            LIMIT \(unsafeRaw: String(limit))) m) + (SELECT COUNT(*) FROM (SELECT 1 FROM search_grams_recent WHERE tbl = \(bind: table)
            AND gram = \(bind: gram) LIMIT \(unsafeRaw: String(limit))) r) AS n
            """).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The records filed under `gram` in `table`, from both posting tables: a `SELECT record_id`.
    static func gramPostings(_ table: String, gram: String) -> SQLQueryString {
        """
        SELECT record_id FROM (SELECT record_id FROM search_grams WHERE tbl = \(bind: table) AND gram = \(bind: gram)
        UNION ALL SELECT record_id FROM search_grams_recent WHERE tbl = \(bind: table) AND gram = \(bind: gram)) p
        """
    }

    /// `base`: the list's table (with the alias its columns are written with), where a code
    /// prefix's matches are counted.
    static func plan(_ term: String, index: ListSearchIndex, base: String, substring: SQLQueryString, on sql: any SQLDatabase) async throws -> Plan {
        guard let prefix = prefixPredicate(term, index), let walkingPrefix = prefixPredicate(term, index, unindexed: true) else {
            return try await plan(term, index: index, prefix: nil, substring: substring, on: sql)
        }
        // A short code prefix can match most of the table (“91320”: 842,510 of 1.15 million
        // enterprises): counted whole it took 74 ms, and SQLite fetched every match through the
        // code's index and sorted them for a page of fifty (0.9 s). Such a prefix is counted up to
        // the cap, and the page walks the list's order with the code's index kept out of it
        // (`walkingPredicate`): a millisecond. A rarer prefix joins the postings' plan as before.
        let matches = try await sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM \(unsafeRaw: base) WHERE \(prefix) LIMIT \(unsafeRaw: String(selectiveLimit + 1))) m
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        guard matches > selectiveLimit else { return try await plan(term, index: index, prefix: prefix, substring: substring, on: sql) }
        let names = try await plan(term, index: index, prefix: nil, substring: substring, on: sql)
        // No name holds the term (a code's digits, as a rule): the prefix alone, which SQLite's
        // OR optimisation reads off the codes' indexes (`1 = 0 OR …` made it scan the table).
        guard !names.matchesNothing else {
            return Plan(predicate: "(\(prefix))", selective: true, bounded: true, countPredicate: "(\(prefix))", countsEveryMatch: true,
                        walkingPredicate: "(\(walkingPrefix))")
        }
        let namesCounted = names.bounded ? names.countPredicate : names.predicate
        // Selective still: up to the list's sorting limit (a few thousand) the matches are found
        // through the code's index and sorted (“9132058”, 2,996 matches: 13 ms, where walking the
        // name order for them took 241 ms); past it the page walks.
        return Plan(predicate: "((\(names.predicate)) OR \(prefix))", selective: true, bounded: true,
                    countPredicate: "((\(namesCounted)) OR \(prefix))", countsEveryMatch: !names.bounded,
                    walkingPredicate: "((\(names.predicate)) OR \(walkingPrefix))")
    }

    /// The plan by the postings, `prefix` (a code prefix with few matches) joined to it.
    private static func plan(_ term: String, index: ListSearchIndex, prefix: SQLQueryString?, substring: SQLQueryString, on sql: any SQLDatabase) async throws -> Plan {
        guard let grams = termGrams(term) else { return Plan(predicate: substring, selective: false, bounded: false) }
        var counts: [(gram: String, count: Int)] = []
        // A long term's first pairs narrow it enough; the substring test settles the rest, so at
        // most `probedGrams` count queries are run whatever the term's length.
        for gram in grams.prefix(Self.probedGrams) {
            let count = try await postings(index.table, gram: gram, upTo: selectiveLimit + 1, on: sql)
            counts.append((gram, count))
            if count == 0 { break }
        }
        let sorted = counts.sorted { $0.count < $1.count }
        guard let rarest = sorted.first, rarest.count > 0 else {
            return Plan(predicate: prefix.map { "(\($0))" } ?? "1 = 0", selective: true, bounded: false, matchesNothing: prefix == nil)
        }
        if rarest.count > selectiveLimit {
            let predicate: SQLQueryString = prefix.map { "((\(substring)) OR \($0))" } ?? substring
            let firstPostings: SQLQueryString = """
                \(unsafeRaw: index.idColumn) IN (\(gramPostings(index.table, gram: rarest.gram)) LIMIT \(unsafeRaw: String(totalCap))) AND \(substring)
                """
            // The rarest gram's postings are walked in name order for the page, not the list's
            // name index: a longer term whose pairs are all common may still be rare (“药有限责”,
            // “科技股份”: one name in hundreds), and the name index was walked a long way for its
            // twenty (40–50 ms at a million enterprises; a term with no match read it whole), where
            // its rarest pair's postings hold it densely.
            return Plan(predicate: predicate, selective: false, bounded: true, countPredicate: firstPostings,
                        orderedGram: prefix == nil ? rarest.gram : nil, orderedGramIsExact: term.count <= 2)
        }
        // Postings of the rarest pair, intersected with the next two rarest that are themselves
        // selective; a substring test settles three or more characters (pairs in the name need not
        // be adjacent in that order). A common pair is never intersected: reading its postings
        // (tens of thousands at province scale) cost more than testing the rare pair's few
        // candidates by their text (3–4 character p95 124–228 ms with it, BENCHMARKS.md).
        var candidates = gramPostings(index.table, gram: rarest.gram)
        for other in sorted.dropFirst().prefix(2) where other.count <= selectiveLimit {
            candidates.appendInterpolation(unsafeRaw: " INTERSECT ")
            candidates.appendInterpolation(gramPostings(index.table, gram: other.gram))
        }
        var predicate: SQLQueryString = "\(unsafeRaw: index.idColumn) IN (\(candidates))"
        if term.count > 2 { predicate = "(\(predicate) AND \(substring))" }
        if let prefix { predicate = "(\(predicate) OR \(prefix))" }
        return Plan(predicate: predicate, selective: true, bounded: false)
    }

    /// A credit code (or other code column) read by its beginning: a range on its index.
    /// `unindexed`: each column behind SQLite's unary `+`, so the planner leaves its index alone.
    private static func prefixPredicate(_ term: String, _ index: ListSearchIndex, unindexed: Bool = false) -> SQLQueryString? {
        guard !index.prefixColumns.isEmpty, term.count >= 2, term.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let low = term.uppercased(), high = low + "~"
        var predicate: SQLQueryString = ""
        for (position, indexed) in index.prefixColumns.enumerated() {
            let column = unindexed ? "+" + indexed : indexed
            if position > 0 { predicate.appendInterpolation(unsafeRaw: " OR ") }
            predicate.appendInterpolation(SQLQueryString("(\(unsafeRaw: column) >= \(bind: low) AND \(unsafeRaw: column) < \(bind: high))"))
        }
        return predicate
    }

    // MARK: Maintenance (inside the writer's transaction)

    /// One record as the postings file it: its id, its name's sort key (`name_sort`, so a gram's
    /// postings read in the list's name order) and its searchable texts.
    struct Filed: Sendable {
        let id: Int
        let sortKey: String
        let texts: [String?]

        /// Every gram of its searchable texts, each once (by its bytes), in byte order.
        var grams: [String] {
            var grams: [String] = []
            for text in texts { if let text { SearchIndex.appendGrams(of: text, to: &grams) } }
            return SearchIndex.distinct(grams)
        }
    }

    /// Replaces one record's postings with those of its searchable texts: the ones its filing
    /// names are taken out (nothing when its sort key and grams are unchanged), then the new filed.
    static func write(_ table: String, _ record: Filed, on sql: any SQLDatabase) async throws {
        let grams = record.grams
        if let old = try await filing(table, record.id, on: sql) {
            // Compared by their bytes, as the database compares them (Swift's `==` on strings
            // holds canonically equivalent spellings equal).
            if Array(old.sortKey.utf8) == Array(record.sortKey.utf8), Set(old.grams.map { Array($0.utf8) }) == Set(grams.map { Array($0.utf8) }) {
                return
            }
            try await remove(table, record.id, old, on: sql)
        }
        guard !grams.isEmpty else { return }
        try await insert(table, [record], on: sql)
    }

    /// What a record is filed under now, if anything.
    static func filing(_ table: String, _ id: Int, on sql: any SQLDatabase) async throws -> (sortKey: String, grams: Set<String>)? {
        guard let row = try await sql.raw("""
            SELECT sort_key, grams FROM search_filings WHERE tbl = \(bind: table) AND record_id = \(bind: id)
            """).first() else { return nil }
        let grams = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "grams", as: String.self).utf8))
        return (try row.decode(column: "sort_key", as: String.self), Set(grams))
    }

    /// Takes out a record's postings (by their whole key: a seek each, in both posting tables) and
    /// its filing. The recent table first: on PostgreSQL a merge moving the same postings holds
    /// their rows there until it commits, and this delete waits for it, so the main table's delete
    /// that follows sees what the merge put there (the other order left a moved posting behind).
    static func remove(_ table: String, _ id: Int, _ filed: (sortKey: String, grams: Set<String>), on sql: any SQLDatabase) async throws {
        for postings in [Self.recent, Self.table] {
            for grams in Array(filed.grams).chunked(500) {
                try await sql.raw("""
                    DELETE FROM \(unsafeRaw: postings) WHERE tbl = \(bind: table) AND gram IN (\(binds: grams)) AND sort_key = \(bind: filed.sortKey) AND record_id = \(bind: id)
                    """).run()
            }
        }
        try await sql.raw("DELETE FROM search_filings WHERE tbl = \(bind: table) AND record_id = \(bind: id)").run()
    }

    /// Files every row of a table whose register was declared after the table existed (clusters,
    /// units, users): each row's texts under its pinyin key, row by row — a zone has tens of them,
    /// and a partial rebuild would copy every other register's postings (tens of millions at
    /// province scale). The columns are the migration's own, not the declaration's of the day.
    static func fileExisting(_ table: String, name nameColumn: String, texts textColumns: [String], on sql: any SQLDatabase) async throws {
        var selected = ["id", "name_sort"]
        for column in [nameColumn] + textColumns where !selected.contains(column) { selected.append(column) }
        let rows = try await sql.raw("SELECT \(unsafeRaw: selected.joined(separator: ", ")) FROM \(unsafeRaw: table) ORDER BY id").all()
        try await insert(table, try rows.map { row in
            let key = try row.decode(column: "name_sort", as: String?.self) ?? PinyinSortKey.key(for: try row.decode(column: nameColumn, as: String.self))
            return Filed(id: try row.decode(column: "id", as: Int.self), sortKey: key, texts: try textColumns.map { try row.decode(column: $0, as: String?.self) })
        }, on: sql)
    }

    /// Postings and filings of records not filed yet (or filed under the same texts: a filing is
    /// replaced, a posting already there kept), a few thousand at a time — a form's save, generated
    /// data. Each chunk's filings go as one JSON value, `[[id, sortKey, [grams…]], …]`, which the
    /// database expands into filings, and its postings are made from those filings in the primary
    /// key's order, so consecutive rows land on the same or the next leaf page. Binding four
    /// values a posting cost more than the inserts themselves (SQLKit serialises each bind), and
    /// the sort runs in the database's sorter instead of comparing Swift strings. Many records at
    /// once (an import's slice) go through `SearchPostingsLoad.beginAppend()` instead: one sorted
    /// pass for all of them.
    static func insert(_ table: String, _ records: [Filed], on sql: any SQLDatabase) async throws {
        let sqlite = sql.dialect.name == "sqlite"
        let filed = records.filter { !$0.grams.isEmpty }
        for start in stride(from: 0, to: filed.count, by: insertChunk) {
            let chunk = filed[start..<min(filed.count, start + insertChunk)]
            let json = recordsJSON(chunk)
            let ids = "[" + chunk.map { String($0.id) }.joined(separator: ",") + "]"
            if sqlite {
                try await sql.raw("""
                    INSERT OR REPLACE INTO search_filings (tbl, record_id, sort_key, grams)
                    SELECT \(bind: table), r.value ->> 0, r.value ->> 1, r.value -> 2 FROM json_each(\(bind: json)) r ORDER BY 2
                    """).run()
                // OR IGNORE: a statement that may fail half-way keeps a statement journal of every
                // existing page it changes. A posting already there is the same posting.
                try await sql.raw("""
                    INSERT OR IGNORE INTO search_grams (tbl, gram, sort_key, record_id)
                    SELECT f.tbl, g.value, f.sort_key, f.record_id FROM json_each(\(bind: ids)) i
                    JOIN search_filings f ON f.tbl = \(bind: table) AND f.record_id = i.value, json_each(f.grams) g ORDER BY 2, 3, 4
                    """).run()
            } else {
                try await sql.raw("""
                    INSERT INTO search_filings (tbl, record_id, sort_key, grams)
                    SELECT \(bind: table), (r.value ->> 0)::bigint, r.value ->> 1, (r.value -> 2)::text FROM json_array_elements(\(bind: json)::json) r
                    ON CONFLICT (tbl, record_id) DO UPDATE SET sort_key = excluded.sort_key, grams = excluded.grams
                    """).run()
                try await sql.raw("""
                    INSERT INTO search_grams (tbl, gram, sort_key, record_id)
                    SELECT f.tbl, g.value, f.sort_key, f.record_id FROM json_array_elements_text(\(bind: ids)::json) AS i(value)
                    JOIN search_filings f ON f.tbl = \(bind: table) AND f.record_id = i.value::bigint, json_array_elements_text(f.grams::json) AS g(value)
                    ORDER BY 2, 3, 4 ON CONFLICT DO NOTHING
                    """).run()
            }
        }
    }

    /// Records a statement: a few hundred kilobytes of JSON, about 100,000 postings.
    static let insertChunk = 5_000

    /// `[[id, "sortKey", ["gram", …]], …]`.
    static func recordsJSON(_ records: ArraySlice<Filed>) -> String {
        var out = "["
        for record in records {
            if out.utf8.count > 1 { out += "," }
            out += "[\(record.id),"
            JSONText.appendString(record.sortKey, to: &out)
            out += ","
            out += JSONText.array(record.grams)
            out += "]"
        }
        return out + "]"
    }

    /// What a gram's postings are tested by for an ordered page of a longer term: the list's base
    /// table (`enterprises r`), its id expression and the substring test over its columns.
    struct OrderedTest {
        let base: String
        let idColumn: String
        let substring: SQLQueryString
    }

    /// A page of a common term's records straight from its gram's postings, which are kept in name
    /// order: the list's page without reading the rows before it. For one or two characters each
    /// posting is a match (`test` nil); for a longer term each posting's row is tested by a
    /// correlated subquery, the postings walked in order until the page is full.
    /// Each posting table gives its first `offset + limit` in key order off its index, and only
    /// those are sorted: PostgreSQL 15 sorts a `UNION ALL` under an `ORDER BY` whole (a parallel
    /// append and a top-N sort of every posting of the gram, 45 ms for “有限” at 50,000
    /// enterprises, against 0.1 ms off one index).
    static func orderedPage(_ table: String, gram: String, test: OrderedTest? = nil, descending: Bool, limit: Int, offset: Int) -> SQLQueryString {
        let direction = descending ? "DESC" : "ASC"
        let order: SQLQueryString = "ORDER BY sort_key \(unsafeRaw: direction), record_id"
        let first = String(offset + limit)
        func firstPostings(_ postings: String) -> SQLQueryString {
            guard let test else {
                return """
                    SELECT sort_key, record_id FROM \(unsafeRaw: postings) WHERE tbl = \(bind: table) AND gram = \(bind: gram) \(order) LIMIT \(unsafeRaw: first)
                    """
            }
            // The test as a correlated subquery, not a join: PostgreSQL took the substring test
            // for very selective and hash-joined a scan of the whole table (60 ms for “纺织有限” at
            // 200,000 enterprises); a subquery is run for each posting as the index gives them, in
            // order, until the page is full (0.4 ms).
            return """
                SELECT g.sort_key, g.record_id FROM \(unsafeRaw: postings) g
                WHERE g.tbl = \(bind: table) AND g.gram = \(bind: gram)
                AND (SELECT \(test.substring) FROM \(unsafeRaw: test.base) WHERE \(unsafeRaw: test.idColumn) = g.record_id)
                ORDER BY g.sort_key \(unsafeRaw: direction), g.record_id LIMIT \(unsafeRaw: first)
                """
        }
        return """
            SELECT record_id FROM (SELECT sort_key, record_id FROM (\(firstPostings(Self.table))) m
            UNION ALL SELECT sort_key, record_id FROM (\(firstPostings(Self.recent))) r) p
            \(order) LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """
    }
}

/// A list whose search goes through `SearchIndex`: the table its postings are filed under, the
/// id expression of the list's rows, and code expressions matched by their beginning (each indexed).
struct ListSearchIndex: Sendable {
    let table: String
    let idColumn: String
    var prefixColumns: [String] = []
}
