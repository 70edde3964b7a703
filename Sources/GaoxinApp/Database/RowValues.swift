import FluentSQLiteDriver
import Foundation
import SQLKit

/// One row's values read by column and type, for the reads that decode many values (a list page's
/// records, an import's read-back). On SQLite it is the row SQLiteNIO produced, each value
/// converted as SQLiteKit's decoder converts it (`init(sqliteData:)`), without the decoder: its
/// dynamic cast, nested decoders and generic metadata were about a tenth of a list request's CPU
/// (BENCHMARKS.md, twenty-first session). Elsewhere it is SQLKit's row.
protocol RowValues {
    /// Whether the value is NULL (or the row has no such column), as `SQLRow.decodeNil`.
    func isNull(_ column: String) -> Bool
    func int64(_ column: String) throws -> Int64
    func string(_ column: String) throws -> String
    func bool(_ column: String) throws -> Bool
    func date(_ column: String) throws -> Date
}

extension RowValues {
    func int(_ column: String) throws -> Int { Int(try int64(column)) }
    func optionalInt64(_ column: String) throws -> Int64? { isNull(column) ? nil : try int64(column) }
    func optionalString(_ column: String) throws -> String? { isNull(column) ? nil : try string(column) }
    func optionalDate(_ column: String) throws -> Date? { isNull(column) ? nil : try date(column) }
}

/// `RowValues` over SQLKit's row (PostgreSQL).
struct SQLKitRowValues: RowValues {
    let row: any SQLRow

    func isNull(_ column: String) -> Bool { (try? row.decodeNil(column: column)) ?? true }
    func int64(_ column: String) throws -> Int64 { try row.decode(column: column, as: Int64.self) }
    func string(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
    func bool(_ column: String) throws -> Bool { try row.decode(column: column, as: Bool.self) }
    func date(_ column: String) throws -> Date { try row.decode(column: column, as: Date.self) }
}

extension SQLiteRow: RowValues {
    func isNull(_ column: String) -> Bool { self.column(column)?.isNull ?? true }
    func int64(_ column: String) throws -> Int64 { try converted(column, Int64.init(sqliteData:)) }
    func string(_ column: String) throws -> String { try converted(column, String.init(sqliteData:)) }
    func bool(_ column: String) throws -> Bool { try converted(column, Bool.init(sqliteData:)) }
    func date(_ column: String) throws -> Date { try converted(column, Date.init(sqliteData:)) }

    private func converted<T>(_ column: String, _ convert: (SQLiteData) -> T?) throws -> T {
        guard let data = self.column(column) else {
            throw DecodingError.keyNotFound(SomeCodingKey(stringValue: column), .init(codingPath: [], debugDescription: "No column \(column)."))
        }
        guard let value = convert(data) else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [SomeCodingKey(stringValue: column)], debugDescription: "Could not convert \(data) to \(T.self)."))
        }
        return value
    }
}

/// A database that runs statements on SQLite connections of its own and can give their rows as
/// SQLiteNIO produced them (`SQLiteRoutingDatabase`, `SQLitePinnedConnection`).
protocol SQLiteRowSource: SQLDatabase {
    func sqliteRows(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteRow]
}

enum DirectRows {
    /// The rows SQLKit hands over one by one (on the database's event loop, in order).
    private final class RowCollector: @unchecked Sendable {
        var rows: [any SQLRow] = []
        func append(_ row: any SQLRow) { rows.append(row) }
    }

    /// Every row of `query` with its values to be read by type: serialised, logged and bound as
    /// SQLiteKit does it, on SQLite; through SQLKit elsewhere.
    static func all(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [any RowValues] {
        try await all(expression: query, on: sql)
    }

    /// The same for any statement (a builder's `select`).
    static func all(expression query: some SQLExpression, on sql: any SQLDatabase) async throws -> [any RowValues] {
        guard let source = sql as? any SQLiteRowSource else {
            let rows = RowCollector()
            try await sql.execute(sql: query) { rows.append($0) }
            return rows.rows.map { SQLKitRowValues(row: $0) }
        }
        var serializer = SQLSerializer(database: sql)
        query.serialize(to: &serializer)
        if let level = sql.queryLogLevel {
            sql.logger.log(level: level, "Executing query", metadata: ["sql": .string(serializer.sql), "binds": .array(serializer.binds.map { .string("\($0)") })])
        }
        let encoder = SQLiteDataEncoder()
        let binds = try serializer.binds.map { try encoder.encode($0) }
        return try await source.sqliteRows(serializer.sql, binds)
    }
}
