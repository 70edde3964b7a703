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
}
