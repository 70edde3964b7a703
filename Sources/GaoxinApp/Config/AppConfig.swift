import Foundation
import Vapor

/// The one typed configuration, read from the environment (and flags through `serve`), validated
/// at boot. Every default works on a fresh machine: a SQLite file beside the binary, 127.0.0.1.
public struct AppConfig: Sendable {
    public var databaseURL: String = "sqlite://gaoxin.sqlite"
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var logLevel: Logger.Level = .info
    /// bcrypt cost; 12 in production, lowered in tests because a debug-build hash takes ~0.4 s.
    public var bcryptCost: Int = 12
    public var idleTimeoutMinutes: Int = 30
    public var lockoutThreshold: Int = 5
    public var lockoutMinutes: Int = 15
    /// Failed sign-ins allowed per client address per lock-out window, whatever the username.
    public var addressFailureLimit: Int = 20
    public var importMaxBytes: Int = 50 * 1024 * 1024
    /// Rows a streamed import checks and writes at a time (`SlicedImportRun`): memory is about
    /// this many rows, whatever the file's length.
    public var importSliceRows: Int = 50_000
    /// Search postings an import may leave in the recent table before they are merged into the
    /// main one (`SearchPostingsMerge`).
    public var searchMergePostings: Int = SearchPostingsMerge.threshold
    /// Marks cookies `Secure`; on when served behind HTTPS.
    public var secureCookies: Bool = false
    /// Behind a reverse proxy or load balancer: take the client address from the last entry of
    /// `X-Forwarded-For` (the one our proxy appended). Off by default: a client could forge it.
    public var trustProxy: Bool = false
    /// SQLite connections per event loop (WAL: readers never wait for the writer).
    public var sqliteConnections: Int = 4
    /// SQLite reads through a memory map of this many MiB of the file (0: read by copying into each
    /// connection's page cache, SQLite's default). Mapped pages are shared by every connection.
    public var sqliteMmapMegabytes: Int = 0
    /// A request that takes longer is logged at warning level with its route and the time its
    /// statements waited for a connection (`SlowRequestLog`); 0 logs none.
    public var slowRequestMilliseconds: Int = 2_000
    /// The public pages' throttle per client address and minute (`PublicRateLimit`): reading, and
    /// posting the application form. Raised for benchmarks that read from one address.
    public var publicReadsPerMinute: Int = 120
    public var publicPostsPerMinute: Int = 5
    /// Early warning: a lead in work without an activity for this many days is yellow, twice as many red.
    public var staleLeadDays: Int = 30
    /// Where due-item reminders go (`ReminderConfig`); none configured, none are queued.
    public var reminders = ReminderConfig()

    public init() {}

    public enum Problem: Error, CustomStringConvertible {
        case badValue(key: String, value: String, expected: String)
        public var description: String {
            switch self {
            case let .badValue(key, value, expected):
                return "配置项 \(key) 的值 \"\(value)\" 无效：应为\(expected) (invalid configuration \(key)=\(value))"
            }
        }
    }

    /// Reads `GAOXIN_*` variables and `DATABASE_URL`; names every bad key instead of silently defaulting.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var config = AppConfig()
        var problems: [Problem] = []
        func int(_ key: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let raw = env[key] else { return }
            if let value = Int(raw), range.contains(value) { apply(value) } else {
                problems.append(.badValue(key: key, value: raw, expected: "\(range.lowerBound)…\(range.upperBound) 之间的整数"))
            }
        }
        if let url = env["DATABASE_URL"], !url.isEmpty { config.databaseURL = url }
        if let host = env["GAOXIN_HOST"], !host.isEmpty { config.host = host }
        int("GAOXIN_PORT", 0...65535) { config.port = $0 }
        int("GAOXIN_BCRYPT_COST", 4...31) { config.bcryptCost = $0 }
        int("GAOXIN_IDLE_TIMEOUT_MINUTES", 1...1440) { config.idleTimeoutMinutes = $0 }
        int("GAOXIN_LOCKOUT_THRESHOLD", 1...100) { config.lockoutThreshold = $0 }
        int("GAOXIN_LOCKOUT_MINUTES", 1...1440) { config.lockoutMinutes = $0 }
        int("GAOXIN_ADDRESS_FAILURE_LIMIT", 1...10000) { config.addressFailureLimit = $0 }
        int("GAOXIN_IMPORT_MAX_MB", 1...2048) { config.importMaxBytes = $0 * 1024 * 1024 }
        int("GAOXIN_IMPORT_SLICE_ROWS", 100...1_000_000) { config.importSliceRows = $0 }
        int("GAOXIN_SEARCH_MERGE_POSTINGS", 1...1_000_000_000) { config.searchMergePostings = $0 }
        int("GAOXIN_SQLITE_CONNECTIONS", 1...32) { config.sqliteConnections = $0 }
        int("GAOXIN_SQLITE_MMAP_MB", 0...1_048_576) { config.sqliteMmapMegabytes = $0 }
        int("GAOXIN_SLOW_REQUEST_MS", 0...3_600_000) { config.slowRequestMilliseconds = $0 }
        int("GAOXIN_PUBLIC_READS_PER_MINUTE", 1...1_000_000) { config.publicReadsPerMinute = $0 }
        int("GAOXIN_PUBLIC_POSTS_PER_MINUTE", 1...10_000) { config.publicPostsPerMinute = $0 }
        int("GAOXIN_STALE_LEAD_DAYS", 1...365) { config.staleLeadDays = $0 }
        if let raw = env["GAOXIN_LOG_LEVEL"] {
            if let level = Logger.Level(rawValue: raw.lowercased()) { config.logLevel = level } else {
                problems.append(.badValue(key: "GAOXIN_LOG_LEVEL", value: raw, expected: "trace/debug/info/notice/warning/error/critical"))
            }
        }
        if let raw = env["GAOXIN_TRUST_PROXY"] {
            switch raw.lowercased() {
            case "1", "true", "yes": config.trustProxy = true
            case "0", "false", "no": config.trustProxy = false
            default: problems.append(.badValue(key: "GAOXIN_TRUST_PROXY", value: raw, expected: "true 或 false"))
            }
        }
        if let raw = env["GAOXIN_SECURE_COOKIES"] {
            switch raw.lowercased() {
            case "1", "true", "yes": config.secureCookies = true
            case "0", "false", "no": config.secureCookies = false
            default: problems.append(.badValue(key: "GAOXIN_SECURE_COOKIES", value: raw, expected: "true 或 false"))
            }
        }
        let reminderProblems = config.reminders.read(env, int: int)
        problems += reminderProblems
        do { _ = try DatabaseLocation(url: config.databaseURL) } catch {
            problems.append(.badValue(key: "DATABASE_URL", value: config.databaseURL, expected: "sqlite://路径 或 postgres://用户@主机:端口/库名"))
        }
        if let first = problems.first {
            if problems.count > 1 { throw ConfigProblems(problems: problems) }
            throw first
        }
        return config
    }
}

public struct ConfigProblems: Error, CustomStringConvertible {
    public var problems: [AppConfig.Problem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    public var gaoxinConfig: AppConfig {
        get { storage[ConfigKey.self] ?? AppConfig() }
        set { storage[ConfigKey.self] = newValue }
    }
}
