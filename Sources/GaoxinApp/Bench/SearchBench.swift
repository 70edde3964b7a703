import Fluent
import Foundation
import SQLKit

/// The search benchmark of the province-scale issue: terms of 1–4 characters cut from names
/// actually in the register (and a few that match nothing), each run through the enterprise list's
/// own query — page of 20 plus total, sorted by name — through the postings, side by side with the
/// baseline: the same list with a bare substring scan (`LIKE '%q%'`), as search ran before.
enum SearchBench {
    struct Timing {
        var samples: [Double] = []
        mutating func add(_ seconds: Double) { samples.append(seconds * 1_000) }
        func percentile(_ p: Double) -> Double {
            guard !samples.isEmpty else { return .nan }
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
    }

    struct Row {
        let label: String
        let indexed: Timing
        let baseline: Timing
    }

    /// Deterministic terms: for each length, `count` substrings of names picked by id.
    static func terms(length: Int, count: Int, on sql: any SQLDatabase) async throws -> [String] {
        let bounds = try await sql.raw("SELECT MIN(id) AS lo, MAX(id) AS hi FROM enterprises").first()
        guard let lo = try bounds?.decode(column: "lo", as: Int?.self), let hi = try bounds?.decode(column: "hi", as: Int?.self), hi >= lo else { return [] }
        var random = DemoRandom(seed: UInt64(length) * 7_919)
        var terms: [String] = []
        var attempts = 0
        while terms.count < count && attempts < count * 20 {
            attempts += 1
            let id = lo + random.next(upTo: hi - lo + 1)
            guard let name = try await sql.raw("SELECT name FROM enterprises WHERE id >= \(bind: id) ORDER BY id LIMIT 1").first(decodingColumn: "name", as: String.self) else { continue }
            let characters = Array(name)
            guard characters.count >= length else { continue }
            let start = random.next(upTo: characters.count - length + 1)
            let term = String(characters[start..<(start + length)])
            if !term.contains(where: { $0 == "（" || $0 == "）" }) { terms.append(term) }
        }
        return terms
    }

    static func run(on sql: any SQLDatabase, perLength: Int, baselineEvery: Int, log: (String) -> Void) async throws -> [Row] {
        // The register's own list: the page's ids, then its records and list facts, as the page and the API draw them.
        let indexed = RegisterList.definition(.enterprises)
        var plain = indexed
        plain.searchIndex = nil
        func page(_ definition: ListDefinition, _ query: ListQuery) async throws {
            let ids = try await ListRunner.pageIDs(definition, query, on: sql)
            _ = try await RegisterList.records(.enterprises, ids: ids.items, today: "2026-01-01", on: sql as! any Database)
        }
        var rows: [Row] = []
        let misses = ["量子纠缠", "深空探测", "鲲", "龘龘"]
        for length in 1...4 {
            var terms = try await terms(length: length, count: perLength, on: sql)
            terms += misses.filter { $0.count == length }
            var fast = Timing(), slow = Timing()
            var timed: [(term: String, seconds: Double)] = []
            for (index, term) in terms.enumerated() {
                var query = ListQuery(sortKey: "name", descending: false)
                query.search = term
                query.per = 20
                let seconds = try await time { try await page(indexed, query) }
                fast.add(seconds)
                timed.append((term, seconds))
                if index % baselineEvery == 0 {
                    slow.add(try await time { try await page(plain, query) })
                }
            }
            // The slowest terms, so a tail can be looked into term by term.
            let slowest = timed.sorted { $0.seconds > $1.seconds }.prefix(3)
                .map { "\($0.term) \(String(format: "%.1f", $0.seconds * 1_000)) ms" }.joined(separator: "、")
            log("\(length) 个字：\(terms.count) 个搜索词；最慢：\(slowest)")
            rows.append(Row(label: "\(length) 个字（\(terms.count) 词）", indexed: fast, baseline: slow))
        }
        return rows
    }

    static func time(_ work: () async throws -> Void) async throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func markdown(_ rows: [Row], engine: String, enterprises: Int) -> String {
        func ms(_ value: Double) -> String { value.isNaN ? "—" : String(format: "%.1f", value) }
        var lines = [
            "Search, \(engine), \(enterprises) enterprises: page of 20 + total, sorted by name (ms)",
            "",
            "| term | p50 | p95 | max | baseline LIKE p50 | baseline p95 | p95 ratio |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            let ratio = row.baseline.samples.isEmpty ? "—" : String(format: "%.0f×", row.baseline.percentile(0.95) / row.indexed.percentile(0.95))
            lines.append("| \(row.label) | \(ms(row.indexed.percentile(0.5))) | \(ms(row.indexed.percentile(0.95))) | \(ms(row.indexed.percentile(1))) | "
                + "\(ms(row.baseline.percentile(0.5))) | \(ms(row.baseline.percentile(0.95))) | \(ratio) |")
        }
        return lines.joined(separator: "\n")
    }
}
