import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// An import files its new records among the recent postings (`SearchIndex.recent`); every search
/// reads both tables, a rename takes a record's postings out of either, and `SearchPostingsMerge`
/// moves them into the main table in key-ordered chunks without changing what any search finds.
final class SearchPostingsMergeTests: XCTestCase {
    static let header = "企业名称,统一社会信用代码,行业代码,所属单位,规上"

    static func row(_ n: Int, name: String? = nil) -> String {
        "\(name ?? "合并检索企业\(n)号"),\(USCC.numbered(31_000 + n)),3976,ZS-JCDL,否"
    }

    func testImportedRecordsAreFoundBeforeAndAfterTheirPostingsAreMerged() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let sql = app.db as! any SQLDatabase
            let count = 40
            let (_, job) = try await driver.viaAPI("enterprises", fileName: "合并.csv", data: ImportDriver.csv([Self.header] + (1...count).map { Self.row($0) }))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let imported = "record_id IN (SELECT id FROM enterprises WHERE name LIKE '合并检索企业%')"
            let recent = try await Probe.count(app, "search_grams_recent", where: "tbl = 'enterprises' AND \(imported)")
            XCTAssertGreaterThan(recent, count, "the import's postings are in the recent table")
            Check.equal(try await Probe.count(app, "search_grams", where: "tbl = 'enterprises' AND \(imported)"), 0, "and none in the main one")

            // One term of each kind the index answers: one character, a pair, a longer term
            // (pairs intersected, then the substring test), in name order, with their totals.
            let api = driver.api
            func search(_ q: String) async throws -> (total: Int?, names: [String]) {
                let page = try parseJSONObject(try await api.send(.GET, "/api/v1/enterprises?per=100&q=" + q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
                return (page["total"] as? Int, ((page["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            }
            let terms = ["检", "合并", "检索企业7号", "企业39号"]
            var before: [String: (total: Int?, names: [String])] = [:]
            for term in terms { before[term] = try await search(term) }
            XCTAssertEqual(before["合并"]?.total, count)
            XCTAssertEqual(before["检"]?.total, count)
            XCTAssertEqual(before["检索企业7号"]?.names, ["合并检索企业7号"])
            XCTAssertEqual(before["企业39号"]?.names, ["合并检索企业39号"])
            XCTAssertEqual(before["合并"]?.names, before["合并"]?.names.sorted { PinyinSortKey.key(for: $0) < PinyinSortKey.key(for: $1) })

            // A rename before the merge: the old name's postings leave the recent table.
            var lines = [Self.header] + (1...count).map { Self.row($0) }
            lines[5] = Self.row(5, name: "改名后的企业五号")
            let (_, refresh) = try await driver.viaAPI("enterprises", fileName: "改名.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(refresh["status"] as? String, "succeeded", "\(refresh)")
            let renamed = try await sql.raw("SELECT id FROM enterprises WHERE name = '改名后的企业五号'").first(decodingColumn: "id", as: Int.self)
            let renamedID = try XCTUnwrap(renamed)
            let grams = Set(try await sql.raw("SELECT gram FROM \(unsafeRaw: Probe.allPostings) WHERE tbl = 'enterprises' AND record_id = \(bind: renamedID)").all()
                .map { try $0.decode(column: "gram", as: String.self) })
            XCTAssertEqual(grams, SearchIndex.grams("改名后的企业五号"), "exactly the new name's postings, in either table")
            let left = try await search("合并"), fifth = try await search("五号")
            XCTAssertEqual(left.total, count - 1)
            XCTAssertEqual(fifth.names, ["改名后的企业五号"])
            before = [:]
            for term in terms + ["五号"] { before[term] = try await search(term) }
            let postings = try await Self.postings(sql, Probe.allPostings)

            // Below the threshold nothing moves; at it, every recent posting moves, chunk by chunk.
            let waiting = try await Probe.count(app, "search_grams_recent")
            XCTAssertGreaterThan(waiting, 0)
            let none = try await SearchPostingsMerge.mergeIfDue(on: app.db, threshold: waiting + 1)
            XCTAssertEqual(none, 0)
            Check.equal(try await Probe.count(app, "search_grams_recent"), waiting)
            let moved = try await SearchPostingsMerge.mergeIfDue(on: app.db, threshold: waiting, chunk: 97)
            XCTAssertEqual(moved, waiting, "every waiting posting moved")
            XCTAssertGreaterThan(waiting, 97 * 3, "in several chunks")
            Check.equal(try await Probe.count(app, "search_grams_recent"), 0)
            try await AssertAsync.equal(try await Self.postings(sql, "search_grams"), postings, "the main table holds exactly what both held")
            for term in terms + ["五号"] {
                let after = try await search(term)
                XCTAssertEqual(after.total, before[term]?.total, term)
                XCTAssertEqual(after.names, before[term]?.names, term)
            }

            // The main postings are those a rebuild files.
            try await SearchSource.rebuild(SearchSource.all, on: sql)
            try await AssertAsync.equal(try await Self.postings(sql, "search_grams"), postings)
        }
    }

    /// A common gram's page read off its postings (`SearchIndex.orderedPage`) takes both tables in
    /// key order, either direction and at any offset; counts and candidates add the two.
    func testAPageOffBothTablesIsInKeyOrderAndCountsAddUp() async throws {
        try await withApp { app, _ in
            let main = (1...30).map { SearchIndex.Filed(id: 1_000 + $0, sortKey: String(format: "k%03d", $0 * 2), texts: ["甲乙\($0)"]) }
            let recent = (1...25).map { SearchIndex.Filed(id: 2_000 + $0, sortKey: String(format: "k%03d", $0 * 2 + 1), texts: ["甲丙\($0)"]) }
                + [SearchIndex.Filed(id: 2_100, sortKey: "k004", texts: ["甲丁"])]  // the same key as a main record: the id breaks the tie
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await SearchIndex.insert("merge_probe", main, on: sql)
                let load = SearchPostingsLoad(sql: sql)
                try await load.beginAppend()
                try await load.add("merge_probe", recent)
                try await load.finishAppend()
            }
            let sql = app.db as! any SQLDatabase
            Check.equal(try await Probe.count(app, "search_grams_recent", where: "tbl = 'merge_probe' AND gram = '甲'"), 26)
            let everyone = (main + recent).sorted { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) }.map(\.id)
            let byKeyDescending = (main + recent).sorted { $0.sortKey != $1.sortKey ? $0.sortKey > $1.sortKey : $0.id < $1.id }.map(\.id)
            func page(descending: Bool, limit: Int, offset: Int) async throws -> [Int] {
                try await sql.raw(SearchIndex.orderedPage("merge_probe", gram: "甲", descending: descending, limit: limit, offset: offset)).all()
                    .map { try $0.decode(column: "record_id", as: Int.self) }
            }
            try await AssertAsync.equal(try await page(descending: false, limit: 100, offset: 0), everyone)
            try await AssertAsync.equal(try await page(descending: false, limit: 7, offset: 10), Array(everyone[10..<17]))
            try await AssertAsync.equal(try await page(descending: true, limit: 100, offset: 0), byKeyDescending)
            try await AssertAsync.equal(try await page(descending: true, limit: 5, offset: 50), Array(byKeyDescending[50..<55]))

            try await AssertAsync.equal(try await SearchIndex.postings("merge_probe", gram: "甲", upTo: 1_000, on: sql), 56)
            try await AssertAsync.equal(try await SearchIndex.postings("merge_probe", gram: "乙", upTo: 1_000, on: sql), 30)
            try await AssertAsync.equal(try await SearchIndex.postings("merge_probe", gram: "甲丙", upTo: 1_000, on: sql), 25)
            let candidates = try await sql.raw("SELECT record_id FROM (\(SearchIndex.gramPostings("merge_probe", gram: "甲")) INTERSECT \(SearchIndex.gramPostings("merge_probe", gram: "丁"))) c")
                .all().map { try $0.decode(column: "record_id", as: Int.self) }
            XCTAssertEqual(candidates, [2_100], "a pair of grams intersected across the tables")

            // Merged, the same page.
            let moved = try await SearchPostingsMerge.mergeIfDue(on: app.db, threshold: 1, chunk: 10)
            XCTAssertGreaterThan(moved, 26)
            try await AssertAsync.equal(try await page(descending: false, limit: 100, offset: 0), everyone)
            try await AssertAsync.equal(try await page(descending: true, limit: 100, offset: 0), byKeyDescending)
            try await AssertAsync.equal(try await SearchIndex.postings("merge_probe", gram: "甲", upTo: 1_000, on: sql), 56)
        }
    }

    static func postings(_ sql: any SQLDatabase, _ from: String) async throws -> [String] {
        try await sql.raw("SELECT tbl, gram, sort_key, record_id FROM \(unsafeRaw: from) WHERE tbl = 'enterprises' ORDER BY 1, 2, 3, 4").all().map { row in
            "\(try row.decode(column: "gram", as: String.self))|\(try row.decode(column: "sort_key", as: String.self))|\(try row.decode(column: "record_id", as: Int.self))"
        }
    }
}
