@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTVapor
import XCTest

/// Enterprise search through the postings (`SearchIndex`), on both engines: one to four
/// characters anywhere in a name, a credit code by its beginning, a three-character term whose
/// pairs are all in a name but not in that order is no match, a rename moves the name in the
/// index, and a word too common to count in full says its total is a lower bound.
final class EnterpriseSearchTests: XCTestCase {
    static let names = ["无锡华润微电子有限公司", "华润润华贸易有限公司", "中誉精密制造有限公司", "常州恒泰光电有限公司", "誉华科技有限公司"]

    func testSearchThroughThePostingsOnSQLite() async throws {
        try await withApp(engine: .sqlite) { app, fixtures in try await self.checkSearch(app, fixtures) }
    }

    func testSearchThroughThePostingsOnPostgreSQL() async throws {
        _ = try TestDatabase.requirePostgres()
        try await withApp(engine: .postgres) { app, fixtures in try await self.checkSearch(app, fixtures) }
    }

    private func checkSearch(_ app: Application, _ fixtures: Fixtures) async throws {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        var ids: [String: Int] = [:]
        for (index, name) in Self.names.enumerated() {
            ids[name] = try await api.createEnterprise(name, code: USCC.numbered(500 + index), unit: fixtures.zone)
        }
        func found(_ q: String) async throws -> [String] {
            let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let body = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=\(encoded)&sort=name&per=100"))
            XCTAssertEqual(body["totalIsLowerBound"] as? Bool, false, q)
            let names = ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
            XCTAssertEqual(body["total"] as? Int, names.count, q)
            return names
        }
        try await AssertAsync.equal(Set(try await found("誉")), ["中誉精密制造有限公司", "誉华科技有限公司"], "one character")
        try await AssertAsync.equal(try await found("华润"), ["华润润华贸易有限公司", "无锡华润微电子有限公司"], "two characters, pinyin order")
        try await AssertAsync.equal(try await found("润微电"), ["无锡华润微电子有限公司"])
        try await AssertAsync.equal(try await found("华润华"), [], "华润 and 润华 are both in 华润润华, 华润华 is not")
        try await AssertAsync.equal(try await found("恒泰光电"), ["常州恒泰光电有限公司"], "four characters")
        try await AssertAsync.equal(try await found("深圳"), [])
        try await AssertAsync.equal(try await found(USCC.numbered(502).prefix(17).lowercased()), ["中誉精密制造有限公司"], "a credit code by its beginning, any case")

        let renamed = try await api.send(.PATCH, Site.API.enterprise(ids["中誉精密制造有限公司"]!), json: #"{"name":"中瑞精密制造有限公司"}"#)
        XCTAssertEqual(renamed.status, .ok, renamed.text)
        try await AssertAsync.equal(try await found("中誉"), [], "the old name is gone from the index")
        try await AssertAsync.equal(try await found("中瑞"), ["中瑞精密制造有限公司"])

        // A gram with more postings than the selective limit is common: its page comes from the
        // list's order and its total is a lower bound, said so in the API and on the page.
        let sql = app.db as! any SQLDatabase
        // Padding sorts after every real name ("zz…"), so the real matches lead the name order.
        let padding = (0...SearchIndex.selectiveLimit).map { SearchIndex.Filed(id: 10_000_000 + $0, sortKey: "zz\($0)", texts: [Optional("有限公司")]) }
        try await SearchIndex.insert(SearchSource.enterprises.table, padding, on: sql)
        let common = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E6%9C%89%E9%99%90&per=100")) // 有限
        XCTAssertEqual(common["totalIsLowerBound"] as? Bool, true)
        XCTAssertEqual((common["items"] as? [[String: Any]])?.count, Self.names.count, "every real match is on the page")
        // Unfiltered, a one- or two-character term's postings are each a match and are counted
        // alone, without visiting the rows (the padding has none, so it shows in this count only).
        XCTAssertEqual(common["total"] as? Int, Self.names.count + padding.count, "counted from the postings alone")
        // Unfiltered and in name order, a common term's page is read off its gram's postings, kept in that order.
        let second = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E6%9C%89%E9%99%90&per=2&page=2&sort=name"))
        XCTAssertEqual((second["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["无锡华润微电子有限公司", "誉华科技有限公司"])
        let filtered = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E6%9C%89%E9%99%90&per=2&sort=name&active=1"))
        XCTAssertEqual((filtered["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["常州恒泰光电有限公司", "华润润华贸易有限公司"],
                       "with a filter, the same order through the rows")
        XCTAssertEqual(filtered["total"] as? Int, Self.names.count, "with a filter, counted through the rows: the padding has none")
        XCTAssertEqual(filtered["totalIsLowerBound"] as? Bool, true)
        let page = try await Browser.signedIn(app, as: .office).get(Site.enterprises + "?q=%E6%9C%89%E9%99%90")
        XCTAssertTrue(page.text.contains("至少 \(Wan.grouped(UInt64(Self.names.count + padding.count))) 条（常用字词"), page.text)

        // A longer term whose every pair is common: its page is its rarest pair's postings walked
        // in name order, each tested by its text (a name with 有限 but not 有限公司 is no match;
        // the padding has no rows), either direction, any page.
        _ = try await api.createEnterprise("润华有限合伙企业", code: USCC.numbered(520), unit: fixtures.zone)
        let plan = try await SearchIndex.plan("有限公司", index: RegisterList.definition(.enterprises).searchIndex!, base: "enterprises r", substring: "1 = 1", on: sql)
        XCTAssertTrue(plan.bounded)
        XCTAssertFalse(plan.orderedGramIsExact)
        XCTAssertNotNil(plan.orderedGram)
        let inOrder = ["常州恒泰光电有限公司", "华润润华贸易有限公司", "无锡华润微电子有限公司", "誉华科技有限公司", "中瑞精密制造有限公司"]
        func names(_ query: String) async throws -> [String] {
            let body = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&" + query)) // 有限公司
            XCTAssertEqual(body["totalIsLowerBound"] as? Bool, true, query)
            XCTAssertEqual(body["total"] as? Int, inOrder.count, "counted through the rows: \(query)")
            return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        }
        try await AssertAsync.equal(try await names("sort=name&per=100"), inOrder)
        try await AssertAsync.equal(try await names("sort=name&per=2&page=2"), Array(inOrder[2..<4]))
        try await AssertAsync.equal(try await names("sort=-name&per=2"), Array(inOrder.reversed()[0..<2]))
        try await AssertAsync.equal(try await names("sort=name&per=2&page=3"), Array(inOrder[4...]))
        try await AssertAsync.equal(try await names("sort=name&per=100&active=1"), inOrder, "with a filter, through the rows: the same")
    }

    func testACommonCodePrefixIsCountedToTheCapAndPagedInNameOrderOnSQLite() async throws {
        try await withApp(engine: .sqlite) { app, fixtures in try await self.checkCommonCodePrefix(app, fixtures) }
    }

    func testACommonCodePrefixIsCountedToTheCapAndPagedInNameOrderOnPostgreSQL() async throws {
        _ = try TestDatabase.requirePostgres()
        try await withApp(engine: .postgres) { app, fixtures in try await self.checkCommonCodePrefix(app, fixtures) }
    }

    /// 5,100 enterprises whose codes begin 914403, the first 2,100 of them 914403A: more than the
    /// selective limit either way, the second past the count's cap. Names 批量企业1… sort in that order.
    private func checkCommonCodePrefix(_ app: Application, _ fixtures: Fixtures) async throws {
        let sql = app.db as! any SQLDatabase
        try await sql.raw("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5100)
            INSERT INTO enterprises (credit_code, name, name_sort, industry_code, unit_id, above_scale, active, created_at, updated_at)
            SELECT '914403' || CASE WHEN i <= 2100 THEN 'A' ELSE 'B' END || CAST(1000000000 + i AS TEXT), '批量企业' || CAST(i AS TEXT),
                   'pi4-liang4-' || CAST(100000 + i AS TEXT), '3976', \(bind: fixtures.zone), FALSE, TRUE, \(bind: Date()), \(bind: Date()) FROM n
            """).run()
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        func listed(_ query: String) async throws -> (names: [String], total: Int?, lowerBound: Bool?) {
            let body = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?" + query))
            return (((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }, body["total"] as? Int, body["totalIsLowerBound"] as? Bool)
        }
        func numbered(_ range: some Sequence<Int>) -> [String] { range.map { "批量企业\($0)" } }

        let rarer = try await listed("q=914403a&per=50&sort=name")
        XCTAssertEqual(rarer.total, 2_100, "past the selective limit, below the cap: exact")
        XCTAssertEqual(rarer.lowerBound, false)
        XCTAssertEqual(rarer.names, numbered(1...50))
        try await AssertAsync.equal(try await listed("q=914403A&per=50&sort=name&page=3").names, numbered(101...150))
        try await AssertAsync.equal(try await listed("q=914403A&per=50&sort=-name").names, numbered((2051...2100).reversed()))

        let common = try await listed("q=914403&per=50&sort=name")
        XCTAssertEqual(common.total, SearchIndex.totalCap, "counted no further than the cap")
        XCTAssertEqual(common.lowerBound, true)
        XCTAssertEqual(common.names, numbered(1...50))
        try await AssertAsync.equal(try await listed("q=914403&per=50&sort=name&page=60").names, numbered(2951...3000))
        try await AssertAsync.equal(try await listed("q=914403&per=50&sort=-name").names, numbered((5051...5100).reversed()))
        try await AssertAsync.equal(try await listed("q=914403&per=50&sort=name&unitId=\(fixtures.zone)").names, numbered(1...50), "with a filter")
        try await AssertAsync.equal(try await listed("q=914403&per=50&sort=name&unitId=\(fixtures.otherTeam)").names, [], "the filter still applies")
        let page = try await Browser.signedIn(app, as: .office).get(Site.enterprises + "?q=914403")
        XCTAssertTrue(page.text.contains("至少 \(Wan.grouped(UInt64(SearchIndex.totalCap))) 条"), page.text)
    }
}
