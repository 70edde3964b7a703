import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// The board's columns read either through the unit index (a unit holding few leads) or by
/// walking the stage in next-step order (many leads, or the whole zone): both give the same
/// cards — earliest next step first, leads without one last by id, at most the column's worth.
final class LeadBoardQueryTests: XCTestCase {
    func testEveryReadingOfAColumnGivesTheSameCardsInTheSameOrder() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            var codes: [String: Int] = [:]
            for (code, next) in [("N1", "2026-10-05"), ("N2", nil), ("N3", "2026-09-01"), ("N4", "2026-10-05"), ("N5", nil), ("N6", "2026-12-24")] as [(String, String?)] {
                let created = try await AttractionRequests.lead(office, code, "看板排序\(code)科技有限公司", source: source, unit: fixtures.team, stage: "lead",
                                                                extra: next.map { ["nextStepOn": $0, "nextStep": "拜访"] } ?? [:])
                codes[code] = try XCTUnwrap(parseJSONObject(created)["id"] as? Int)
            }
            _ = try await AttractionRequests.lead(office, "O1", "别队排序科技有限公司", source: source, unit: fixtures.otherTeam, stage: "lead", extra: ["nextStepOn": "2026-01-01"])
            let retired = try await AttractionRequests.lead(office, "N7", "停用排序科技有限公司", source: source, unit: fixtures.team, stage: "lead", extra: ["nextStepOn": "2026-02-01"])
            _ = try await office.send(.POST, RegisterDeclaration.leads.apiPath(try XCTUnwrap(parseJSONObject(retired)["id"] as? Int)) + "/deactivate")

            let sql = app.db as! any SQLDatabase
            let counts = try await LeadBoardQuery.counts(scope: fixtures.zone, on: sql)
            XCTAssertEqual(counts[.lead], 7, "the zone's subtree: six of the team, one of the other team; not the deactivated one")
            let teamCounts = try await LeadBoardQuery.counts(scope: fixtures.team, on: sql)
            XCTAssertEqual(teamCounts[.lead], 6)

            // N3 and N1/N4 by day (N1 before N4 on the same day, by id), N6, then those without a next step by id.
            let expected = ["N3", "N1", "N4", "N6", "N2", "N5"].map { codes[$0]! }
            let throughUnits = try await LeadBoardQuery.cards(.lead, held: 6, scope: fixtures.team, limit: 50, on: sql)
            let walking = try await LeadBoardQuery.cards(.lead, held: LeadBoardQuery.sortedAtMost + 1, scope: fixtures.team, limit: 50, on: sql)
            XCTAssertEqual(throughUnits.map(\.id), expected)
            XCTAssertEqual(walking.map(\.id), expected)
            let capped = try await LeadBoardQuery.cards(.lead, held: 6, scope: fixtures.team, limit: 5, on: sql)
            XCTAssertEqual(capped.map(\.id), Array(expected.prefix(5)), "the nulls fill what the days leave of the column")
            let zone = try await LeadBoardQuery.cards(.lead, held: 7, scope: nil, limit: 2, on: sql)
            XCTAssertEqual(zone.map(\.code), ["O1", "N3"], "the whole zone walks the stage in next-step order")
            XCTAssertEqual(zone.first?.team, "生命健康招商团队")
        }
    }

    func testAColumnShowsItsFirstCardsAndLinksToTheRestInTheSameOrder() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            let shown = LeadPages.cardsPerColumn
            for n in 1...(shown + 2) {
                let day = String(format: "2026-10-%02d", n)
                let created = try await AttractionRequests.lead(office, "M\(n)", "列满测试\(n)号科技有限公司", source: source, unit: fixtures.team,
                                                                stage: "contacting", extra: ["nextStepOn": day, "nextStep": "回访"])
                XCTAssertEqual(created.status, .created, created.text)
            }
            let page = try await Browser.signedIn(app, as: .unit).get(RegisterDeclaration.leads.path + "/board")
            XCTAssertTrue(page.text.contains("列满测试\(shown)号科技有限公司"), "the column's last card shown")
            XCTAssertFalse(page.text.contains("列满测试\(shown + 1)号科技有限公司"), "the later next steps wait in the list")
            XCTAssertTrue(page.text.contains("其余 2 条 →"))
            XCTAssertTrue(page.text.contains("href=\"/leads?stage=contacting&amp;owningUnitId=\(fixtures.team)\"") || page.text.contains("href=\"/leads?stage=contacting&owningUnitId=\(fixtures.team)\""))
        }
    }

    /// A team's counts and columns come from `leads_unit_board` alone (no table row per lead); only
    /// the cards drawn are looked up. SQLite's plan is fixed by the query's shape (no statistics);
    /// PostgreSQL's depends on its statistics, so the shape is asserted where it is deterministic.
    func testATeamsBoardIsReadFromItsUnitIndexAlone() async throws {
        try await withApp { app, fixtures in
            let sql = app.db as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return }
            func plan(_ query: SQLQueryString) async throws -> String {
                try await sql.raw("EXPLAIN QUERY PLAN \(query)").all().map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " | ")
            }
            let counts = try await plan(LeadBoardQuery.countsQuery(scope: fixtures.team))
            XCTAssertTrue(counts.contains("COVERING INDEX leads_unit_board"), counts)
            for dated in [true, false] {
                let column = try await plan(LeadBoardQuery.columnIDs(.contacting, scope: fixtures.team, throughUnits: true, dated: dated, limit: 25))
                XCTAssertTrue(column.contains("COVERING INDEX leads_unit_board"), column)
            }
            let walk = try await plan(LeadBoardQuery.columnIDs(.contacting, scope: nil, throughUnits: false, dated: true, limit: 25))
            XCTAssertTrue(walk.contains("INDEX leads_board"), walk)
            XCTAssertFalse(walk.contains("TEMP B-TREE"), "the zone's column is read in index order, not sorted: \(walk)")
        }
    }

    /// A card's move form (its fixed part drawn once per column): the card's own action, the
    /// session's CSRF token, the way back to the chosen team's board, every other stage with the
    /// next one chosen; posting it moves the card. A reader sees the cards without forms.
    func testEachCardCarriesAMoveFormForItsOwnStage() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            var ids: [String: Int] = [:]
            for (code, stage) in [("F1", "lead"), ("F2", "contacting"), ("F3", "contacting")] {
                let created = try await AttractionRequests.lead(office, code, "表单\(code)科技有限公司", source: source, unit: fixtures.team, stage: stage)
                ids[code] = try XCTUnwrap(parseJSONObject(created)["id"] as? Int)
            }
            let browser = try await Browser.signedIn(app, as: .office)
            let board = try await browser.get(RegisterDeclaration.leads.path + "/board?owningUnitId=\(fixtures.team)")
            XCTAssertEqual(board.status, .ok)
            func form(_ code: String) throws -> String {
                let html = board.text
                let start = try XCTUnwrap(html.range(of: "action=\"/leads/\(ids[code]!)/stage\""), "no move form for \(code)")
                let end = try XCTUnwrap(html.range(of: "</form>", range: start.upperBound..<html.endIndex))
                return String(html[start.lowerBound..<end.lowerBound])
            }
            let csrf = try XCTUnwrap(browser.csrf)
            for code in ["F1", "F2", "F3"] {
                let html = try form(code)
                XCTAssertTrue(html.contains("value=\"\(csrf)\""), "the session's token: \(html)")
                XCTAssertTrue(html.contains("name=\"boardUnit\" value=\"\(fixtures.team)\""), html)
                XCTAssertTrue(html.contains("name=\"back\" value=\"board\""), html)
            }
            let contacting = try form("F2")
            XCTAssertFalse(contacting.contains("value=\"contacting\""), "a card is not moved to its own stage")
            XCTAssertTrue(contacting.contains("<option value=\"negotiating\" selected"), contacting)
            XCTAssertTrue(try form("F1").contains("<option value=\"contacting\" selected"))

            let moved = try await browser.post(RegisterDeclaration.leads.path + "/\(ids["F2"]!)/stage",
                                               [("stage", "negotiating"), ("droppedReason", ""), ("back", "board"), ("boardUnit", "\(fixtures.team)")])
            XCTAssertEqual(moved.status, .seeOther)
            XCTAssertEqual(moved.location, "/leads/board?owningUnitId=\(fixtures.team)&notice=saved")

            let reader = try await Browser.signedIn(app, as: .leader).get(RegisterDeclaration.leads.path + "/board?owningUnitId=\(fixtures.team)")
            XCTAssertTrue(reader.text.contains("表单F1科技有限公司"))
            XCTAssertFalse(reader.text.contains("/stage\""), "a reader gets no move forms")
        }
    }
}
