import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// 年度投资 (issue 13 §3): a project's plan and monthly completed investment, the completion rate
/// derived, totals by unit, cluster and level, the "behind plan" warning by the months due — and
/// the lead warnings kept by `lead_follow_up`'s triggers. Today is 2026-09-21: eight months due.
final class ProjectInvestmentTests: XCTestCase {
    private let investments = RegisterDeclaration.projectInvestments

    private func plan(_ client: APIClient, _ code: String, project: Int, planned: Int64, monthly: Int64, months: Int = 8,
                      year: Int = 2026) async throws -> XCTHTTPResponse {
        var body: [String: Any] = ["code": code, "projectId": project, "year": year, "plannedAmount": planned]
        for month in ProjectInvestmentMonths.all.prefix(months) { body[month.key] = monthly }
        return try await client.send(.POST, investments.apiPath, body: body)
    }

    func testCompletionIsDerivedTotalledAndWarnedAgainstTheMonthsDue() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var projectIDs: [Int] = []
            for (code, unit, level) in [("XM-A", fixtures.team, "provincial"), ("XM-B", fixtures.team, "municipal"), ("XM-C", fixtures.otherTeam, "municipal")] {
                let created = try await AttractionRequests.project(office, code, unit: unit, investment: 100_000, extra: ["level": level])
                XCTAssertEqual(created.status, .created, created.text)
                projectIDs.append(try parseJSONObject(created)["id"] as! Int)
            }
            // 8 of 12 months due: 8,000 of 12,000 expected. A on pace, B below 80 % of it (red), C between (yellow).
            let onPace = try await plan(office, "TZ-A", project: projectIDs[0], planned: 12_000, monthly: 1_000)
            XCTAssertEqual(onPace.status, .created, onPace.text)
            let stored = try parseJSONObject(onPace)
            XCTAssertEqual(stored["completedAmount"] as? Int, 8_000)
            XCTAssertEqual(stored["reportedThrough"] as? Int, 8)
            XCTAssertEqual(stored["completionPercent"] as? Int, 67, "8,000 ÷ 12,000, rounded")
            try await AssertAsync.equal(try await plan(office, "TZ-B", project: projectIDs[1], planned: 12_000, monthly: 700).status, .created)
            try await AssertAsync.equal(try await plan(office, "TZ-C", project: projectIDs[2], planned: 12_000, monthly: 900).status, .created)

            let progress = try parseJSONObject(try await office.send(.GET, investments.apiPath + "/progress?year=2026"))
            XCTAssertEqual(progress["monthsDue"] as? Int, 8)
            let total = try XCTUnwrap(progress["total"] as? [String: Any])
            XCTAssertEqual(total["planned"] as? Int, 36_000)
            XCTAssertEqual(total["completed"] as? Int, 20_800)
            XCTAssertEqual(total["percent"] as? Int, 58)
            XCTAssertEqual(total["pace"] as? String, "yellow", "20,800 of 24,000 due: above 80 %, below 100 %")
            let byUnit = try XCTUnwrap(progress["byUnit"] as? [[String: Any]])
            XCTAssertEqual(byUnit.map { $0["name"] as? String }, ["集成电路招商团队", "生命健康招商团队"])
            XCTAssertEqual(byUnit.map { $0["completed"] as? Int }, [13_600, 7_200])
            let municipal = try XCTUnwrap((progress["byLevel"] as? [[String: Any]])?.first { $0["key"] as? String == "municipal" })
            XCTAssertEqual(municipal["projects"] as? Int, 2)
            XCTAssertEqual(municipal["planned"] as? Int, 24_000)

            let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
            let behind = try XCTUnwrap((warnings["kinds"] as? [[String: Any]])?.first { $0["key"] as? String == "investmentBehind" })
            XCTAssertEqual(behind["red"] as? Int, 1)
            XCTAssertEqual(behind["yellow"] as? Int, 1)
            let items = try XCTUnwrap(behind["items"] as? [[String: Any]])
            XCTAssertEqual(items.map { $0["name"] as? String }, ["项目XM-B", "项目XM-C"], "the furthest behind first")
            XCTAssertEqual(items.first?["detail"] as? String, "年度计划 1.20 亿元，已报至 8 月，完成 0.56 亿元（47%），应完成 0.80 亿元")
            // A deactivated project's plan warns no more.
            _ = try await office.send(.POST, RegisterDeclaration.projects.apiPath(projectIDs[1]) + "/deactivate")
            let afterDeactivation = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
            let stillBehind = try XCTUnwrap((afterDeactivation["kinds"] as? [[String: Any]])?.first { $0["key"] as? String == "investmentBehind" })
            XCTAssertEqual(stillBehind["red"] as? Int, 0)
            XCTAssertEqual((stillBehind["items"] as? [[String: Any]])?.map { $0["name"] as? String }, ["项目XM-C"])
            _ = try await office.send(.POST, RegisterDeclaration.projects.apiPath(projectIDs[1]) + "/reactivate")

            let page = try await Browser.signedIn(app, as: .leader).get(investments.path + "/progress?year=2026")
            XCTAssertTrue(page.text.contains("2026年项目投资完成情况") && page.text.contains("完成率 58%"), page.text)
            XCTAssertTrue(page.text.contains("3.60") && page.text.contains("2.08"), "money in 亿元")
            let filtered = try parseJSONObject(try await office.send(.GET, investments.apiPath + "?year=2026&projectId=\(projectIDs[1])"))
            XCTAssertEqual((filtered["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["TZ-B"], "the year and project filters")
        }
    }

    func testAGapAYearTwiceAndAnotherUnitsProjectAreRefusedAndAnImportIsAllOrNothing() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let own = try parseJSONObject(try await AttractionRequests.project(office.api, "XM-O", unit: fixtures.team, investment: 50_000))["id"] as! Int
            let theirs = try parseJSONObject(try await AttractionRequests.project(office.api, "XM-T", unit: fixtures.otherTeam, investment: 50_000))["id"] as! Int

            let gap = try await team.send(.POST, investments.apiPath, body: ["code": "TZ-1", "projectId": own, "year": 2026, "plannedAmount": 10_000,
                                                                             "m01": 500, "m03": 500])
            XCTAssertEqual(try apiErrorObject(gap)["field"] as? String, "m02")
            XCTAssertEqual(try apiErrorObject(gap)["message"] as? String, "2月未填写而后面的月份已填写；没有完成投资的月份请填 0")
            // Months each within the bound whose total is not: refused at the last month, nothing written.
            let half = Wan.registerMaximum / 2 + 1
            let overTotal = try await team.send(.POST, investments.apiPath, body: ["code": "TZ-1", "projectId": own, "year": 2026, "plannedAmount": 10_000,
                                                                                   "m01": half, "m02": half])
            XCTAssertEqual(overTotal.status, .unprocessableEntity, overTotal.text)
            XCTAssertEqual(try apiErrorObject(overTotal)["field"] as? String, "m02")
            XCTAssertTrue((try apiErrorObject(overTotal)["message"] as? String)?.contains("各月完成投资合计超过") == true, overTotal.text)
            try await AssertAsync.equal(try await plan(team, "TZ-1", project: own, planned: 10_000, monthly: 800).status, .created)
            let twice = try await plan(office.api, "TZ-2", project: own, planned: 9_000, monthly: 0)
            XCTAssertEqual(try apiErrorObject(twice)["field"] as? String, "projectId")
            XCTAssertEqual(try apiErrorObject(twice)["message"] as? String, "该项目 2026 年已有投资计划“TZ-1”")
            let foreign = try await plan(team, "TZ-3", project: theirs, planned: 9_000, monthly: 100)
            XCTAssertEqual(try apiErrorObject(foreign)["field"] as? String, "projectId", "another unit's project is not the team's to plan")

            // The monthly import updates by number; a second plan for one project and year in the file fails it whole.
            let header = "编号,项目,年度,年度计划投资（万元）,1月完成投资（万元）,2月完成投资（万元）"
            let bad = ImportDriver.csv([header, "TZ-1,XM-O,2026,10000,900,900", "TZ-4,XM-T,2026,8000,100,100", "TZ-5,XM-T,2026,8000,100,"])
            let (_, failed) = try await office.viaAPI(investments.key, fileName: "投资.csv", data: bad)
            XCTAssertEqual(failed["status"] as? String, "failed", "\(failed)")
            XCTAssertEqual(ImportDriver.errors(failed).map(\.row), [4])
            XCTAssertTrue(ImportDriver.errors(failed).first?.reason.contains("与第 3 行是同一项目同一年度") ?? false, "\(ImportDriver.errors(failed))")
            let unchanged = try parseJSONObject(try await office.api.send(.GET, investments.apiPath + "?year=2026"))
            XCTAssertEqual((unchanged["items"] as? [[String: Any]])?.map { $0["completedAmount"] as? Int }, [6_400], "nothing of the file is written")

            let good = ImportDriver.csv([header, "TZ-1,XM-O,2026,10000,900,900", "TZ-4,XM-T,2026,8000,100,100"])
            let (_, done) = try await office.viaAPI(investments.key, fileName: "投资.csv", data: good)
            XCTAssertEqual(done["status"] as? String, "succeeded", "\(done)")
            let after = try parseJSONObject(try await office.api.send(.GET, investments.apiPath + "?year=2026&sort=name"))
            XCTAssertEqual((after["items"] as? [[String: Any]])?.map { $0["completedAmount"] as? Int }, [6_600, 200],
                           "January and February from the file, March to August (not in the file) kept: 900 × 2 + 800 × 6")
        }
    }

    func testALeadGoesStaleByItsLastActiveActivityAndLeavesTheWarningWhenClosed() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            let lead = try parseJSONObject(try await AttractionRequests.lead(office, "XS-S", "久未跟进科技有限公司", source: source, unit: fixtures.team))["id"] as! Int
            func stale() async throws -> (red: Int, yellow: Int, detail: String?) {
                let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
                let kind = try XCTUnwrap((warnings["kinds"] as? [[String: Any]])?.first { $0["key"] as? String == "staleLeads" })
                return (kind["red"] as! Int, kind["yellow"] as! Int, (kind["items"] as? [[String: Any]])?.first?["detail"] as? String)
            }
            func activity(_ day: String) async throws -> Int {
                let created = try await office.send(.POST, RegisterDeclaration.leadActivities.apiPath,
                                                    body: ["leadId": lead, "occurredOn": day, "kind": "call", "subject": "电话", "people": "王"])
                XCTAssertEqual(created.status, .created, created.text)
                return try parseJSONObject(created)["id"] as! Int
            }
            try await AssertAsync.equal(try await stale().red + stale().yellow, 0, "registered today")
            _ = try await activity("2026-06-01")
            let old = try await stale()
            XCTAssertEqual(old.red, 1, "more than 60 days before 2026-09-21")
            XCTAssertEqual(old.detail, "集成电路招商团队，最近跟进 2026-06-01")
            _ = try await activity("2026-08-10")
            try await AssertAsync.equal(try await stale().yellow, 1, "31–60 days")
            let recent = try await activity("2026-09-15")
            try await AssertAsync.equal(try await stale().yellow + stale().red, 0)
            _ = try await office.send(.POST, RegisterDeclaration.leadActivities.apiPath(recent) + "/deactivate")
            try await AssertAsync.equal(try await stale().yellow, 1, "a deactivated activity no longer counts")
            let dropped = try await office.send(.PATCH, RegisterDeclaration.leads.apiPath(lead), body: ["stage": "dropped", "droppedReason": "企业暂缓投资"])
            XCTAssertEqual(dropped.status, .ok, dropped.text)
            try await AssertAsync.equal(try await stale().yellow + stale().red, 0, "a dropped lead is not followed up")
        }
    }
}
