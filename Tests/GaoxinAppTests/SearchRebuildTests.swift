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
        let filed = try await postings()
        XCTAssertTrue(filed.contains { $0.hasPrefix("enterprises|\"引|") }, "a quote is filed as written")
        XCTAssertTrue(filed.contains { $0.hasPrefix("enterprises|𠀀生|") }, "a character outside the basic plane pairs like any other")
        XCTAssertTrue(filed.contains { $0.hasPrefix("enterprises|ab|") }, "Latin letters lower-cased")
        XCTAssertTrue(filed.contains { $0.hasPrefix("policies|") }, "a declared register's searchable field is filed")

        // Outside a transaction, as a migration runs it: the rebuild holds one connection throughout.
        try await SearchSource.rebuild(SearchSource.all, on: sql)
        try await AssertAsync.equal(try await postings(), filed, "the rebuild files exactly what the writes filed")
        // Inside one, as `gaoxin recompute` and a restore run it.
        let secureDelete = try await app.db.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await SearchSource.rebuild(SearchSource.all, on: sql)
            return sql.dialect.name == "sqlite" ? try await sql.raw("PRAGMA secure_delete").first(decodingColumn: "secure_delete", as: Int.self) : 1
        }
        XCTAssertEqual(secureDelete, 1, "the connection's secure_delete is back as the driver built it")
        try await AssertAsync.equal(try await postings(), filed)
        // One table alone (as the first migration files the registers of its day).
        try await SearchSource.rebuild([.enterprises], on: sql)
        try await AssertAsync.equal(try await postings(), filed)

        // A source with no searchable text files nothing, and says so by emptying its postings.
        try await SearchSource.rebuild([SearchSource(table: "enterprises", textColumns: [])], on: sql)
        let none = try await sql.raw("SELECT COUNT(*) AS n FROM search_grams WHERE tbl = 'enterprises'").first(decodingColumn: "n", as: Int.self)
        XCTAssertEqual(none, 0)
        try await SearchSource.rebuild(SearchSource.all, on: sql)
        try await AssertAsync.equal(try await postings(), filed)

        let indexes = try await sql.raw(sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'search_grams'"
            : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'search_grams'").all().map { try $0.decode(column: "name", as: String.self) }
        XCTAssertTrue(indexes.contains("search_grams_record"), "\(indexes)")
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
    }

    func testTheStagedGramsAreAJSONArrayOfExactlyThoseStrings() throws {
        let strings = ["\"", "\\", "a\u{1}b", "𠀀", "中誉", "tab\there", ""]
        let text = SearchPostingsLoad.jsonArray(strings)
        let decoded = try JSONDecoder().decode([String].self, from: Data(text.utf8))
        XCTAssertEqual(decoded, strings)
        XCTAssertEqual(SearchPostingsLoad.jsonArray([String]()), "[]")
    }
}
