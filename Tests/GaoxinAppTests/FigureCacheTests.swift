import Foundation
import SQLKit
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A cached figure is computed once, served while younger than its age limit (with the time it
/// was computed), recomputed after it, and forgotten on demand — on both engines (an upsert).
final class FigureCacheTests: XCTestCase {
    func testAFigureIsServedUntilItsAgeLimitThenRecomputed() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let start = Date(timeIntervalSinceReferenceDate: 818_138_132.135_26)  // a fractional instant, as a request's clock gives
            var computed = 0
            func read(_ now: Date) async throws -> (value: ChainGaps.Counts, computedAt: Date) {
                try await FigureCache.value("test-counts", maxAge: 300, now: now, on: sql) {
                    computed += 1
                    return ChainGaps.Counts(missing: computed, weak: 10 * computed)
                }
            }
            let first = try await read(start)
            XCTAssertEqual(first.value, ChainGaps.Counts(missing: 1, weak: 10))
            let sameInstant = try await read(start)
            XCTAssertEqual(sameInstant.value, first.value, "read again at the very instant it was stored (the stored seconds need not round-trip exactly)")
            let cached = try await read(start.addingTimeInterval(299))
            XCTAssertEqual(cached.value, first.value, "served from the cache within its age")
            XCTAssertEqual(cached.computedAt.timeIntervalSince1970, start.timeIntervalSince1970, accuracy: 1e-3, "with the time it was computed")
            XCTAssertEqual(computed, 1)
            let later = try await read(start.addingTimeInterval(301))
            XCTAssertEqual(later.value, ChainGaps.Counts(missing: 2, weak: 20), "recomputed past its age")
            XCTAssertEqual(later.computedAt, start.addingTimeInterval(301))
            try await FigureCache.forget("test-counts", on: sql)
            let again = try await read(start.addingTimeInterval(302))
            XCTAssertEqual(again.value.missing, 3, "a forgotten figure is recomputed")
            let rows = try await sql.raw("SELECT COUNT(*) AS n FROM figure_cache WHERE cache_key = 'test-counts'").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(rows, 1, "one row per figure")
        }
    }

    /// Requests finding the entry stale at once: one recomputes, the others answer with the stale
    /// value; a claim outlives `claimLifetime` only if its request died, and is then taken over.
    func testOneRequestRefreshesAStaleFigureAndTheOthersServeTheOldOne() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let start = Date(timeIntervalSince1970: 1_790_000_000)
            _ = try await FigureCache.value("herd", maxAge: 300, now: start, on: sql) { ChainGaps.Counts(missing: 1, weak: 1) }
            let stale = start.addingTimeInterval(400)
            // Another server took the refresh a second ago and is still computing.
            try await sql.raw("UPDATE figure_cache SET claimed_at = \(bind: stale.timeIntervalSince1970 - 1) WHERE cache_key = 'herd'").run()
            var computed = 0
            let served = try await FigureCache.value("herd", maxAge: 300, now: stale, on: sql) { computed += 1; return ChainGaps.Counts(missing: 2, weak: 2) }
            XCTAssertEqual(served.value.missing, 1, "the stale value, not a second computation")
            XCTAssertEqual(served.computedAt, start)
            XCTAssertEqual(computed, 0)
            // That claim is older than its lifetime later on: this request takes it over.
            let abandoned = stale.addingTimeInterval(FigureCache.claimLifetime + 1)
            let refreshed = try await FigureCache.value("herd", maxAge: 300, now: abandoned, on: sql) { computed += 1; return ChainGaps.Counts(missing: 3, weak: 3) }
            XCTAssertEqual(refreshed.value.missing, 3)
            XCTAssertEqual(computed, 1)
            let claim = try await sql.raw("SELECT claimed_at FROM figure_cache WHERE cache_key = 'herd'").first(decodingColumn: "claimed_at", as: Double?.self)
            XCTAssertEqual(claim ?? 0, nil, "the refresh releases its claim")
        }
    }

    /// Twelve requests at once on a cold cache: the figure is computed once and all twelve get it;
    /// a request that waits for a claimant that never delivers computes it itself.
    func testAColdFigureIsComputedOnceForConcurrentRequests() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            let computations = Counter()
            let values = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await FigureCache.value("cold", maxAge: 300, now: now, on: app.db as! any SQLDatabase) {
                            await computations.increment()
                            try await Task.sleep(nanoseconds: 200_000_000)
                            return ChainGaps.Counts(missing: 7, weak: 0)
                        }.value.missing
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            XCTAssertEqual(values, Array(repeating: 7, count: 12))
            try await AssertAsync.equal(await computations.value, 1, "computed by one request only")

            // A claim on an entry that has no value yet, by a request that never finishes.
            try await sql.raw("INSERT INTO figure_cache (cache_key, computed_at, content, claimed_at) VALUES ('stuck', 0, '', \(bind: now.timeIntervalSince1970))").run()
            let alone = try await FigureCache.value("stuck", maxAge: 300, now: now, on: sql, waitForClaimant: 0.2) { ChainGaps.Counts(missing: 9, weak: 0) }
            XCTAssertEqual(alone.value.missing, 9, "waited for the claimant, then computed it")
        }
    }

    private actor Counter {
        var value = 0
        func increment() { value += 1 }
    }
}

