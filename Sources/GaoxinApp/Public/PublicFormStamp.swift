import Crypto
import Foundation
import SQLKit

/// Spam resistance for the public application form without an outside CAPTCHA: the form carries
/// the time it was drawn, signed (HMAC-SHA256) with a key no client sees — a server secret kept in
/// the database, so every app server signs alike, joined to the visitor's session id — so it cannot
/// be backdated, moved to another session or another scenario; a post is refused when it comes
/// back sooner than a person can fill it in or after the form went stale. With the per-address
/// throttle (`PublicRateLimit`), the hidden honeypot field and one application per credit code,
/// a script gains little by hammering it.
enum PublicFormStamp {
    static let secretsTable = "server_secrets"

    /// The signing key for a session: the server's secret (made on first use) and the session id.
    static func key(session: String, on sql: any SQLDatabase) async throws -> String {
        func stored() async throws -> String? {
            try await sql.raw("SELECT value FROM server_secrets WHERE name = 'public-form'").first(decodingColumn: "value", as: String.self)
        }
        if let secret = try await stored() { return secret + ":" + session }
        try await sql.raw("INSERT INTO server_secrets (name, value) VALUES ('public-form', \(bind: SecretToken.generate())) ON CONFLICT (name) DO NOTHING").run()
        guard let secret = try await stored() else { throw AppError.internalError }
        return secret + ":" + session
    }

    static let minimumSeconds: TimeInterval = 4
    static let maximumSeconds: TimeInterval = 3 * 3600
    static let honeypot = "website"

    static func make(scope: String, at now: Date, key: String) -> String {
        let seconds = Int64(now.timeIntervalSince1970)
        return "\(seconds).\(signature(scope: scope, seconds: seconds, key: key))"
    }

    enum Problem: Equatable { case forged, tooFast, stale }

    static func check(_ stamp: String, scope: String, now: Date, key: String) -> Problem? {
        let parts = stamp.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let seconds = Int64(parts[0]),
              SecretToken.constantTimeEquals(parts[1], signature(scope: scope, seconds: seconds, key: key)) else { return .forged }
        let age = now.timeIntervalSince1970 - TimeInterval(seconds)
        if age < minimumSeconds { return .tooFast }
        if age > maximumSeconds { return .stale }
        return nil
    }

    private static func signature(scope: String, seconds: Int64, key: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(scope):\(seconds)".utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(code).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
