import Foundation
import SQLKit

/// Figures that are costly to compute and may be a few minutes old where they are shown as
/// counts (the dashboard's chain-gap tile reads every chain map: ~200 ms at province scale),
/// kept in the database — app servers hold no state of their own — with the time they were
/// computed, which the page prints beside them. Pages that list the figures themselves (the gaps
/// page) stay live.
///
/// One request refreshes an entry; the others do not pile on. Every dashboard request after an
/// expiry used to recompute the tile: at 64 connections on a cold cache none of them finished
/// within 15 s and the server grew to 1 GiB. Now a request that finds the entry stale or missing
/// claims it (`claimed_at`, one conditional upsert, so one request on any server wins) and
/// computes; the others answer with the stale value (its time is printed beside it), or, when
/// there is none yet, wait for the claimant's and compute themselves only if it does not come.
/// A claim older than `claimLifetime` is taken over (its server may have died).
enum FigureCache {
    static let table = "figure_cache"
    static let claimLifetime: TimeInterval = 30

    static func value<T: Codable & Sendable>(_ key: String, maxAge: TimeInterval, now: Date, on sql: any SQLDatabase,
                                             waitForClaimant: TimeInterval = 10,
                                             compute: () async throws -> T) async throws -> (value: T, computedAt: Date) {
        let stored: (value: T, computedAt: Date)? = try await read(key, on: sql)
        if let stored {
            // Seconds since 1970 do not round-trip a `Date` to the last bit, and another server's
            // clock may run a little ahead: an entry up to a second "in the future" is fresh.
            let age = now.timeIntervalSince(stored.computedAt)
            if age > -1, age < maxAge { return stored }
        }
        if try await claim(key, now: now, on: sql) {
            do {
                let value = try await compute()
                let content = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
                try await sql.raw("""
                    UPDATE figure_cache SET computed_at = \(bind: now.timeIntervalSince1970), content = \(bind: content), claimed_at = NULL
                    WHERE cache_key = \(bind: key)
                    """).run()
                return (value, now)
            } catch {
                try? await sql.raw("UPDATE figure_cache SET claimed_at = NULL WHERE cache_key = \(bind: key)").run()
                throw error
            }
        }
        if let stored { return stored }
        // Nothing to show yet and another request computing it: wait for its value.
        let deadline = Date().addingTimeInterval(waitForClaimant)
        while Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
            if let arrived: (value: T, computedAt: Date) = try await read(key, on: sql) { return arrived }
        }
        return (try await compute(), now)
    }

    /// The stored value, if there is one this code can read (a claim's placeholder is not).
    private static func read<T: Codable>(_ key: String, on sql: any SQLDatabase) async throws -> (value: T, computedAt: Date)? {
        guard let row = try await sql.raw("SELECT computed_at, content FROM figure_cache WHERE cache_key = \(bind: key)").first() else { return nil }
        let content = try row.decode(column: "content", as: String.self)
        guard !content.isEmpty, let value = try? JSONDecoder().decode(T.self, from: Data(content.utf8)) else { return nil }
        return (value, Date(timeIntervalSince1970: try row.decode(column: "computed_at", as: Double.self)))
    }

    /// Takes the entry's refresh for this request: true for exactly one of any number of requests
    /// asking at once (on any server), until the claim is released or outlives `claimLifetime`.
    /// A missing entry is created as a placeholder (no content) holding the claim.
    private static func claim(_ key: String, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let at = now.timeIntervalSince1970
        return try await sql.raw("""
            INSERT INTO figure_cache (cache_key, computed_at, content, claimed_at) VALUES (\(bind: key), 0, '', \(bind: at))
            ON CONFLICT (cache_key) DO UPDATE SET claimed_at = excluded.claimed_at
            WHERE figure_cache.claimed_at IS NULL OR figure_cache.claimed_at < \(bind: at - claimLifetime)
            RETURNING cache_key
            """).first() != nil
    }

    /// Forgets an entry (a write that changes what it counts can call this; the age bounds it otherwise).
    static func forget(_ key: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM figure_cache WHERE cache_key = \(bind: key)").run()
    }
}
