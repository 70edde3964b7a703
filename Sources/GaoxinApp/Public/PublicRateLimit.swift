import Foundation
import SQLKit
import Vapor

/// The public pages' throttle (no sign-in, so the client address is all there is): hits per
/// address in fixed one-minute windows, counted in the database so every app server sees the same
/// count (servers keep no state of their own). One upsert per request; windows older than ten
/// minutes are swept when an address opens a window in every seventh minute.
enum PublicRateLimit {
    static let table = "public_hits"

    struct Scope: Sendable {
        let name: String
        /// Hits allowed per address per minute.
        let perMinute: @Sendable (AppConfig) -> Int
        let messageZh: String

        /// Reading the public pages: generous for a person (120 a minute), tight for a scraper.
        static let browse = Scope(name: "browse", perMinute: { $0.publicReadsPerMinute }, messageZh: "访问过于频繁，请稍后再试")
        /// Posting the application form: a person sends one, perhaps a corrected second (5 a minute).
        static let apply = Scope(name: "apply", perMinute: { $0.publicPostsPerMinute }, messageZh: "提交过于频繁，请一分钟后再试")
    }

    /// Counts this hit and refuses (429, in Chinese) when the address is over the scope's limit.
    static func hit(_ scope: Scope, _ req: Request) async throws {
        let now = req.now.timeIntervalSince1970
        let window = Int64(now / 60)
        let sql = req.sql
        let row = try await sql.raw("""
            INSERT INTO public_hits (scope, address, window_start, hits) VALUES (\(bind: scope.name), \(bind: req.clientAddress), \(bind: window), 1)
            ON CONFLICT (scope, address, window_start) DO UPDATE SET hits = public_hits.hits + 1
            RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int64.self) ?? 1
        // Sweep old windows now and then, so the table stays small without a job.
        if window % 7 == 0, hits == 1 {
            try await sql.raw("DELETE FROM public_hits WHERE window_start < \(bind: window - 10)").run()
        }
        if hits > Int64(scope.perMinute(req.application.gaoxinConfig)) { throw AppError.rateLimited(scope.messageZh) }
    }
}
