@testable import GaoxinApp
import XCTVapor
import XCTest

/// A unit's page gathers the programme records its subtree holds (issue 13 §4: the open obstacles
/// reachable from every unit page), counted as the list behind each link counts — and only of the
/// registers the reader may read.
final class UnitRecordsTests: XCTestCase {
    func testAUnitPageListsItsSubtreesRecordsAndLinksTheSameList() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let project = try parseJSONObject(try await AttractionRequests.project(office, "XM-U", unit: fixtures.team, investment: 10_000))["id"] as! Int
            for (code, unit) in [("WT-U1", fixtures.team), ("WT-U2", fixtures.otherTeam)] {
                let created = try await office.send(.POST, RegisterDeclaration.obstacles.apiPath, body: [
                    "code": code, "title": "问题\(code)", "projectId": project, "kind": "permit", "owningUnitId": unit, "dueOn": "2026-09-01", "status": "open"])
                XCTAssertEqual(created.status, .created, created.text)
            }
            let leader = try await Browser.signedIn(app, as: .leader)
            let team = try await leader.get(Site.unit(fixtures.team))
            XCTAssertTrue(team.text.contains("问题WT-U1") && !team.text.contains("问题WT-U2"), "the team's own")
            XCTAssertTrue(team.text.contains("/obstacles?owningUnitId=\(fixtures.team)"), "linked to the list filtered the same way")
            let zone = try await leader.get(Site.unit(fixtures.zone))
            XCTAssertTrue(zone.text.contains("问题WT-U1") && zone.text.contains("问题WT-U2") && zone.text.contains("项目XM-U"), "the zone holds both teams")
            let auditor = try await Browser.signedIn(app, as: .auditor).get(Site.unit(fixtures.zone))
            XCTAssertEqual(auditor.status, .ok)
            XCTAssertFalse(auditor.text.contains("问题WT-U1"), "the auditor reads no programme register")
        }
    }
}
