import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A list filtered by a time limit's state (a lead's next step: valid, expiring, expired) counts
/// to the cap and says so when there are more — no index holds a state, and most records are
/// valid — and pages in the order asked whichever index the page is read from. A settled state
/// and a state few records are in are counted exactly.
final class TimeLimitListTests: XCTestCase {
    func testATimeLimitStateIsCountedToTheCapAndPagedInOrder() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            let template = try await AttractionRequests.lead(office, "T-1", "模板线索科技有限公司", source: source, unit: fixtures.team, stage: "lead",
                                                             extra: ["nextStepOn": "2026-01-01", "nextStep": "回访"])
            let templateID = try XCTUnwrap(parseJSONObject(template)["id"] as? Int)
            let signed = try await AttractionRequests.lead(office, "S-1", "已签约科技有限公司", source: source, unit: fixtures.otherTeam, stage: "signed")
            XCTAssertEqual(signed.status, .created, signed.text)
            // 5,100 valid leads (no next step), named 批量线索A10001…, then 5,100 overdue ones, 批量线索B10001…
            let sql = app.db as! any SQLDatabase
            try await sql.raw("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10200)
                INSERT INTO leads (active, name_sort, created_at, updated_at, code, company_name, company_key, source_id, owning_unit_id, stage, next_step, next_step_on)
                SELECT TRUE, CASE WHEN i <= 5100 THEN 'a-' ELSE 'b-' END || CAST(10000 + i AS TEXT), l.created_at, l.updated_at, 'PL-' || CAST(10000 + i AS TEXT),
                       '批量线索' || CASE WHEN i <= 5100 THEN 'A' || CAST(10000 + i AS TEXT) ELSE 'B' || CAST(4900 + i AS TEXT) END, 'key' || CAST(i AS TEXT),
                       l.source_id, l.owning_unit_id, l.stage, l.next_step, CASE WHEN i <= 5100 THEN NULL ELSE l.next_step_on END
                FROM n, leads l WHERE l.id = \(bind: templateID)
                """).run()
            func listed(_ query: String) async throws -> (names: [String], total: Int?, lowerBound: Bool?) {
                let body = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.leads.apiPath + "?" + query))
                return (((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["companyName"] as? String }, body["total"] as? Int, body["totalIsLowerBound"] as? Bool)
            }
            func numbered(_ letter: String, _ range: some Sequence<Int>) -> [String] { range.map { "批量线索\(letter)\(10000 + $0)" } }

            let valid = try await listed("timeliness=valid&sort=name&per=50")
            XCTAssertEqual(valid.total, SearchIndex.totalCap, "counted no further than the cap")
            XCTAssertEqual(valid.lowerBound, true)
            XCTAssertEqual(valid.names, numbered("A", 1...50))
            try await AssertAsync.equal(try await listed("timeliness=valid&sort=name&per=50&page=3").names, numbered("A", 101...150))
            try await AssertAsync.equal(try await listed("timeliness=valid&sort=-name&per=50").names, numbered("A", (5051...5100).reversed()))

            let expired = try await listed("timeliness=expired&sort=name&per=50")
            XCTAssertEqual(expired.total, SearchIndex.totalCap)
            XCTAssertEqual(expired.lowerBound, true)
            XCTAssertEqual(expired.names, numbered("B", 1...50), "the template (模…) sorts after them")
            try await AssertAsync.equal(try await listed("timeliness=expired&sort=-name&per=50").names,
                                        ["模板线索科技有限公司"] + numbered("B", (5052...5100).reversed()))
            try await AssertAsync.equal(try await listed("timeliness=expired&sort=name&per=50&nextStepOnTo=2026-01-01").names, numbered("B", 1...50),
                                        "with a date range as well")

            let few = try await listed("timeliness=expired&owningUnitId=\(fixtures.otherTeam)")
            XCTAssertEqual(few.total, 0, "a state few records are in: exact")
            XCTAssertEqual(few.lowerBound, false)
            let settled = try await listed("timeliness=settled")
            XCTAssertEqual(settled.total, 1, "settled is counted exactly")
            XCTAssertEqual(settled.lowerBound, false)
            XCTAssertEqual(settled.names, ["已签约科技有限公司"])
            try await AssertAsync.equal(try await listed("timeliness=expiring").total, 0)

            let page = try await Browser.signedIn(app, as: .office).get(RegisterDeclaration.leads.path + "?timeliness=valid")
            XCTAssertTrue(page.text.contains("至少 \(Wan.grouped(UInt64(SearchIndex.totalCap))) 条（总数只统计到此；加筛选可缩小范围）"), page.text)
        }
    }

    /// Settled leads in their next step's order (the lead list's default): PostgreSQL sorts them
    /// apart from the date's index (`ListRunner.sortedApart`); the order and the pages are the
    /// same on both engines — dated ones by date, undated last, ties by id, in both directions.
    func testSettledRecordsPageInTheirDateOrder() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            let dates: [String?] = ["2026-03-01", nil, "2025-11-30", nil, "2026-03-01", "2027-01-15", nil]
            for (index, date) in dates.enumerated() {
                let stage = index.isMultiple(of: 2) ? "signed" : "dropped"
                var extra = date.map { ["nextStepOn": $0, "nextStep": "回访"] } ?? [:]
                if stage == "dropped" { extra["droppedReason"] = "投资方另选他地" }
                let created = try await AttractionRequests.lead(office, "S-\(index)", "已结线索\(index)科技有限公司", source: source, unit: fixtures.team,
                                                                stage: stage, extra: extra)
                XCTAssertEqual(created.status, .created, created.text)
            }
            _ = try await AttractionRequests.lead(office, "O-1", "在谈线索科技有限公司", source: source, unit: fixtures.team, stage: "negotiating",
                                                  extra: ["nextStepOn": "2025-01-01", "nextStep": "回访"])
            func names(_ query: String) async throws -> [String] {
                let body = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.leads.apiPath + "?timeliness=settled&per=3&" + query))
                XCTAssertEqual(body["total"] as? Int, dates.count, query)
                return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["companyName"] as? String }
            }
            func leads(_ indexes: Int...) -> [String] { indexes.map { "已结线索\($0)科技有限公司" } }
            try await AssertAsync.equal(try await names("sort=nextStepOn"), leads(2, 0, 4))
            try await AssertAsync.equal(try await names("sort=nextStepOn&page=2"), leads(5, 1, 3))
            try await AssertAsync.equal(try await names("sort=nextStepOn&page=3"), leads(6))
            try await AssertAsync.equal(try await names("sort=-nextStepOn"), leads(5, 0, 4))
            try await AssertAsync.equal(try await names("sort=-nextStepOn&page=2"), leads(2, 1, 3))
            try await AssertAsync.equal(try await names("page=3"), leads(6), "the default order is the next step's")
            // The same through a settling stage chosen as such (已签约).
            func signed(_ page: Int) async throws -> [String] {
                let body = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.leads.apiPath + "?stage=signed&per=2&page=\(page)"))
                return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["companyName"] as? String }
            }
            try await AssertAsync.equal(try await signed(1), leads(2, 0))
            try await AssertAsync.equal(try await signed(2), leads(4, 6))
        }
    }

    /// Valid leads in their next step's order: on PostgreSQL the dated ones are read off the date's
    /// index from the warning window's end and the undated ones after them
    /// (`ListRunner.validPageIDs`); pages that start among the dated, straddle both or lie past
    /// the dated ones come out the same on both engines, in both directions.
    func testValidRecordsPageInTheirDateOrder() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            let dates: [String?] = ["2099-03-01", "2099-01-15", "2099-03-01", nil, nil, nil, "2020-05-01"]
            for (index, date) in dates.enumerated() {
                let extra = date.map { ["nextStepOn": $0, "nextStep": "回访"] } ?? [:]
                let created = try await AttractionRequests.lead(office, "V-\(index)", "正常线索\(index)科技有限公司", source: source, unit: fixtures.team,
                                                                stage: "contacting", extra: extra)
                XCTAssertEqual(created.status, .created, created.text)
            }
            func names(_ query: String, total: Int = 6) async throws -> [String] {
                let body = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.leads.apiPath + "?timeliness=valid&per=2&" + query))
                XCTAssertEqual(body["total"] as? Int, total, "the overdue one is left out: " + query)
                return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["companyName"] as? String }
            }
            func leads(_ indexes: Int...) -> [String] { indexes.map { "正常线索\($0)科技有限公司" } }
            try await AssertAsync.equal(try await names("sort=nextStepOn"), leads(1, 0))
            try await AssertAsync.equal(try await names("sort=nextStepOn&page=2"), leads(2, 3), "the last dated, then the first undated")
            try await AssertAsync.equal(try await names("sort=nextStepOn&page=3"), leads(4, 5), "past the dated ones")
            try await AssertAsync.equal(try await names("sort=nextStepOn&page=4"), [])
            try await AssertAsync.equal(try await names("sort=-nextStepOn"), leads(0, 2))
            try await AssertAsync.equal(try await names("sort=-nextStepOn&page=2"), leads(1, 3))
            try await AssertAsync.equal(try await names("page=3"), leads(4, 5), "the default order is the next step's")
            try await AssertAsync.equal(try await names("sort=nextStepOn&q=%E6%AD%A3%E5%B8%B8%E7%BA%BF%E7%B4%A24", total: 1), leads(4), "with a search as well")
        }
    }
}
