import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Attraction and projects (issue 13): one company worked by one team, a lead worked to a signed
/// project, the project's stages (skips need a reason, going back is the administrator's), 滞后
/// derived from the plan, target classes counted cumulatively over a unit's subtree, the warnings,
/// the team board — through the API, the pages and imports. Today is 2026-09-21.
final class AttractionTests: XCTestCase {
    func testACompanyWorkedByOneTeamIsRefusedToAnotherNamingThatTeam() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office.api)
            let first = try await AttractionRequests.lead(team, "XS-1", "无锡华润微电子有限公司", source: source, unit: fixtures.team, extra: ["creditCode": "91 3202 0000 0000 001X"])
            XCTAssertEqual(first.status, .created, first.text)
            XCTAssertEqual(try parseJSONObject(first)["creditCode"] as? String, "91320200000000001X", "kept in its compact form")

            let sameCompany = try await AttractionRequests.lead(office.api, "XS-2", "华润微电子（无锡）有限公司", source: source, unit: fixtures.otherTeam)
            XCTAssertEqual(sameCompany.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(sameCompany)["field"] as? String, "companyName")
            XCTAssertEqual(try apiErrorObject(sameCompany)["message"] as? String,
                           "该企业已由“集成电路招商团队”跟进（线索 XS-1“无锡华润微电子有限公司”），请与该团队联系")
            let sameCode = try await AttractionRequests.lead(office.api, "XS-3", "另一个名字科技有限公司", source: source, unit: fixtures.otherTeam,
                                          extra: ["creditCode": "91320200000000001X"])
            XCTAssertEqual(try apiErrorObject(sameCode)["field"] as? String, "companyName", "the same credit code is the same company")

            // An import is refused whole, the row named with the team.
            let file = ImportDriver.csv(["线索编号,企业名称,线索来源,招商团队,阶段", "XS-4,另一家新材料有限公司,产业链招商,ZS-SMJK,线索",
                                         "XS-5,华润微电子(无锡)有限公司,产业链招商,ZS-SMJK,线索"])
            let (_, job) = try await office.viaAPI(RegisterDeclaration.leads.key, fileName: "线索.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            XCTAssertEqual(ImportDriver.errors(job).map(\.row), [3])
            XCTAssertTrue(ImportDriver.errors(job).first?.reason.contains("集成电路招商团队") ?? false)
            try await AssertAsync.equal(try await Stored.count(app, "leads"), 1, "nothing of the file is written")

            // Dropped (with its reason), the company is free for another team.
            let noReason = try await team.send(.PATCH, RegisterDeclaration.leads.apiPath(try XCTUnwrap(parseJSONObject(first)["id"] as? Int)), body: ["stage": "dropped"])
            XCTAssertEqual(try apiErrorObject(noReason)["field"] as? String, "droppedReason")
            let dropped = try await team.send(.PATCH, RegisterDeclaration.leads.apiPath(try XCTUnwrap(parseJSONObject(first)["id"] as? Int)),
                                              body: ["stage": "dropped", "droppedReason": "企业暂缓扩产"])
            XCTAssertEqual(dropped.status, .ok, dropped.text)
            try await AssertAsync.equal(try await AttractionRequests.lead(office.api, "XS-2", "华润微电子（无锡）有限公司", source: source, unit: fixtures.otherTeam).status, .created)

            // Signed, the company stays its team's: another team is refused, the signing team may open its next phase.
            _ = try AttractionRequests.created(try await AttractionRequests.lead(team, "XS-6", "苏州信达微电子有限公司", source: source, unit: fixtures.team, stage: "signed"))
            let afterSigning = try await AttractionRequests.lead(office.api, "XS-7", "信达微电子（苏州）有限公司", source: source, unit: fixtures.otherTeam)
            XCTAssertEqual(afterSigning.status, .unprocessableEntity, afterSigning.text)
            XCTAssertEqual(try apiErrorObject(afterSigning)["message"] as? String,
                           "该企业已由“集成电路招商团队”签约（线索 XS-6“苏州信达微电子有限公司”），后续项目请由该团队跟进")
            let secondPhase = try await AttractionRequests.lead(team, "XS-8", "苏州信达微电子有限公司", source: source, unit: fixtures.team)
            XCTAssertEqual(secondPhase.status, .created, "the signing team's second phase: \(secondPhase.text)")
        }
    }

    func testASignedLeadBecomesAProjectWhoseStagesMoveByTheRules() async throws {
        try await withApp { app, fixtures in
            let projects = RegisterDeclaration.projects
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let signedLead = try await AttractionRequests.lead(team, "XS-9", "上海启芯科技有限公司", source: try await AttractionRequests.source(office), unit: fixtures.team, stage: "signed",
                                            extra: ["estimatedInvestment": 150_000])
            let leadID = try XCTUnwrap(parseJSONObject(signedLead)["id"] as? Int)
            let browser = try await Browser.signedIn(app, as: .unit)
            let leadPage = try await browser.get(RegisterDeclaration.leads.path(leadID))
            XCTAssertTrue(leadPage.text.contains("转为项目"), "a signed lead offers to become a project")
            let newForm = try await browser.get(projects.path + "/new?leadId=\(leadID)&investor=上海启芯科技有限公司&totalInvestment=15")
            XCTAssertEqual(newForm.status, .ok)
            XCTAssertTrue(newForm.text.contains("value=\"上海启芯科技有限公司\""), "the form starts from the lead")

            let created = try await AttractionRequests.project(team, "XM-1", unit: fixtures.team, investment: 150_000,
                                            extra: ["leadId": leadID, "plannedRegisteredOn": "2026-05-01", "plannedStartedOn": "2026-10-31"])
            XCTAssertEqual(created.status, .created, created.text)
            var body = try parseJSONObject(created)
            let id = try XCTUnwrap(body["id"] as? Int)
            XCTAssertEqual(body["nextDueOn"] as? String, "2026-05-01")
            XCTAssertEqual(body["schedule"] as? String, "expired", "past a planned day not reached: late")
            let leadAfter = try await browser.get(RegisterDeclaration.leads.path(leadID))
            XCTAssertTrue(leadAfter.text.contains(projects.path(id)), "the lead links to its project")
            let projectPage = try await browser.get(projects.path(id))
            XCTAssertTrue(projectPage.text.contains(RegisterDeclaration.leads.path(leadID)), "and the project to its lead")
            let late = try parseJSONObject(try await office.send(.GET, projects.apiPath + "?schedule=expired"))
            XCTAssertEqual((late["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["XM-1"])
            let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
            let lateKind = try XCTUnwrap((warnings["kinds"] as? [[String: Any]])?.first { $0["key"] as? String == "lateProjects" })
            XCTAssertEqual(lateKind["red"] as? Int, 1)
            XCTAssertEqual((lateKind["items"] as? [[String: Any]])?.first?["name"] as? String, "项目XM-1")

            // The stage is the stage form's: an update cannot change it.
            let patched = try await team.send(.PATCH, projects.apiPath(id), body: ["stage": "started"])
            XCTAssertEqual(try apiErrorObject(patched)["field"] as? String, "stage")
            let skip = try await team.send(.POST, projects.apiPath(id) + "/stage", body: ["stage": "started", "on": "2026-06-01"])
            XCTAssertEqual(skip.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(skip)["field"] as? String, "reason")
            XCTAssertEqual(try apiErrorObject(skip)["message"] as? String, "跳过注册落地阶段须说明原因")
            let future = try await team.send(.POST, projects.apiPath(id) + "/stage", body: ["stage": "registered", "on": "2026-09-22"])
            XCTAssertEqual(try apiErrorObject(future)["field"] as? String, "on")
            let moved = try await team.send(.POST, projects.apiPath(id) + "/stage", body: ["stage": "registered", "on": "2026-06-01"])
            XCTAssertEqual(moved.status, .ok, moved.text)
            body = try parseJSONObject(moved)
            XCTAssertEqual(body["stage"] as? String, "registered")
            XCTAssertEqual(body["registeredOn"] as? String, "2026-06-01")
            XCTAssertEqual(body["nextDueOn"] as? String, "2026-10-31")
            XCTAssertEqual(body["schedule"] as? String, "valid")

            // Back only by the administrator, with a reason; the undone stage's day is forgotten.
            let teamBack = try await team.send(.POST, projects.apiPath(id) + "/stage", body: ["stage": "signed", "reason": "误操作"])
            XCTAssertEqual(try apiErrorObject(teamBack)["message"] as? String, "阶段回退只能由系统管理员操作")
            let adminBack = try await admin.send(.POST, projects.apiPath(id) + "/stage", body: ["stage": "signed", "reason": "注册信息录入错误"])
            XCTAssertEqual(adminBack.status, .ok, adminBack.text)
            XCTAssertTrue(try parseJSONObject(adminBack)["registeredOn"] is NSNull)
            let history = try parseJSONObject(try await office.send(.GET, projects.apiPath(id) + "/stage-changes"))["items"] as? [[String: Any]]
            XCTAssertEqual(history?.map { "\($0["from"]!)→\($0["to"]!)" }, ["signed→registered", "registered→signed"])
            XCTAssertEqual(history?.last?["by"] as? String, "测试系统管理员")
            XCTAssertEqual(history?.last?["reason"] as? String, "注册信息录入错误")
            let audits = try await Stored.audit(app, entity: "project", action: "update", entityID: id)
            XCTAssertTrue(audits.contains { $0.summary.contains("注册落地 → 签约（注册信息录入错误）") }, audits.map(\.summary).joined(separator: "; "))

            // The page's form: a skip without a reason is refused beside the field; a step is taken.
            let refused = try await browser.post(projects.path(id) + "/stage", [("stage", "producing"), ("on", "2026-07-01"), ("reason", "")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertNotNil(HTMLProbe.fieldError(refused.text, "reason"))
            let stepped = try await browser.post(projects.path(id) + "/stage", [("stage", "registered"), ("on", "2026-06-02"), ("reason", "")])
            XCTAssertEqual(stepped.status, .seeOther, stepped.text)
            let page = try await browser.get(projects.path(id))
            XCTAssertTrue(page.text.contains("阶段变更记录"))
            let edit = try await browser.get(projects.path(id) + "/edit")
            XCTAssertFalse(edit.text.contains("name=\"stage\""), "the edit form shows the stage, it does not post it")
        }
    }

    func testTargetClassesCountCumulativelyOverTheUnitsSubtreeAndRankUnits() async throws {
        try await withApp { app, fixtures in
            let targets = RegisterDeclaration.attractionTargets
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let zoneTarget = try await office.send(.POST, targets.apiPath, body: ["code": "MB-2026-ZONE", "title": "2026年目标", "owningUnitId": fixtures.zone, "year": 2026,
                                                                                 "over100Yi": 1, "over50Yi": 3, "over10Yi": 4, "over1Yi": 8, "signedInvestment": 2_000_000])
            XCTAssertEqual(zoneTarget.status, .created, zoneTarget.text)
            let twice = try await office.send(.POST, targets.apiPath, body: ["code": "MB-2026-ZONE-2", "title": "重复", "owningUnitId": fixtures.zone, "year": 2026])
            XCTAssertEqual(try apiErrorObject(twice)["message"] as? String, "该单位 2026 年已有目标清单“2026年目标”")
            _ = try await office.send(.POST, targets.apiPath, body: ["code": "MB-2026-SMJK", "title": "生命健康2026", "owningUnitId": fixtures.otherTeam, "year": 2026, "over1Yi": 2])
            // A 120 亿元 project counts in all four classes; projects of the team count for the zone above it.
            for (code, investment, signed) in [("P1", 1_200_000, "2026-02-01"), ("P2", 600_000, "2026-03-01"), ("P3", 150_000, "2026-04-01"),
                                               ("P4", 20_000, "2026-05-01"), ("P5", 5_000, "2026-06-01"), ("P6", 2_000_000, "2025-12-31")] as [(String, Int64, String)] {
                try await AssertAsync.equal(try await AttractionRequests.project(office, code, unit: fixtures.team, investment: investment, signedOn: signed).status, .created)
            }
            let dropped = try parseJSONObject(try await AttractionRequests.project(office, "P7", unit: fixtures.team, investment: 900_000))["id"] as! Int
            _ = try await office.send(.POST, RegisterDeclaration.projects.apiPath(dropped) + "/deactivate")

            let progress = try parseJSONObject(try await office.send(.GET, targets.apiPath + "/progress?year=2026"))
            let rows = try XCTUnwrap(progress["rows"] as? [[String: Any]])
            XCTAssertEqual(rows.map { $0["unitName"] as? String }, ["无锡高新区", "生命健康招商团队"], "ranked by completion")
            let zone = rows[0]
            XCTAssertEqual(zone["projects"] as? Int, 5, "signed in 2026, active")
            let actual = Dictionary(uniqueKeysWithValues: (zone["metrics"] as! [[String: Any]]).map { ($0["key"] as! String, $0["actual"] as! Int) })
            XCTAssertEqual(actual, ["over100Yi": 1, "over50Yi": 2, "over10Yi": 3, "over1Yi": 4, "signedInvestment": 1_975_000, "talentsIntroduced": 0])
            XCTAssertEqual(rows[1]["pace"] as? String, "red", "nothing signed by late September against a target")
            try await AssertAsync.equal(try await office.send(.GET, targets.apiPath + "/progress?year=abc").status, .badRequest)
            let page = try await Browser.signedIn(app, as: .leader).get(targets.path + "/progress?year=2026")
            XCTAssertTrue(page.text.contains("超100亿元项目"))
            XCTAssertTrue(page.text.contains("197.50 / 200.00"), "investment in 亿元")
        }
    }

    func testAUnitWritesOnlyItsOwnProjectsLeadsAndTheObstaclesAssignedToIt() async throws {
        try await withApp { app, fixtures in
            let projects = RegisterDeclaration.projects
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let teamDriver = try await ImportDriver.signedIn(.unit, app: app, fixtures: fixtures)
            let team = teamDriver.api
            let foreign = try await AttractionRequests.project(team, "XM-F", unit: fixtures.otherTeam, investment: 10_000)
            XCTAssertEqual(try apiErrorObject(foreign)["field"] as? String, "owningUnitId")
            let theirs = try parseJSONObject(try await AttractionRequests.project(office, "XM-T", unit: fixtures.otherTeam, investment: 10_000))["id"] as! Int
            try await AssertAsync.equal(try await team.send(.PATCH, projects.apiPath(theirs), body: ["name": "越权"]).status, .forbidden)
            try await AssertAsync.equal(try await team.send(.POST, projects.apiPath(theirs) + "/stage", body: ["stage": "registered", "on": "2026-06-01"]).status, .forbidden)
            let file = ImportDriver.csv(["项目编号,项目名称,投资方,责任单位,项目类别,总投资（万元）,重大项目级别,阶段,签约日期",
                                         "XM-T,改名,投资方,ZS-SMJK,产业项目,10000,市重大,签约,2026-03-01"])
            let (_, job) = try await teamDriver.viaAPI(projects.key, fileName: "项目.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "failed")
            XCTAssertTrue(ImportDriver.errors(job).contains { $0.reason == "该记录不属于本单位，不能修改" }, "\(ImportDriver.errors(job))")

            // A lead's activities are its team's.
            let source = try await AttractionRequests.source(office)
            let theirLead = try parseJSONObject(try await AttractionRequests.lead(office, "XS-T", "他队跟进科技有限公司", source: source, unit: fixtures.otherTeam))["id"] as! Int
            let ownLead = try parseJSONObject(try await AttractionRequests.lead(team, "XS-O", "本队跟进科技有限公司", source: source, unit: fixtures.team))["id"] as! Int
            let activities = RegisterDeclaration.leadActivities
            let activity: [String: Any] = ["occurredOn": "2026-09-01", "kind": "visit", "subject": "上门拜访", "people": "李组长"]
            let refused = try await team.send(.POST, activities.apiPath, body: activity.merging(["leadId": theirLead]) { $1 })
            XCTAssertEqual(try apiErrorObject(refused)["field"] as? String, "leadId")
            try await AssertAsync.equal(try await team.send(.POST, activities.apiPath, body: activity.merging(["leadId": ownLead]) { $1 }).status, .created)
            let theirActivity = try parseJSONObject(try await office.send(.POST, activities.apiPath, body: activity.merging(["leadId": theirLead]) { $1 }))["id"] as! Int
            try await AssertAsync.equal(try await team.send(.PATCH, activities.apiPath(theirActivity), body: ["subject": "越权"]).status, .forbidden)

            // An obstacle is written by the unit it is assigned to, whoever owns the project.
            let obstacles = RegisterDeclaration.obstacles
            let assigned = try await office.send(.POST, obstacles.apiPath, body: ["code": "WT-1", "title": "供电接入", "projectId": theirs, "kind": "power",
                                                                                 "owningUnitId": fixtures.team, "dueOn": "2026-09-01", "status": "open"])
            XCTAssertEqual(assigned.status, .created, assigned.text)
            let assignedID = try parseJSONObject(assigned)["id"] as! Int
            XCTAssertEqual(try parseJSONObject(assigned)["timeliness"] as? String, "expired")
            try await AssertAsync.equal(try await team.send(.PATCH, obstacles.apiPath(assignedID), body: ["status": "in_progress"]).status, .ok)
            let other = try parseJSONObject(try await office.send(.POST, obstacles.apiPath, body: ["code": "WT-2", "title": "用地", "projectId": theirs, "kind": "land",
                                                                                                   "owningUnitId": fixtures.otherTeam, "dueOn": "2026-12-01", "status": "open"]))["id"] as! Int
            try await AssertAsync.equal(try await team.send(.PATCH, obstacles.apiPath(other), body: ["status": "in_progress"]).status, .forbidden)
            let page = try await Browser.signedIn(app, as: .leader).get(projects.path(theirs))
            XCTAssertTrue(page.text.contains("供电接入") && page.text.contains("已逾期 1"), "the project page lists its obstacles, the overdue counted")
            let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
            let overdue = try XCTUnwrap((warnings["kinds"] as? [[String: Any]])?.first { $0["key"] as? String == "overdueObstacles" })
            XCTAssertEqual(overdue["red"] as? Int, 1)
        }
    }

    func testTheTeamBoardShowsLeadsByStageAndMovesACardByAFormPost() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            var ids: [String] = []
            for (code, company, stage, next) in [("B1", "看板一号科技有限公司", "lead", "2026-10-01"), ("B2", "看板二号科技有限公司", "contacting", "2026-09-01"),
                                                 ("B3", "看板三号科技有限公司", "negotiating", "2026-10-15")] {
                let created = try await AttractionRequests.lead(team, code, company, source: source, unit: fixtures.team, stage: stage, extra: ["nextStepOn": next, "nextStep": "再次拜访"])
                ids.append("\(try parseJSONObject(created)["id"] as! Int)")
            }
            _ = try await AttractionRequests.lead(office, "B4", "别队看板科技有限公司", source: source, unit: fixtures.otherTeam)
            let browser = try await Browser.signedIn(app, as: .unit)
            let board = try await browser.get(RegisterDeclaration.leads.path + "/board")
            XCTAssertEqual(board.status, .ok)
            for company in ["看板一号科技有限公司", "看板二号科技有限公司", "看板三号科技有限公司"] { XCTAssertTrue(board.text.contains(company), company) }
            XCTAssertFalse(board.text.contains("别队看板科技有限公司"), "a team's board is its own by default")
            XCTAssertTrue(board.text.contains("（已逾期）"), "a next step past its day is marked")
            let everyone = try await Browser.signedIn(app, as: .office).get(RegisterDeclaration.leads.path + "/board")
            XCTAssertTrue(everyone.text.contains("别队看板科技有限公司"), "the office sees every team")

            let noReason = try await browser.post(RegisterDeclaration.leads.path + "/\(ids[0])/stage", [("stage", "dropped"), ("droppedReason", ""), ("back", "board")])
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            XCTAssertTrue(noReason.text.contains("放弃的线索须说明原因"))
            let moved = try await browser.post(RegisterDeclaration.leads.path + "/\(ids[0])/stage", [("stage", "negotiating"), ("droppedReason", ""), ("back", "board")])
            XCTAssertEqual(moved.status, .seeOther)
            XCTAssertEqual(moved.location, "/leads/board?notice=saved")
            let stored = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.leads.apiPath(Int(ids[0])!)))
            XCTAssertEqual(stored["stage"] as? String, "negotiating")
            try await AssertAsync.equal(try await Stored.audit(app, entity: "lead", action: "update", entityID: Int(ids[0])!).count, 1)
        }
    }
}

/// The pipeline's sums on both engines (PostgreSQL sums a bigint into a numeric).
final class ProjectPipelineTests: XCTestCase {
    func testThePipelineGroupsByStageAndByClusterWithTheProjectsWithoutOne() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (chip, _) = try await AttractionRequests.chainNode(office, cluster: "集成电路", node: "封装测试", leadUnit: fixtures.zone)
            let (health, _) = try await AttractionRequests.chainNode(office, cluster: "生命健康", node: "创新药", leadUnit: fixtures.zone)
            for (code, cluster, investment, stage) in [("G1", chip, 100_000, "signed"), ("G2", chip, 50_000, "registered"), ("G3", health, 70_000, "signed"),
                                                       ("G4", nil, 30_000, "signed")] as [(String, Int?, Int64, String)] {
                var extra: [String: Any] = ["stage": stage]
                if let cluster { extra["clusterId"] = cluster }
                if stage == "registered" { extra["registeredOn"] = "2026-04-01" }
                _ = try AttractionRequests.created(try await AttractionRequests.project(office, code, unit: fixtures.team, investment: investment, extra: extra))
            }
            let pipeline = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.projects.apiPath + "/pipeline"))
            let byStage = try XCTUnwrap(pipeline["byStage"] as? [[String: Any]])
            XCTAssertEqual(byStage.map { $0["key"] as? String }, ["signed", "registered", "started", "completed", "producing"], "every stage, in order")
            XCTAssertEqual(byStage.map { $0["count"] as? Int }, [3, 1, 0, 0, 0])
            XCTAssertEqual(byStage.map { $0["investment"] as? Int }, [200_000, 50_000, 0, 0, 0])
            let byCluster = try XCTUnwrap(pipeline["byCluster"] as? [[String: Any]])
            XCTAssertEqual(byCluster.map { $0["name"] as? String }, ["集成电路", "生命健康", ""], "largest investment first; the unclustered as one group")
            XCTAssertEqual(byCluster.map { $0["key"] as? String }, [String(chip), String(health), ""])
            XCTAssertEqual(byCluster.map { $0["count"] as? Int }, [2, 1, 1])
            XCTAssertEqual(byCluster.map { $0["investment"] as? Int }, [150_000, 70_000, 30_000])
            let page = try await Browser.signedIn(app, as: .leader).get(RegisterDeclaration.projects.path + "/pipeline")
            XCTAssertTrue(page.text.contains("集成电路") && page.text.contains("注册落地"), "the page draws the groups")
        }
    }

    func testThePipelineCountsAndSumsByStageUnitClusterAndLevelWithTheLateOnes() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let projects = RegisterDeclaration.projects
            for (code, unit, investment, planned) in [("Q1", fixtures.team, 300_000, "2026-05-01"), ("Q2", fixtures.team, 20_000, "2026-12-01"),
                                                      ("Q3", fixtures.otherTeam, 50_000, "2026-04-01")] as [(String, Int, Int64, String)] {
                let created = try await office.send(.POST, projects.apiPath, body: [
                    "code": code, "name": "总览\(code)", "investor": "投资方", "owningUnitId": unit, "category": "industrial", "totalInvestment": investment,
                    "level": code == "Q3" ? "provincial" : "district", "stage": "signed", "signedOn": "2026-03-01", "plannedRegisteredOn": planned])
                XCTAssertEqual(created.status, .created, created.text)
            }
            let pipeline = try parseJSONObject(try await office.send(.GET, projects.apiPath + "/pipeline?year=2026"))
            let total = try XCTUnwrap(pipeline["total"] as? [String: Any])
            XCTAssertEqual(total["count"] as? Int, 3)
            XCTAssertEqual(total["investment"] as? Int, 370_000)
            XCTAssertEqual(total["late"] as? Int, 2, "two planned days passed unreached")
            let byUnit = try XCTUnwrap(pipeline["byUnit"] as? [[String: Any]])
            XCTAssertEqual(byUnit.map { $0["name"] as? String }, ["集成电路招商团队", "生命健康招商团队"], "largest investment first")
            XCTAssertEqual(byUnit.map { $0["investment"] as? Int }, [320_000, 50_000])
            let byLevel = try XCTUnwrap(pipeline["byLevel"] as? [[String: Any]])
            XCTAssertEqual(byLevel.map { $0["count"] as? Int }, [1, 0, 2, 0])
            let all = try parseJSONObject(try await office.send(.GET, projects.apiPath + "/pipeline"))
            XCTAssertTrue(all["year"] is NSNull, "no year given: null, as documented")
            try await AssertAsync.equal(try await office.send(.GET, projects.apiPath + "/pipeline?year=").status, .badRequest)
            try await AssertAsync.equal(try await office.send(.GET, RegisterDeclaration.attractionTargets.apiPath + "/progress?year=").status, .badRequest)
            let patch = try await office.send(.PATCH, projects.apiPath + "/pipeline", json: "{}")
            XCTAssertEqual(patch.status, .methodNotAllowed, "a method the fixed path does not have, not a record called pipeline")
            XCTAssertEqual(patch.headers.first(name: .allow), "GET, HEAD")
            let options = try await office.send(.OPTIONS, projects.apiPath + "/pipeline")
            XCTAssertEqual(options.headers.first(name: .allow), "GET, HEAD", "the fixed path's methods only, not PATCH of /:id")
            try await AssertAsync.equal(try await office.send(.PATCH, projects.apiPath(999_999), json: "{}").status, .notFound)
            let empty = try parseJSONObject(try await office.send(.GET, projects.apiPath + "/pipeline?year=2024"))
            XCTAssertEqual((empty["total"] as? [String: Any])?["count"] as? Int, 0)
            let page = try await Browser.signedIn(app, as: .leader).get(projects.path + "/pipeline")
            XCTAssertTrue(page.text.contains("合计 3 个项目，总投资 37.00 亿元，滞后 2 个"), "money in 亿元")
            let warnings = try await Browser.signedIn(app, as: .leader).get("/warnings")
            XCTAssertTrue(warnings.text.contains("滞后项目") && warnings.text.contains("规则："), "each warning with its rule")
        }
    }
}
