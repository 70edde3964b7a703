import Foundation

/// Reminder delivery, from the environment: an SMTP server (`GAOXIN_SMTP_HOST`, `_PORT` default
/// 25, `_TLS=true` for implicit TLS as on port 465, `_USERNAME`/`_PASSWORD` for AUTH PLAIN, `_FROM`)
/// and a work-chat robot webhook (`GAOXIN_WEBHOOK_URL`), the product's address for links
/// (`GAOXIN_PUBLIC_URL`); digests are queued from
/// `GAOXIN_REMINDER_HOUR` (Beijing time, default 8) each day.
public struct ReminderConfig: Sendable {
    public var smtpHost: String?
    public var smtpPort = 25
    public var smtpTLS = false
    public var smtpUsername: String?
    public var smtpPassword: String?
    public var smtpFrom = "gaoxin@localhost"
    public var webhookURL: String?
    /// The address people open the product at, for the links in a digest (`GAOXIN_PUBLIC_URL`).
    public var publicURL: String?
    public var hour = 8
    /// Seconds one delivery attempt may take (connect, dialogue, answer).
    public var timeoutSeconds = 20

    public init() {}

    public var email: Bool { smtpHost != nil }
    public var webhook: Bool { webhookURL != nil }
    public var enabled: Bool { email || webhook }

    mutating func read(_ env: [String: String], int: ((String, ClosedRange<Int>, (Int) -> Void) -> Void)) -> [AppConfig.Problem] {
        var problems: [AppConfig.Problem] = []
        func text(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        smtpHost = text("GAOXIN_SMTP_HOST")
        int("GAOXIN_SMTP_PORT", 1...65535) { self.smtpPort = $0 }
        int("GAOXIN_REMINDER_HOUR", 0...23) { self.hour = $0 }
        int("GAOXIN_REMINDER_TIMEOUT_SECONDS", 1...300) { self.timeoutSeconds = $0 }
        smtpUsername = text("GAOXIN_SMTP_USERNAME")
        smtpPassword = text("GAOXIN_SMTP_PASSWORD")
        if let from = text("GAOXIN_SMTP_FROM") {
            if MailMessage.isAddress(from) { smtpFrom = from } else {
                problems.append(.badValue(key: "GAOXIN_SMTP_FROM", value: from, expected: "电子邮件地址"))
            }
        }
        if let raw = text("GAOXIN_SMTP_TLS") {
            switch raw.lowercased() {
            case "1", "true", "yes": smtpTLS = true
            case "0", "false", "no": smtpTLS = false
            default: problems.append(.badValue(key: "GAOXIN_SMTP_TLS", value: raw, expected: "true 或 false"))
            }
        }
        if (smtpUsername == nil) != (smtpPassword == nil) {
            problems.append(.badValue(key: "GAOXIN_SMTP_USERNAME", value: smtpUsername ?? "", expected: "与 GAOXIN_SMTP_PASSWORD 同时设置"))
        }
        if let url = text("GAOXIN_PUBLIC_URL") {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil { publicURL = url } else {
                problems.append(.badValue(key: "GAOXIN_PUBLIC_URL", value: url, expected: "http:// 或 https:// 地址"))
            }
        }
        if let url = text("GAOXIN_WEBHOOK_URL") {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil { webhookURL = url } else {
                problems.append(.badValue(key: "GAOXIN_WEBHOOK_URL", value: url, expected: "http:// 或 https:// 地址"))
            }
        }
        return problems
    }
}
