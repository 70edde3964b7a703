@testable import GaoxinApp
import XCTVapor
import XCTest

/// One lineage (issue 13 item 6): a project that has registered its company creates its
/// enterprise record (or links the one its credit code names), attached to the project's chain
/// node where the user may write that chain, so the enterprise counts in the cluster; nothing is
/// written when any part is refused.
final class ProjectEnterpriseTests: XCTestCase {
    func testARegisteredProjectCreatesItsEnterpriseWhichCountsInTheClusterOfItsChainNode() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (cluster, node) = try await AttractionRequests.chainNode(office, cluster: "集成电路", node: "晶圆制造", leadUnit: fixtures.zone)
            let project = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-LD-1", unit: fixtures.team, investment: 200_000,
                                                                           extra: ["clusterId": cluster, "chainNodeId": node, "plannedRegisteredOn": "2026-06-01"]))
            let path = RegisterDeclaration.projects.apiPath(project) + "/enterprise"
            let code = USCC.numbered(811)
            let body: [String: Any] = ["creditCode": code, "name": "无锡启芯半导体有限公司", "industryCode": "3973"]

            // Before the company is registered there is none to link.
            let early = try await office.send(.POST, path, body: body)
            XCTAssertEqual(early.status, .conflict, early.text)
            XCTAssertEqual(try apiErrorObject(early)["message"] as? String, "项目注册落地后才能登记落地企业（当前阶段：签约）")
            let moved = try await office.send(.POST, RegisterDeclaration.projects.apiPath(project) + "/stage", body: ["stage": "registered", "on": "2026-07-01"])
            XCTAssertEqual(moved.status, .ok, moved.text)

            // A new company needs its name and industry; nothing is written when they are missing.
            let noName = try await office.send(.POST, path, body: ["creditCode": code, "industryCode": "3973"])
            XCTAssertEqual(noName.status, .unprocessableEntity, noName.text)
            XCTAssertEqual(try apiErrorObject(noName)["field"] as? String, "name")
            let badCode = try await office.send(.POST, path, body: ["creditCode": "91320214MA0000081X", "name": "某公司", "industryCode": "3973"])
            XCTAssertEqual(try apiErrorObject(badCode)["field"] as? String, "creditCode")
            try await AssertAsync.equal(try await Stored.count(app, "enterprises"), 0)

            // The unit user of another unit may not do it; the project's own team may.
            let otherUnitUser = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let othersProject = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-LD-2", unit: fixtures.otherTeam, investment: 50_000))
            let refused = try await otherUnitUser.send(.POST, RegisterDeclaration.projects.apiPath(othersProject) + "/enterprise", body: body)
            XCTAssertEqual(refused.status, .forbidden, refused.text)

            let established = try await office.send(.POST, path, body: body.merging(["creditCode": "  " + code.prefix(2) + " " + code.dropFirst(2)]) { $1 })
            XCTAssertEqual(established.status, .ok, established.text)
            let outcome = try parseJSONObject(established)
            XCTAssertEqual(outcome["created"] as? Bool, true)
            XCTAssertEqual(outcome["chainNode"] as? String, "晶圆制造")
            let enterpriseID = try XCTUnwrap(outcome["enterpriseId"] as? Int)
            let enterprise = try parseJSONObject(try await office.send(.GET, Site.API.enterprise(enterpriseID)))
            XCTAssertEqual(enterprise["creditCode"] as? String, code, "stored in its compact form")
            XCTAssertEqual(enterprise["unitId"] as? Int, fixtures.team, "kept by the project's responsible unit")
            let linked = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.projects.apiPath(project)))
            XCTAssertEqual(linked["enterpriseId"] as? Int, enterpriseID)
            let members = try await Stored.count(app, "cluster_members", where: "cluster_id = \(cluster) AND enterprise_id = \(enterpriseID)")
            XCTAssertEqual(members, 1, "its revenue flows into the cluster of the project's chain node")
            let audits = try await Stored.audit(app, entity: "enterprise", entityID: enterpriseID)
            XCTAssertEqual(audits.map(\.summary), ["由项目“项目XM-LD-1”新建企业“无锡启芯半导体有限公司”"])
            let projectAudits = try await Stored.audit(app, entity: "project", entityID: project)
            XCTAssertTrue(projectAudits.contains { $0.summary == "项目“项目XM-LD-1”关联落地企业“无锡启芯半导体有限公司”" })

            // Once linked, the project takes no second enterprise.
            let again = try await office.send(.POST, path, body: body)
            XCTAssertEqual(again.status, .conflict)
            XCTAssertEqual(try apiErrorObject(again)["message"] as? String, "项目已关联落地企业")

            // A second project of the same company links the record its code names, never a copy.
            let expansion = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-LD-3", unit: fixtures.team, investment: 30_000,
                                                                             extra: ["stage": "registered", "registeredOn": "2026-08-01"]))
            let relinked = try await office.send(.POST, RegisterDeclaration.projects.apiPath(expansion) + "/enterprise", body: ["creditCode": code])
            XCTAssertEqual(relinked.status, .ok, relinked.text)
            XCTAssertEqual(try parseJSONObject(relinked)["created"] as? Bool, false)
            XCTAssertEqual(try parseJSONObject(relinked)["enterpriseId"] as? Int, enterpriseID)
            try await AssertAsync.equal(try await Stored.count(app, "enterprises"), 1)
        }
    }

    func testTheProjectPageRegistersTheEnterpriseByAFormAndLeavesTheChainToItsLeadDepartment() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (_, node) = try await AttractionRequests.chainNode(office, cluster: "生物医药", node: "创新药", leadUnit: fixtures.zone)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let project = try AttractionRequests.created(try await AttractionRequests.project(team, "XM-LD-9", unit: fixtures.team, investment: 80_000,
                extra: ["chainNodeId": node, "stage": "started", "registeredOn": "2026-05-01", "startedOn": "2026-07-01"]))

            let browser = try await Browser.signedIn(app, as: .unit)
            let page = try await browser.get(RegisterDeclaration.projects.path(project))
            XCTAssertTrue(page.text.contains("登记落地企业"), "a registered project offers the form to its team")
            let refused = try await browser.post(RegisterDeclaration.projects.path(project) + "/enterprise",
                                                 [("creditCode", USCC.numbered(812)), ("name", "苏州新药研发有限公司"), ("industryCode", "不存在的行业")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.text.contains("苏州新药研发有限公司"), "the form keeps what was typed")
            XCTAssertTrue(refused.text.contains("field invalid"), "the error stands beside its field")
            let saved = try await browser.post(RegisterDeclaration.projects.path(project) + "/enterprise",
                                               [("creditCode", USCC.numbered(812)), ("name", "苏州新药研发有限公司"), ("industryCode", "2720")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let after = try await browser.get(RegisterDeclaration.projects.path(project) + "?notice=enterpriseCreated")
            XCTAssertTrue(after.text.contains("已登记落地企业并关联到本项目"))
            XCTAssertTrue(after.text.contains("苏州新药研发有限公司"))
            XCTAssertTrue(after.text.contains("尚未关联到本项目的产业链环节“创新药”"),
                          "the team does not write the zone's chain: the page says who attaches the enterprise")
            XCTAssertFalse(after.text.contains("登记落地企业</button>"), "no second form")
            try await AssertAsync.equal(try await Stored.count(app, "chain_node_enterprises"), 0)
        }
    }
}
