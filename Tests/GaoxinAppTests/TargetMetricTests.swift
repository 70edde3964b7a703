@testable import GaoxinApp
import XCTVapor
import XCTest

/// The target list's talents line and the zone's own metrics (SPEC §2.5, issue 13 item 5): the
/// office defines a metric and sets a unit's goal for the year; the units report what they
/// achieved; progress adds the reports of the unit's subtree that year, and counts the talents
/// it introduced from the talent register. Today is 2026-09-21.
final class TargetMetricTests: XCTestCase {
    func testZoneMetricsAndTalentsCountOverTheUnitsSubtreeInTheYear() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            _ = try AttractionRequests.created(try await office.api.send(.POST, RegisterDeclaration.attractionTargets.apiPath, body: [
                "code": "MB-2026-ZONE", "title": "2026年目标", "owningUnitId": fixtures.zone, "year": 2026, "over1Yi": 2, "talentsIntroduced": 4]))
            let metric = try AttractionRequests.created(try await office.api.send(.POST, RegisterDeclaration.targetMetrics.apiPath,
                                                               body: ["code": "MBZB-T1", "name": "新引进研发机构", "measure": "家"]))
            _ = try AttractionRequests.created(try await office.api.send(.POST, RegisterDeclaration.targetMetricGoals.apiPath, body: [
                "code": "MBZ-2026-ZONE-1", "metricId": metric, "owningUnitId": fixtures.zone, "year": 2026, "goal": 5]))

            // One goal per unit, metric and year; goals are the office's.
            let twice = try await office.api.send(.POST, RegisterDeclaration.targetMetricGoals.apiPath, body: [
                "code": "MBZ-2026-ZONE-2", "metricId": metric, "owningUnitId": fixtures.zone, "year": 2026, "goal": 9])
            XCTAssertEqual(twice.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(twice)["message"] as? String, "该单位 2026 年已有该指标的目标“MBZ-2026-ZONE-1”")
            let byTeam = try await team.send(.POST, RegisterDeclaration.targetMetricGoals.apiPath, body: [
                "code": "MBZ-2026-JCDL-1", "metricId": metric, "owningUnitId": fixtures.team, "year": 2026, "goal": 1])
            XCTAssertEqual(byTeam.status, .forbidden)

            // The team reports its own achievements, not another team's.
            func report(_ client: APIClient, _ code: String, unit: Int, on day: String, amount: Int) async throws -> XCTHTTPResponse {
                try await client.send(.POST, RegisterDeclaration.targetMetricReports.apiPath, body: [
                    "code": code, "content": "研发机构落户\(code)", "metricId": metric, "owningUnitId": unit, "achievedOn": day, "amount": amount])
            }
            _ = try AttractionRequests.created(try await report(team, "TB-1", unit: fixtures.team, on: "2026-03-02", amount: 2))
            _ = try AttractionRequests.created(try await report(team, "TB-2", unit: fixtures.team, on: "2026-08-30", amount: 1))
            _ = try AttractionRequests.created(try await report(team, "TB-3", unit: fixtures.team, on: "2025-12-31", amount: 7))
            let others = try await report(team, "TB-4", unit: fixtures.otherTeam, on: "2026-04-01", amount: 3)
            XCTAssertEqual(others.status, .unprocessableEntity, others.text)
            XCTAssertEqual(try apiErrorObject(others)["field"] as? String, "owningUnitId")
            let withdrawn = try AttractionRequests.created(try await report(office.api, "TB-5", unit: fixtures.otherTeam, on: "2026-04-01", amount: 10))
            _ = try await office.api.send(.POST, RegisterDeclaration.targetMetricReports.apiPath(withdrawn) + "/deactivate")

            for (code, day) in [("RC-1", "2026-01-15"), ("RC-2", "2026-06-01"), ("RC-3", "2025-11-30")] {
                _ = try AttractionRequests.created(try await team.send(.POST, RegisterDeclaration.talents.apiPath,
                                                    body: ["code": code, "name": "人才\(code)", "introducedOn": day, "owningUnitId": fixtures.team]))
            }

            let progress = try parseJSONObject(try await office.api.send(.GET, RegisterDeclaration.attractionTargets.apiPath + "/progress?year=2026"))
            let columns = try XCTUnwrap(progress["columns"] as? [[String: Any]])
            XCTAssertEqual(columns.last?["key"] as? String, "metric:MBZB-T1")
            XCTAssertEqual(columns.last?["label"] as? String, "新引进研发机构")
            let row = try XCTUnwrap((progress["rows"] as? [[String: Any]])?.first)
            let metrics = Dictionary(uniqueKeysWithValues: (row["metrics"] as! [[String: Any]]).map { ($0["key"] as! String, $0) })
            XCTAssertEqual(metrics["talentsIntroduced"]?["actual"] as? Int, 2, "the team's talents introduced in 2026 count for the zone above it")
            XCTAssertEqual(metrics["talentsIntroduced"]?["target"] as? Int, 4)
            XCTAssertEqual(metrics["metric:MBZB-T1"]?["actual"] as? Int, 3, "2026's active reports of the zone's subtree")
            XCTAssertEqual(metrics["metric:MBZB-T1"]?["target"] as? Int, 5)
            XCTAssertEqual(metrics["metric:MBZB-T1"]?["pace"] as? String, "yellow", "3 of 5 by late September: short of the 3.6 due, above 80 % of it")

            let page = try await Browser.signedIn(app, as: .leader).get(RegisterDeclaration.attractionTargets.path + "/progress?year=2026")
            XCTAssertTrue(page.text.contains("新引进研发机构（家，完成/目标）"))
            XCTAssertTrue(page.text.contains("3 / 5"))
            XCTAssertTrue(page.text.contains("2 / 4"), "talents")

            // An import of goals repeating a unit, metric and year is refused whole, naming the row.
            let file = ImportDriver.csv(["目标编号,指标,责任单位,年度,目标值", "MBZ-2027-A,MBZB-T1,ZS-JCDL,2027,3", "MBZ-2027-B,新引进研发机构,ZS-JCDL,2027,4"])
            let (_, job) = try await office.viaAPI(RegisterDeclaration.targetMetricGoals.key, fileName: "指标目标.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            XCTAssertEqual(ImportDriver.errors(job).map(\.row), [3])
            XCTAssertTrue(ImportDriver.errors(job).first?.reason.contains("与第 2 行是同一单位、同一指标、同一年度") ?? false, "\(ImportDriver.errors(job))")
            try await AssertAsync.equal(try await Stored.count(app, "target_metric_goals"), 1)
        }
    }
}
