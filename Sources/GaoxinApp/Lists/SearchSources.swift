import SQLKit

/// What `search_grams` holds: for each searchable table, the text columns whose grams it files.
/// Enterprises file their name (the credit code is matched by its beginning on its own index);
/// a declared register files its `searchable` fields, so declaring a field searchable indexes it.
struct SearchSource: Sendable {
    let table: String
    let textColumns: [String]

    static let enterprises = SearchSource(table: "enterprises", textColumns: ["name"])

    static func register(_ declaration: RegisterDeclaration) -> SearchSource {
        SearchSource(table: declaration.table, textColumns: declaration.fields.filter(\.searchable).map(\.column))
    }

    static var all: [SearchSource] { [.enterprises] + Registers.all.map(register) }

    /// Files every row of the sources again (after a restore, or when the index is first built),
    /// a few thousand rows at a time in id order, so memory stays flat at any size.
    static func rebuild(_ sources: [SearchSource], on sql: any SQLDatabase) async throws {
        for source in sources {
            try await sql.delete(from: SearchIndex.table).where("tbl", .equal, SQLBind(source.table)).run()
            var after = 0
            while true {
                let columns = source.textColumns.joined(separator: ", ")
                let rows = try await sql.raw("""
                    SELECT id, name_sort, \(unsafeRaw: columns) FROM \(unsafeRaw: source.table) WHERE id > \(bind: after) ORDER BY id LIMIT 5000
                    """).all()
                guard !rows.isEmpty else { break }
                var records: [SearchIndex.Filed] = []
                for row in rows {
                    let id = try row.decode(column: "id", as: Int.self)
                    let texts = try source.textColumns.map { try row.decodeNil(column: $0) ? nil : row.decode(column: $0, as: String.self) }
                    let key = try row.decodeNil(column: "name_sort") ? "" : row.decode(column: "name_sort", as: String.self)
                    records.append(.init(id: id, sortKey: key, texts: texts))
                    after = id
                }
                try await SearchIndex.insert(source.table, records, on: sql)
            }
        }
    }
}
