import Foundation
import SQLKit

/// Figures that are costly to compute and may be a few minutes old where they are shown as
/// counts (the dashboard's chain-gap tile reads every chain map: ~200 ms at province scale),
/// kept in the database — app servers hold no state of their own — with the time they were
/// computed, which the page prints beside them. A stale or missing entry is recomputed by the
/// request that finds it; pages that list the figures themselves (the gaps page) stay live.
enum FigureCache {
    static let table = "figure_cache"

    static func value<T: Codable & Sendable>(_ key: String, maxAge: TimeInterval, now: Date, on sql: any SQLDatabase,
                                             compute: () async throws -> T) async throws -> (value: T, computedAt: Date) {
        if let row = try await sql.raw("SELECT computed_at, content FROM figure_cache WHERE cache_key = \(bind: key)").first() {
            let computedAt = Date(timeIntervalSince1970: try row.decode(column: "computed_at", as: Double.self))
            // Seconds since 1970 do not round-trip a `Date` to the last bit, and another server's
            // clock may run a little ahead: an entry up to a second "in the future" is fresh.
            let age = now.timeIntervalSince(computedAt)
            if age > -1, age < maxAge,
               let value = try? JSONDecoder().decode(T.self, from: Data(try row.decode(column: "content", as: String.self).utf8)) {
                return (value, computedAt)
            }
        }
        let value = try await compute()
        let content = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO figure_cache (cache_key, computed_at, content) VALUES (\(bind: key), \(bind: now.timeIntervalSince1970), \(bind: content))
            ON CONFLICT (cache_key) DO UPDATE SET computed_at = excluded.computed_at, content = excluded.content
            """).run()
        return (value, now)
    }

    /// Forgets an entry (a write that changes what it counts can call this; the age bounds it otherwise).
    static func forget(_ key: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM figure_cache WHERE cache_key = \(bind: key)").run()
    }
}
