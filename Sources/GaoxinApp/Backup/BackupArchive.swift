import Fluent
import Foundation
import SQLKit
import ZIPFoundation

/// An engine-neutral archive of all data: a zip holding `manifest.json` and one JSON-lines file
/// per table, each line an array of the row's values in column order. Dates are integer
/// microseconds since 1970 (what both engines keep exactly), blobs base64, booleans true/false.
enum BackupArchive {
    static let format = "gaoxin-backup"
    static let version = 1

    struct Manifest: Codable, Equatable {
        var format: String
        var version: Int
        var migrations: [String]
        var tables: [TableInfo]
    }

    struct TableInfo: Codable, Equatable {
        var name: String
        var columns: [String]
        var rows: Int
    }

    enum Problem: Error, CustomStringConvertible {
        case notEmpty(String)
        case badArchive(String)
        var description: String {
            switch self {
            case .notEmpty(let table): return "目标数据库不是空的（表 \(table) 已有数据），只能恢复到空数据库"
            case .badArchive(let reason): return "备份文件无效：\(reason)"
            }
        }
    }

    /// Reads every table into an archive (in memory; fine for the foundation's data volumes).
    static func write(from db: Database) async throws -> Data {
        let sql = db as! any SQLDatabase
        let archive = try Archive(accessMode: .create)
        var infos: [TableInfo] = []
        for table in BackupSchema.tables {
            let rows = try await sql.select().columns(table.columns.map { SQLColumn($0.name) }).from(table.name)
                .orderBy(SQLColumn(table.columns[0].name)).all()
            var lines = Data()
            for row in rows {
                var values: [JSONValue] = []
                for column in table.columns { values.append(try decode(row, column.name, column.type)) }
                lines.append(try JSONEncoder().encode(values))
                lines.append(0x0A)
            }
            try add(archive, "tables/\(table.name).jsonl", lines)
            infos.append(TableInfo(name: table.name, columns: table.columns.map(\.name), rows: rows.count))
        }
        let manifest = Manifest(format: format, version: version, migrations: Migrations.all.map { "\(type(of: $0))" }, tables: infos)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try add(archive, "manifest.json", try encoder.encode(manifest))
        guard let data = archive.data else { throw Problem.badArchive("无法生成压缩包") }
        return data
    }

    /// Loads an archive into a migrated, empty database, all in one transaction.
    static func restore(_ data: Data, into db: Database) async throws -> Manifest {
        guard let archive = try? Archive(data: data, accessMode: .read) else { throw Problem.badArchive("不是 zip 文件") }
        let manifest = try JSONDecoder().decode(Manifest.self, from: try read(archive, "manifest.json"))
        guard manifest.format == format, manifest.version == version else { throw Problem.badArchive("格式或版本不符") }
        let sql = db as! any SQLDatabase
        for table in BackupSchema.tables where !BackupSchema.seededByMigrations.contains(table.name) {
            let count = try await sql.select().column(SQLRaw("COUNT(*) AS n")).from(table.name).first(decodingColumn: "n", as: Int.self) ?? 0
            if count > 0 { throw Problem.notEmpty(table.name) }
        }
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            // The archive's own built-in rows replace the migration's (an older archive without them keeps the migration's).
            for name in BackupSchema.seededByMigrations where manifest.tables.contains(where: { $0.name == name }) {
                try await sql.raw("DELETE FROM \(ident: name)").run()
            }
            let isPostgres = sql.dialect.name == "postgresql"
            for table in BackupSchema.tables {
                guard let info = manifest.tables.first(where: { $0.name == table.name }) else { continue }
                guard info.columns == table.columns.map(\.name) else { throw Problem.badArchive("表 \(table.name) 的列与当前版本不一致") }
                let lines = try read(archive, "tables/\(table.name).jsonl").split(separator: 0x0A)
                for batch in stride(from: 0, to: lines.count, by: 200) {
                    let insert = sql.insert(into: table.name).columns(table.columns.map(\.name))
                    for line in lines[batch..<min(batch + 200, lines.count)] {
                        let values = try JSONDecoder().decode([JSONValue].self, from: Data(line))
                        guard values.count == table.columns.count else { throw Problem.badArchive("表 \(table.name) 有一行的列数不对") }
                        insert.values(try zip(values, table.columns).map { try bind($0, $1.type, postgres: isPostgres) })
                    }
                    try await insert.run()
                }
                if let identity = table.identity, sql.dialect.name == "postgresql" {
                    try await sql.raw("SELECT setval(pg_get_serial_sequence(\(bind: table.name), \(bind: identity)), COALESCE((SELECT MAX(\(ident: identity)) FROM \(ident: table.name)), 0) + 1, false)").run()
                }
            }
            // The search postings and roll-ups are derived, not backed up: made again from the restored rows.
            try await DerivedTables.rebuildAll(on: sql)
        }
        return manifest
    }

    private static func decode(_ row: any SQLRow, _ column: String, _ type: BackupSchema.ColumnType) throws -> JSONValue {
        if try row.decodeNil(column: column) { return .null }
        switch type {
        case .int: return .int(Int64(try row.decode(column: column, as: Int.self)))
        case .text: return .text(try row.decode(column: column, as: String.self))
        case .bool: return .bool(try row.decode(column: column, as: Bool.self))
        case .datetime:
            let date = try row.decode(column: column, as: Date.self)
            return .int(Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
        case .blob: return .text(try row.decode(column: column, as: Data.self).base64EncodedString())
        // Swift's description of a Double is the shortest text that reads back to the same bits.
        case .double: return .text(String(try row.decode(column: column, as: Double.self)))
        }
    }

    private static func bind(_ value: JSONValue, _ type: BackupSchema.ColumnType, postgres: Bool) throws -> any SQLExpression {
        switch (value, type) {
        case (.null, _): return SQLLiteral.null
        case (.int(let v), .int): return SQLBind(Int(v))
        case (.text(let v), .text): return SQLBind(v)
        case (.bool(let v), .bool): return SQLBind(v)
        case (.int(let v), .datetime) where postgres:
            // Exact: PostgresNIO truncates a Date's double to microseconds, which can lose one.
            return SQLQueryString("(TIMESTAMPTZ 'epoch' + \(bind: Int(v)) * INTERVAL '1 microsecond')")
        case (.int(let v), .datetime): return SQLBind(Date(timeIntervalSince1970: Double(v) / 1_000_000))
        case (.text(let v), .double):
            guard let value = Double(v) else { throw Problem.badArchive("小数字段无法解码") }
            return SQLBind(value)
        case (.text(let v), .blob):
            guard let data = Data(base64Encoded: v) else { throw Problem.badArchive("二进制字段无法解码") }
            return SQLBind(data)
        default: throw Problem.badArchive("字段类型不符")
        }
    }

    private static func add(_ archive: Archive, _ path: String, _ data: Data) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    private static func read(_ archive: Archive, _ path: String) throws -> Data {
        guard let entry = archive[path] else { throw Problem.badArchive("缺少 \(path)") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }
}

/// The values a backup line can hold.
enum JSONValue: Codable, Equatable {
    case null, int(Int64), text(String), bool(Bool)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let bool = try? container.decode(Bool.self) { self = .bool(bool) }
        else if let int = try? container.decode(Int64.self) { self = .int(int) }
        else { self = .text(try container.decode(String.self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .int(let v): try container.encode(v)
        case .text(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        }
    }
}
