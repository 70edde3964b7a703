import Fluent
import Foundation
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A rebuild of the search postings (`gaoxin recompute`, a restore, the first migration) files
/// exactly what the writes filed, on both engines: the same rows — names with quotes, backslashes,
/// spaces, Latin letters in any case and characters outside the basic plane included — its
/// indexes back, and search answering from it.
final class SearchRebuildTests: XCTestCase {
    static let names = ["无锡\"引号\"科技有限公司", "反斜杠\\半导体有限公司", "ABC 微电子 有限公司", "𠀀生僻字材料有限公司", "中誉精密制造有限公司"]

    func testRebuildFilesWhatTheWritesFiledOnSQLite() async throws {
        try await withApp(engine: .sqlite) { app, fixtures in try await self.checkRebuild(app, fixtures) }
    }

    func testRebuildFilesWhatTheWritesFiledOnPostgreSQL() async throws {
        _ = try TestDatabase.requirePostgres()
        try await withApp(engine: .postgres) { app, fixtures in try await self.checkRebuild(app, fixtures) }
    }

    private func checkRebuild(_ app: Application, _ fixtures: Fixtures) async throws {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        var ids: [Int] = []
        for (index, name) in Self.names.enumerated() {
            ids.append(try await api.createEnterprise(name, code: USCC.numbered(700 + index), unit: fixtures.zone))
        }
        let policy = try await api.send(.POST, RegisterDeclaration.policies.apiPath, json: "{\"name\":\"研发“奖励”办法\",\"tier\":\"N\",\"issuingUnitId\":\(fixtures.zone)}")
        XCTAssertEqual(policy.status, .created, policy.text)
        let sql = app.db as! any SQLDatabase
        func postings() async throws -> [String] {
            try await sql.raw("SELECT tbl, gram, sort_key, record_id FROM search_grams ORDER BY tbl, record_id, gram").all().map { row in
                "\(try row.decode(column: "tbl", as: String.self))|\(try row.decode(column: "gram", as: String.self))|"
                    + "\(try row.decode(column: "sort_key", as: String.self))|\(try row.decode(column: "record_id", as: Int.self))"
            }
        }
        func filings() async throws -> [String] { try await Self.filings(sql) }
        /// The filings spelled out as postings: they name exactly the postings there are.
        func filedPostings() async throws -> [String] {
            try await filings().flatMap { filing -> [String] in
                let parts = filing.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                return parts[3].split(separator: ",").map { "\(parts[0])|\($0)|\(parts[2])|\(parts[1])" }
            }.sorted()
        }
        let filed = try await postings()
        let filedRecords = try await filings()
        try await AssertAsync.equal(try await filedPostings(), filed.sorted(), "each record's filing names its postings")
        XCTAssertTrue(filed.contains { $0.hasPrefix("enterprises|\"引|") }, "a quote is filed as written")
        XCTAssertTrue(filed.contains { $0.hasPrefix("enterprises|𠀀生|") }, "a character outside the basic plane pairs like any other")
        XCTAssertTrue(filed.contains { $0.hasPrefix("enterprises|ab|") }, "Latin letters lower-cased")
        XCTAssertTrue(filed.contains { $0.hasPrefix("policies|") }, "a declared register's searchable field is filed")

        // Outside a transaction, as a migration runs it: the rebuild holds one connection throughout.
        try await SearchSource.rebuild(SearchSource.all, on: sql)
        try await AssertAsync.equal(try await postings(), filed, "the rebuild files exactly what the writes filed")
        try await AssertAsync.equal(try await filings(), filedRecords, "and the same filings")
        // Inside one, as `gaoxin recompute` and a restore run it.
        let secureDelete = try await app.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await SearchSource.rebuild(SearchSource.all, on: sql)
            return sql.dialect.name == "sqlite" ? try await sql.raw("PRAGMA secure_delete").first(decodingColumn: "secure_delete", as: Int.self) : 1
        }
        XCTAssertEqual(secureDelete, 1, "the connection's secure_delete is back as the driver built it")
        try await AssertAsync.equal(try await postings(), filed)
        try await AssertAsync.equal(try await filings(), filedRecords)
        // One table alone (as the first migration files the registers of its day).
        try await SearchSource.rebuild([.enterprises], on: sql)
        try await AssertAsync.equal(try await postings(), filed)
        try await AssertAsync.equal(try await filings(), filedRecords)

        // A source with no searchable text files nothing, and says so by emptying its postings.
        try await SearchSource.rebuild([SearchSource(table: "enterprises", textColumns: [])], on: sql)
        let none = try await sql.raw("SELECT COUNT(*) AS n FROM search_grams WHERE tbl = 'enterprises'").first(decodingColumn: "n", as: Int.self)
        XCTAssertEqual(none, 0)
        let noFilings = try await sql.raw("SELECT COUNT(*) AS n FROM search_filings WHERE tbl = 'enterprises'").first(decodingColumn: "n", as: Int.self)
        XCTAssertEqual(noFilings, 0)
        try await SearchSource.rebuild(SearchSource.all, on: sql)
        try await AssertAsync.equal(try await postings(), filed)
        try await AssertAsync.equal(try await filings(), filedRecords)

        let indexes = try await sql.raw(sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_grams'"
            : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search_grams'").all().map { try $0.decode(column: "name", as: String.self) }
        XCTAssertFalse(indexes.contains("search_grams_record"), "the filings replaced the index by record: \(indexes)")
        if sql.dialect.name != "sqlite" { XCTAssertTrue(indexes.contains("search_grams_pkey"), "the key is back: \(indexes)") }
        let staging = try await sql.raw(sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_temp_master WHERE name = 'search_grams_staging'"
            : "SELECT COUNT(*) AS n FROM pg_tables WHERE tablename = 'search_grams_staging'").first(decodingColumn: "n", as: Int.self)
        XCTAssertEqual(staging, 0, "the staging table is gone")

        let found = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E5%BC%95%E5%8F%B7")) // 引号
        XCTAssertEqual((found["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, [Self.names[0]])
        // A write after the rebuild replaces the record's postings through the rebuilt indexes.
        let renamed = try await api.send(.PATCH, Site.API.enterprise(ids[4]), json: #"{"name":"中瑞精密制造有限公司"}"#)
        XCTAssertEqual(renamed.status, .ok, renamed.text)
        let old = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E4%B8%AD%E8%AA%89")) // 中誉
        XCTAssertEqual(old["total"] as? Int, 0)
        let new = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E4%B8%AD%E7%91%9E")) // 中瑞
        XCTAssertEqual(new["total"] as? Int, 1)
        try await AssertAsync.equal(try await filedPostings(), try await postings().sorted(), "the rename's filing names its new postings, and no old one is left")
        let renamedPostings = try await postings().filter { $0.hasPrefix("enterprises|") && $0.hasSuffix("|\(ids[4])") }
        XCTAssertFalse(renamedPostings.contains { $0.hasPrefix("enterprises|誉|") }, "\(renamedPostings)")
        XCTAssertTrue(renamedPostings.contains { $0.hasPrefix("enterprises|瑞|") }, "\(renamedPostings)")
    }

    func testAnExistingIndexIsFiledByTheMigrationOnSQLite() async throws {
        try await withApp(engine: .sqlite) { app, fixtures in try await self.checkMigration(app, fixtures) }
    }

    func testAnExistingIndexIsFiledByTheMigrationOnPostgreSQL() async throws {
        _ = try TestDatabase.requirePostgres()
        try await withApp(engine: .postgres) { app, fixtures in try await self.checkMigration(app, fixtures) }
    }

    /// A database from before the filings (postings with their index by record) gets each
    /// record's filing from its postings, and a write then replaces exactly those postings.
    private func checkMigration(_ app: Application, _ fixtures: Fixtures) async throws {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let id = try await api.createEnterprise("中誉精密制造有限公司", code: USCC.numbered(780), unit: fixtures.zone)
        let sql = app.db as! any SQLDatabase
        func filings() async throws -> [String] { try await Self.filings(sql) }
        let written = try await filings()
        XCTAssertTrue(written.contains { $0.hasPrefix("enterprises|\(id)|") && $0.contains("誉精") }, "\(written.prefix(3))")
        // As before M0060: no filings, the postings indexed by record.
        try await M0060_CreateSearchFilings().revert(on: app.db)
        try await M0060_CreateSearchFilings().prepare(on: app.db)
        try await AssertAsync.equal(try await filings(), written, "the migration files what the postings hold")
        let renamed = try await api.send(.PATCH, Site.API.enterprise(id), json: #"{"name":"中瑞精密制造有限公司"}"#)
        XCTAssertEqual(renamed.status, .ok, renamed.text)
        let old = try await sql.raw("SELECT COUNT(*) AS n FROM search_grams WHERE tbl = 'enterprises' AND record_id = \(bind: id) AND gram = '誉'")
            .first(decodingColumn: "n", as: Int.self)
        XCTAssertEqual(old, 0, "the old name's postings went with the rename")
        let found = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E4%B8%AD%E7%91%9E")) // 中瑞
        XCTAssertEqual(found["total"] as? Int, 1)
    }

    func testTheStagedGramsAreAJSONArrayOfExactlyThoseStrings() throws {
        let strings = ["\"", "\\", "a\u{1}b", "𠀀", "中誉", "tab\there", ""]
        let text = JSONText.array(strings)
        let decoded = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        XCTAssertEqual(decoded, strings)
        XCTAssertEqual(JSONText.array([String]()), "[]")
    }

    /// Each record's filing with its grams in order: what a later write takes out.
    private static func filings(_ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("SELECT tbl, record_id, sort_key, grams FROM search_filings ORDER BY tbl, record_id").all().map { row in
            let grams = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "grams", as: String.self).utf8)).sorted()
            return "\(try row.decode(column: "tbl", as: String.self))|\(try row.decode(column: "record_id", as: Int.self))|"
                + "\(try row.decode(column: "sort_key", as: String.self))|\(grams.joined(separator: ","))"
        }
    }
}
