import Foundation
@testable import GaoxinApp
import GaoxinDomain
import XCTVapor
import XCTest

/// Issue 13 as a team works it, through the pages as well as the API: one lineage from a lead to
/// the revenue of the cluster its enterprise joins; a patrol's finding opened as an obstacle; a
/// lead's timeline; a unit refused another unit's records through the forms; planned days and
/// foreign amounts that cannot be.
final class AttractionLineageTests: XCTestCase {
    func testALeadBecomesAProducingProjectWhoseEnterpriseCountsInItsClusterWithLinksEveryStep() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let (cluster, node) = try await AttractionRequests.chainNode(office, cluster: "集成电路", node: "晶圆制造", leadUnit: fixtures.team)
            let lead = try AttractionRequests.created(try await AttractionRequests.lead(team, "XS-L1", "苏州启明微电子有限公司", source: try await AttractionRequests.source(office),
                                                                                        unit: fixtures.team, stage: "signed", extra: ["chainNodeId": node, "estimatedInvestment": 80_000]))
            let project = try AttractionRequests.created(try await AttractionRequests.project(team, "XM-L1", unit: fixtures.team, investment: 80_000, signedOn: "2026-02-01",
                                                                                              extra: ["leadId": lead, "clusterId": cluster, "chainNodeId": node]))
            let projects = RegisterDeclaration.projects
            for (stage, day) in [("registered", "2026-03-01"), ("started", "2026-04-01")] {
                let moved = try await team.send(.POST, projects.apiPath(project) + "/stage", body: ["stage": stage, "on": day])
                XCTAssertEqual(moved.status, .ok, moved.text)
            }
            let established = try await team.send(.POST, projects.apiPath(project) + "/enterprise",
                                                  body: ["creditCode": USCC.numbered(8_401), "name": "无锡启明微电子有限公司", "industryCode": "3973"])
            XCTAssertEqual(established.status, .ok, established.text)
            let enterprise = try XCTUnwrap(try parseJSONObject(established)["enterpriseId"] as? Int)
            for (stage, day) in [("completed", "2026-06-01"), ("producing", "2026-07-01")] {
                let moved = try await team.send(.POST, projects.apiPath(project) + "/stage", body: ["stage": stage, "on": day])
                XCTAssertEqual(moved.status, .ok, moved.text)
            }
            // Its first months of output reach the cluster's year-to-date through the chain node.
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.enterprise(enterprise), body: ["aboveScale": true]).status, .ok)
            for (month, revenue) in [("2026-07", 1_200), ("2026-08", 1_800)] {
                let put = try await team.send(.PUT, Site.API.enterpriseIndicator(enterprise, month), body: ["revenue": revenue])
                XCTAssertEqual(put.status, .ok, put.text)
            }
            let figures = try office.json(try await office.send(.GET, Site.API.cluster(cluster) + "/figures?month=2026-08"))
            XCTAssertEqual(figures["yearToDate"] as? Int, 3_000, "the producing project's enterprise counts in the cluster")

            // Every page links to the next and back: lead ↔ project ↔ enterprise → cluster.
            let browser = try await Browser.signedIn(app, as: .leader)
            let leadPage = try await browser.get(RegisterDeclaration.leads.path(lead))
            XCTAssertTrue(leadPage.text.contains("href=\"\(projects.path(project))\""), "lead → project")
            let projectPage = try await browser.get(projects.path(project))
            XCTAssertTrue(projectPage.text.contains("href=\"\(RegisterDeclaration.leads.path(lead))\""), "project → lead")
            XCTAssertTrue(projectPage.text.contains("href=\"\(Site.enterprise(enterprise))\""), "project → enterprise")
            XCTAssertTrue(projectPage.text.contains("投产"), "the stage reached is shown")
            let enterprisePage = try await browser.get(Site.enterprise(enterprise))
            XCTAssertTrue(enterprisePage.text.contains("href=\"\(projects.path(project))\""), "enterprise → project")
            XCTAssertTrue(enterprisePage.text.contains("晶圆制造"), "the enterprise page names its chain node")
            let clusterPage = try await browser.get(Site.cluster(cluster))
            XCTAssertTrue(clusterPage.text.contains("项目XM-L1"), "the cluster's key projects list it")
        }
    }

    func testAPatrolsFindingOpensAnObstaclePrefilledWithThePatrolAndProject() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let project = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-P1", unit: fixtures.otherTeam, investment: 60_000))
            let patrol = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.patrols.apiPath, body: [
                "code": "XC-2026-09", "title": "九月月度巡查", "patrolledOn": "2026-09-10", "kind": "monthly", "inspectors": "王处长、李科长",
                "projectIds": [project], "findings": "XM-P1 用电增容未落实", "owningUnitId": fixtures.zone]))
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(RegisterDeclaration.patrols.path(patrol))
            XCTAssertTrue(page.text.contains("巡查发现") && page.text.contains("项目XM-P1"), page.text)
            let newPath = RegisterDeclaration.obstacles.newPath(prefill: ["patrolId": String(patrol), "projectId": String(project), "owningUnitId": String(fixtures.otherTeam)])
            XCTAssertTrue(page.text.contains("href=\"\(newPath)\""), "the finding’s way to an obstacle: \(newPath)")
            let form = try await browser.get(newPath)
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.text.contains("九月月度巡查"), "the form starts from the patrol")

            let posted = try await browser.post(RegisterDeclaration.obstacles.path, [
                ("code", "WT-P1"), ("title", "用电增容未落实"), ("projectId", String(project)), ("patrolId", String(patrol)), ("kind", "power"),
                ("owningUnitId", String(fixtures.otherTeam)), ("dueOn", "2026-10-31"), ("status", "open")])
            XCTAssertEqual(posted.status, .seeOther, posted.text)
            let again = try await browser.get(RegisterDeclaration.patrols.path(patrol))
            XCTAssertTrue(again.text.contains(RegisterDeclaration.obstacles.path + "?patrolId=\(patrol)&projectId=\(project)\">1</a>"), "the opened obstacle is counted and linked")
            let obstacles = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.obstacles.apiPath + "?patrolId=\(patrol)"))
            XCTAssertEqual((obstacles["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["WT-P1"])
            XCTAssertEqual((obstacles["items"] as? [[String: Any]])?.first?["patrolName"] as? String, "九月月度巡查")
            // The unit the obstacle is assigned to sees it among its open ones.
            let projectPage = try await browser.get(RegisterDeclaration.projects.path(project))
            XCTAssertTrue(projectPage.text.contains("用电增容未落实"), "the project page lists the obstacle")
        }
    }

    func testTheLeadPageShowsItsTimelineNewestFirstWithPeopleContentAndNextStep() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let lead = try AttractionRequests.created(try await AttractionRequests.lead(team, "XS-T1", "杭州云帆科技有限公司", source: try await AttractionRequests.source(office), unit: fixtures.team))
            let activities = RegisterDeclaration.leadActivities
            for (day, kind, subject, people, content, next, nextOn) in [
                ("2026-08-03", "call", "首次电话", "张组长", "介绍园区政策", "安排实地考察", "2026-08-20"),
                ("2026-08-20", "site_visit", "实地考察", "张组长、企业副总", "考察标准厂房三号楼", "报价", "2026-09-05"),
            ] {
                _ = try AttractionRequests.created(try await team.send(.POST, activities.apiPath, body: [
                    "leadId": lead, "occurredOn": day, "kind": kind, "subject": subject, "people": people, "content": content, "nextStep": next, "nextStepOn": nextOn]))
            }
            let page = try await Browser.signedIn(app, as: .unit).get(RegisterDeclaration.leads.path(lead))
            XCTAssertTrue(page.text.contains("跟进记录（2 条）"), page.text)
            let visit = try XCTUnwrap(page.text.range(of: "实地考察</a>")), call = try XCTUnwrap(page.text.range(of: "首次电话</a>"))
            XCTAssertLessThan(visit.lowerBound, call.lowerBound, "newest first")
            for text in ["考察", "张组长、企业副总", "考察标准厂房三号楼", "下一步：报价（2026-09-05）", "下一步：安排实地考察（2026-08-20）"] {
                XCTAssertTrue(page.text.contains(text), text)
            }
        }
    }

    func testAUnitsFormPostsToAnotherUnitsProjectAndLeadAreRefusedAndChangeNothing() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let projects = RegisterDeclaration.projects, leads = RegisterDeclaration.leads
            let project = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-O1", unit: fixtures.otherTeam, investment: 40_000))
            let lead = try AttractionRequests.created(try await AttractionRequests.lead(office, "XS-O1", "他队线索科技有限公司", source: try await AttractionRequests.source(office),
                                                                                        unit: fixtures.otherTeam))
            let browser = try await Browser.signedIn(app, as: .unit)
            let before = try await Stored.count(app, "audit_log")
            let edit = try await browser.post(projects.path(project), [("code", "XM-O1"), ("name", "越权改名"), ("investor", "投资方"), ("owningUnitId", String(fixtures.team)),
                                                                      ("category", "industrial"), ("totalInvestment", "4"), ("level", "municipal"), ("signedOn", "2026-03-01")])
            XCTAssertEqual(edit.status, .forbidden, edit.text)
            try await AssertAsync.equal(try await browser.post(projects.path(project) + "/stage", [("stage", "registered"), ("on", "2026-06-01"), ("reason", "")]).status, .forbidden)
            try await AssertAsync.equal(try await browser.post(projects.path(project) + "/deactivate").status, .forbidden)
            try await AssertAsync.equal(try await browser.post(leads.path(lead), [("code", "XS-O1"), ("companyName", "越权改名"), ("owningUnitId", String(fixtures.team))]).status, .forbidden)
            try await AssertAsync.equal(try await browser.post(leads.path(lead) + "/stage", [("stage", "dropped"), ("droppedReason", "越权"), ("back", "board")]).status, .forbidden)
            try await AssertAsync.equal(try await browser.post(leads.path(lead) + "/deactivate").status, .forbidden)
            let stored = try parseJSONObject(try await office.send(.GET, projects.apiPath(project)))
            XCTAssertEqual(stored["name"] as? String, "项目XM-O1")
            XCTAssertEqual(stored["stage"] as? String, "signed")
            XCTAssertEqual(stored["active"] as? Bool, true)
            let storedLead = try parseJSONObject(try await office.send(.GET, leads.apiPath(lead)))
            XCTAssertEqual(storedLead["stage"] as? String, "contacting")
            XCTAssertEqual(storedLead["active"] as? Bool, true)
            try await AssertAsync.equal(try await Stored.count(app, "audit_log"), before)
            // Its own project's page offers the forms; another unit's offers none.
            let page = try await browser.get(projects.path(project))
            XCTAssertFalse(page.text.contains("action=\"\(projects.path(project))/stage\""), "no stage form on another unit's project")
        }
    }

    func testAPlannedDayBeforeSigningAndAForeignAmountOfADomesticProjectAreRefusedAtTheirFields() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let early = try await AttractionRequests.project(office, "XM-B1", unit: fixtures.team, investment: 10_000, signedOn: "2026-03-01",
                                                             extra: ["plannedStartedOn": "2026-02-01"])
            XCTAssertEqual(early.status, .unprocessableEntity, early.text)
            XCTAssertEqual(try apiErrorObject(early)["field"] as? String, "plannedStartedOn")
            XCTAssertEqual(try apiErrorObject(early)["message"] as? String, "计划开工日期不能早于签约日期")
            let foreign = try await AttractionRequests.project(office, "XM-B2", unit: fixtures.team, investment: 10_000, extra: ["foreignInvestmentUsd": 500])
            XCTAssertEqual(try apiErrorObject(foreign)["field"] as? String, "foreignInvestmentUsd")
            XCTAssertEqual(try apiErrorObject(foreign)["message"] as? String, "只有外资项目填写外资金额")
            let browser = try await Browser.signedIn(app, as: .office)
            let form = try await browser.post(RegisterDeclaration.projects.path, [
                ("code", "XM-B3"), ("name", "表单项目"), ("investor", "投资方"), ("owningUnitId", String(fixtures.team)), ("category", "industrial"),
                ("totalInvestment", "1"), ("level", "municipal"), ("stage", "signed"), ("signedOn", "2026-03-01"), ("plannedRegisteredOn", "2026-01-15")])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(form.text, "plannedRegisteredOn"), "计划注册落地日期不能早于签约日期")
            try await AssertAsync.equal(try await Stored.count(app, "projects"), 0)
        }
    }
}
