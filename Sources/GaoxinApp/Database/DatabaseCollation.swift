import SQLKit
import Vapor

/// PostgreSQL must compare text byte by byte, as SQLite does: the pinyin sort keys
/// (`PinyinSortKey`: `-` below digits, digits below letters, `~` after them), the search postings
/// kept in that order, and the code prefixes read as ranges (`credit_code >= '91320' AND
/// credit_code < '91320~'`) all assume it. A database created with a language's collation
/// (`zh_CN.UTF-8`, an ICU `zh` locale — a common default) orders `~` before letters and digits
/// and 丁 before 一 (by pinyin): every code prefix search finds nothing and lists no longer match
/// SQLite's order. Nothing fails loudly there, so every command that opens the database checks
/// first and refuses one that does not compare as bytes, saying how to create one that does.
///
/// Checked by behaviour, not by name: `C`, `POSIX` and glibc's `C.UTF-8` pass; whatever else
/// orders these pairs as their bytes do would pass too.
enum DatabaseCollation {
    /// Pairs whose bytes put the first before the second, each a rule the product relies on.
    static let byteOrderedPairs: [(String, String)] = [
        ("91320ABC", "91320~"),   // a code prefix's upper bound
        ("an-bei", "an1"),        // the sort key's separator below digits
        ("9", "A"),               // digits below letters
        ("B", "a"),               // upper case below lower case: no case folding
        ("zhuang4", "~0030A2"),   // a character without a reading after every syllable
        ("一", "丁"),              // U+4E00 before U+4E01: code points, not pinyin (yī after dīng)
    ]

    struct Refused: Error, CustomStringConvertible {
        let collation: String
        var description: String {
            """
            PostgreSQL 数据库的排序规则（\(collation)）不按字节比较文本，拼音排序、代码前缀检索会出错。\
            请用按字节比较的排序规则新建数据库，例如：createdb --template=template0 --encoding=UTF8 --locale=C.UTF-8 <库名>。\
            (The database's collation \(collation) does not compare text as bytes; create the database with \
            --template=template0 --encoding=UTF8 --locale=C.UTF-8, or LC_COLLATE=C.)
            """
        }
    }

    /// Throws `Refused` when the database's default collation orders any pair against its bytes.
    /// SQLite compares as bytes (BINARY) unless told otherwise: nothing to check.
    static func verify(on sql: any SQLDatabase) async throws {
        guard sql.dialect.name == "postgresql" else { return }
        var probe = SQLQueryString("SELECT ")
        for (index, pair) in byteOrderedPairs.enumerated() {
            if index > 0 { probe.appendInterpolation(unsafeRaw: " AND ") }
            probe.appendInterpolation(SQLQueryString("\(bind: pair.0)::text < \(bind: pair.1)::text"))
        }
        probe.appendInterpolation(unsafeRaw: " AS ordered, (SELECT datcollate FROM pg_database WHERE datname = current_database()) AS collation")
        guard let row = try await sql.raw(probe).first() else { return }
        if try !row.decode(column: "ordered", as: Bool.self) {
            throw Refused(collation: try row.decode(column: "collation", as: String?.self) ?? "?")
        }
    }
}

extension Application {
    /// Every command's way into the database: the collation checked, then the migrations run.
    func migrateDatabase() async throws {
        try await DatabaseCollation.verify(on: db as! any SQLDatabase)
        try await autoMigrate()
    }
}
