import Foundation

/// Where the data lives, parsed from `DATABASE_URL`: `sqlite://relative/or/absolute/path`,
/// `sqlite::memory:` is deliberately not offered (each SQLite connection would get its own).
public enum DatabaseLocation: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    public struct Invalid: Error {}

    public init(url: String) throws {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw Invalid() }
            self = .sqlite(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host != nil else { throw Invalid() }
            self = .postgres(url: url)
        } else {
            throw Invalid()
        }
    }

    public var engine: Engine {
        switch self {
        case .sqlite: return .sqlite
        case .postgres: return .postgres
        }
    }
}

public enum Engine: String, Sendable { case sqlite, postgres }
