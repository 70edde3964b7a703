@testable import GaoxinApp
import XCTVapor
import XCTest

/// A list's unit filter takes the unit's subtree, read first and bound as a list of ids
/// (`UnitSubtrees`): the zone's filter finds both teams' projects, a team's its own, a unit that
/// does not exist nothing — on the page count and the page alike, combined with other filters.
final class ListUnitFilterTests: XCTestCase {
    func testTheUnitFilterTakesTheSubtreeAndCombinesWithOtherFilters() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (code, unit, stage) in [("U1", fixtures.team, "signed"), ("U2", fixtures.team, "started"), ("U3", fixtures.otherTeam, "started")] {
                let extra: [String: Any] = stage == "started" ? ["stage": "started", "registeredOn": "2026-04-01", "startedOn": "2026-05-01"] : [:]
                let created = try await AttractionRequests.project(office, code, unit: unit, investment: 10_000, extra: extra)
                XCTAssertEqual(created.status, .created, created.text)
            }
            func codes(_ query: String) async throws -> (total: Int, codes: [String]) {
                let listed = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.projects.apiPath + "?" + query))
                return (listed["total"] as? Int ?? -1, ((listed["items"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }.sorted())
            }
            let zone = try await codes("owningUnitId=\(fixtures.zone)")
            XCTAssertEqual(zone.total, 3)
            XCTAssertEqual(zone.codes, ["U1", "U2", "U3"], "the zone's subtree holds both teams")
            let started = try await codes("owningUnitId=\(fixtures.zone)&stage=started")
            XCTAssertEqual(started.codes, ["U2", "U3"])
            let team = try await codes("owningUnitId=\(fixtures.team)&stage=started")
            XCTAssertEqual(team.total, 1)
            XCTAssertEqual(team.codes, ["U2"])
            let nowhere = try await codes("owningUnitId=987654")
            XCTAssertEqual(nowhere.total, 0)
            XCTAssertEqual(nowhere.codes, [])
            let page = try await Browser.signedIn(app, as: .office).get(RegisterDeclaration.projects.path + "?owningUnitId=\(fixtures.team)")
            XCTAssertTrue(page.text.contains("项目U1") && page.text.contains("项目U2"))
            XCTAssertFalse(page.text.contains("项目U3"))
        }
    }
}
