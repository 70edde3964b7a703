import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// One value of a row written in bulk, kept as the type the engine stores, so that it can be
/// bound without `Encodable`: SQLKit binds each value through SQLiteKit's data encoder (a dynamic
/// cast and a boxed existential a value) and serialises a statement's text afresh for every
/// placeholder, which was most of a multi-row `INSERT`'s time on SQLite — 50,000 rows of four
/// columns into an empty temporary table took 0.73 s, where SQLite itself needs a tenth of that
/// (BENCHMARKS.md, twenty-third session). Stored as SQLiteKit's encoder stores the same Swift
/// values: a flag as 1/0, an instant as seconds since 1970.
enum BulkValue: Sendable, Equatable {
    case integer(Int64)
    case text(String)
    case real(Double)
    case flag(Bool)
    case instant(Date)
    case null

    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Int64?) { self = value.map(BulkValue.integer) ?? .null }
    init(_ value: String?) { self = value.map(BulkValue.text) ?? .null }
    init(_ value: Bool?) { self = value.map(BulkValue.flag) ?? .null }
    init(_ value: Date?) { self = value.map(BulkValue.instant) ?? .null }
    init(_ value: Double?) { self = value.map(BulkValue.real) ?? .null }

    /// As SQLiteKit's encoder binds the same Swift value.
    var sqlite: SQLiteData {
        switch self {
        case .integer(let value): .integer(Int(value))
        case .text(let value): .text(value)
        case .real(let value): .float(value)
        case .flag(let value): .integer(value ? 1 : 0)
        case .instant(let value): .float(value.timeIntervalSince1970)
        case .null: .null
        }
    }

    /// The same value through SQLKit (PostgreSQL, whose driver types it by the Swift value).
    var bind: any SQLExpression {
        switch self {
        case .integer(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        case .real(let value): SQLBind(value)
        case .flag(let value): SQLBind(value)
        case .instant(let value): SQLBind(value)
        case .null: SQLLiteral.null
        }
    }
}

/// Rows inserted into one table many to a statement. On SQLite the statement's text is written
/// once for a chunk and its values handed to the connection as they are stored (`BulkValue`); on
/// PostgreSQL rows that return nothing are copied (`BulkCopy`), the others inserted through SQLKit.
struct BulkInsert: Sendable {
    let table: String
    let columns: [String]
    /// Rows a statement: at most 30,000 parameters (SQLite allows 32,766, PostgreSQL 65,535).
    let rowsPerStatement: Int

    init(into table: String, columns: [String], rowsPerStatement: Int = 500) {
        precondition(!columns.isEmpty)
        self.table = table
        self.columns = columns
        self.rowsPerStatement = max(1, min(rowsPerStatement, 30_000 / columns.count))
    }

    /// Inserts `values`, row after row (`columns.count` values each), and returns the `returning`
    /// columns of the inserted rows, if any are asked for (in no promised order).
    @discardableResult
    func run(_ values: [BulkValue], returning: [String] = [], on sql: any SQLDatabase) async throws -> [any RowValues] {
        precondition(values.count % columns.count == 0, "a row has \(columns.count) values")
        let rowCount = values.count / columns.count
        if returning.isEmpty, let postgres = sql as? any PostgresDatabase {
            try await BulkCopy.run(values[...], table: table, columns: columns, on: postgres)
            return []
        }
        var returned: [any RowValues] = []
        for first in stride(from: 0, to: rowCount, by: rowsPerStatement) {
            let rows = min(rowsPerStatement, rowCount - first)
            let chunk = values[(first * columns.count)..<((first + rows) * columns.count)]
            if let source = sql as? any SQLiteRowSource {
                let text = statement(rows: rows, returning: returning)
                if let level = sql.queryLogLevel { sql.logger.log(level: level, "Executing query", metadata: ["sql": .string(text)]) }
                let found = try await source.sqliteRows(text, chunk.map(\.sqlite))
                if !returning.isEmpty { returned += found.map { $0 as any RowValues } }
            } else {
                let insert = sql.insert(into: table).columns(columns)
                for row in 0..<rows {
                    let start = chunk.startIndex + row * columns.count
                    insert.values(chunk[start..<(start + columns.count)].map(\.bind))
                }
                if returning.isEmpty {
                    try await insert.run()
                } else {
                    returned += try await insert.returning(returning.map { SQLIdentifier($0) }).all().map { SQLKitRowValues(row: $0) as any RowValues }
                }
            }
        }
        return returned
    }

    /// `INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?) RETURNING "id"` for `rows` rows.
    func statement(rows: Int, returning: [String]) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var text = "INSERT INTO \(Self.quoted(table)) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES "
        text.reserveCapacity(text.utf8.count + rows * (row.utf8.count + 2) + 64)
        for index in 0..<rows {
            if index > 0 { text += ", " }
            text += row
        }
        if !returning.isEmpty { text += " RETURNING " + returning.map(Self.quoted).joined(separator: ", ") }
        return text
    }

    /// Our own table and column names, quoted as both engines quote identifiers.
    private static func quoted(_ name: String) -> String { "\"" + name + "\"" }
}
