import Foundation
import SQLKit

/// The database-backed reminder queue: rows survive restarts; a sender claims due rows with a
/// lease in one conditional UPDATE (a second server's UPDATE re-reads the row and finds it leased),
/// sends, and marks each sent — or back to pending with exponential back-off, failed after
/// `maxAttempts`. Each reminder has a unique key (channel, recipient, day), so planning twice
/// queues it once. (A server that dies after the mail server accepted a message but before
/// marking it sent would send it again once its lease runs out; the Message-ID is the key, so
/// the receiving side can tell.)
enum ReminderQueue {
    struct Claimed: Sendable, Equatable {
        let id: Int
        let channel: String
        let recipient: String
        let key: String
        let subject: String
        let body: String
        let attempts: Int
    }

    static let maxAttempts = 6
    /// Longer than one attempt may take (`ReminderConfig.timeoutSeconds`, at most 300 s).
    static let lease: TimeInterval = 600

    /// 1 min, 4 min, 16 min, … after the n-th failed attempt.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        60 * pow(4, Double(max(attempt, 1) - 1))
    }

    /// Queues one reminder unless its key is already queued. Returns whether it was new.
    @discardableResult
    static func enqueue(channel: String, recipient: String, key: String, subject: String, body: String, now: Date, on sql: any SQLDatabase) async throws -> Bool {
        let epoch = now.timeIntervalSince1970
        let inserted = try await sql.raw("""
            INSERT INTO reminders (channel, recipient, dedupe_key, subject, body, status, attempts, next_attempt_at, created_at)
            VALUES (\(bind: channel), \(bind: recipient), \(bind: key), \(bind: subject), \(bind: body), 'pending', 0, \(bind: epoch), \(bind: epoch))
            ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
            """).all()
        return !inserted.isEmpty
    }

    /// Leases up to `limit` due reminders to `owner`.
    static func claim(owner: String, now: Date, limit: Int = 10, on sql: any SQLDatabase) async throws -> [Claimed] {
        let epoch = now.timeIntervalSince1970
        let due: SQLQueryString = """
            status IN ('pending', 'sending') AND next_attempt_at <= \(bind: epoch) AND (lease_until IS NULL OR lease_until < \(bind: epoch))
            """
        let rows = try await sql.raw("""
            UPDATE reminders SET status = 'sending', lease_owner = \(bind: owner), lease_until = \(bind: epoch + lease), attempts = attempts + 1
            WHERE id IN (SELECT id FROM reminders WHERE \(due) ORDER BY id LIMIT \(unsafeRaw: String(limit))) AND \(due)
            RETURNING id, channel, recipient, dedupe_key, subject, body, attempts
            """).all()
        return try rows.map { row in
            Claimed(id: try row.decode(column: "id", as: Int.self), channel: try row.decode(column: "channel", as: String.self),
                    recipient: try row.decode(column: "recipient", as: String.self), key: try row.decode(column: "dedupe_key", as: String.self),
                    subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self))
        }.sorted { $0.id < $1.id }
    }

    static func markSent(_ reminder: Claimed, owner: String, now: Date, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE reminders SET status = 'sent', sent_at = \(bind: now.timeIntervalSince1970), lease_owner = NULL, lease_until = NULL, last_error = NULL
            WHERE id = \(bind: reminder.id) AND lease_owner = \(bind: owner)
            """).run()
    }

    static func markFailed(_ reminder: Claimed, owner: String, error: String, now: Date, on sql: any SQLDatabase) async throws {
        let final = reminder.attempts >= maxAttempts
        let next = now.timeIntervalSince1970 + backoff(afterAttempt: reminder.attempts)
        try await sql.raw("""
            UPDATE reminders SET status = \(bind: final ? "failed" : "pending"), next_attempt_at = \(bind: next),
                   lease_owner = NULL, lease_until = NULL, last_error = \(bind: String(error.prefix(1000)))
            WHERE id = \(bind: reminder.id) AND lease_owner = \(bind: owner)
            """).run()
    }

    /// Claims and delivers what is due until nothing is; returns (sent, failed attempts).
    static func sendDue(owner: String, now: @Sendable () -> Date, on sql: any SQLDatabase,
                        deliver: @Sendable (Claimed) async throws -> Void) async throws -> (sent: Int, failed: Int) {
        var sent = 0, failed = 0
        while true {
            let batch = try await claim(owner: owner, now: now(), on: sql)
            if batch.isEmpty { return (sent, failed) }
            for reminder in batch {
                do {
                    try await deliver(reminder)
                    try await markSent(reminder, owner: owner, now: now(), on: sql)
                    sent += 1
                } catch {
                    try await markFailed(reminder, owner: owner, error: String(describing: error), now: now(), on: sql)
                    failed += 1
                }
            }
        }
    }
}
