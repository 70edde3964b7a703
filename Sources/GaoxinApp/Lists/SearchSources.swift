import Fluent
import SQLKit

/// What `search_grams` holds: for each searchable table, the text columns whose grams it files.
/// A declared register files its `searchable` fields, so declaring a field searchable indexes it
/// (an enterprise files its name; its credit code is matched by its beginning on its own index).
struct SearchSource: Sendable {
    let table: String
    let textColumns: [String]

    static var enterprises: SearchSource { register(.enterprises) }

    static func register(_ declaration: RegisterDeclaration) -> SearchSource {
        SearchSource(table: declaration.table, textColumns: declaration.fields.filter(\.searchable).map(\.column))
    }

    static var all: [SearchSource] { Registers.declared.map(register) }

    /// Files every row of the sources again (after a restore, by `gaoxin recompute`, or when the
    /// index is first built): the rows read a few thousand at a time in id order and staged, then
    /// loaded in the postings' order (`SearchPostingsLoad`), so memory stays flat at any size. On
    /// one connection: the staging table is the connection's own.
    static func rebuild(_ sources: [SearchSource], on sql: any SQLDatabase) async throws {
        guard let db = sql as? any Database else { return try await load(sources, on: sql) }
        try await db.withConnection { connection in try await load(sources, on: connection as! any SQLDatabase) }
    }

    private static func load(_ sources: [SearchSource], on sql: any SQLDatabase) async throws {
        let all = Set(sources.map(\.table)) == Set(Self.all.map(\.table))
        let load = SearchPostingsLoad(sql: sql)
        do {
            try await load.begin(replacing: sources.map(\.table), all: all)
            try await stage(sources, into: load, on: sql)
            try await load.finish()
            try await load.restore()
        } catch {
            try? await load.restore()
            throw error
        }
    }

    private static func stage(_ sources: [SearchSource], into load: SearchPostingsLoad, on sql: any SQLDatabase) async throws {
        // A register with no searchable field has nothing to file (its postings are just emptied).
        for source in sources where !source.textColumns.isEmpty {
            var after = 0
            let columns = source.textColumns.joined(separator: ", ")
            while true {
                let rows = try await sql.raw("""
                    SELECT id, name_sort, \(unsafeRaw: columns) FROM \(unsafeRaw: source.table) WHERE id > \(bind: after) ORDER BY id LIMIT 10000
                    """).all()
                guard !rows.isEmpty else { break }
                var records: [SearchIndex.Filed] = []
                records.reserveCapacity(rows.count)
                for row in rows {
                    let id = try row.decode(column: "id", as: Int.self)
                    let texts = try source.textColumns.map { try row.decodeNil(column: $0) ? nil : row.decode(column: $0, as: String.self) }
                    let key = try row.decodeNil(column: "name_sort") ? "" : row.decode(column: "name_sort", as: String.self)
                    records.append(.init(id: id, sortKey: key, texts: texts))
                    after = id
                }
                try await load.add(source.table, records)
            }
        }
    }
}
