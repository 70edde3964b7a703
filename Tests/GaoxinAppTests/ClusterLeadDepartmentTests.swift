import Foundation
@testable import GaoxinApp
import GaoxinDomain
import Vapor
import XCTest

/// Issue 12, item 9: a lead department (the `unit` role) keeps its own cluster's target companies
/// and checklist evidence — and no other cluster's — through the API, the forms and an import.
final class ClusterLeadDepartmentTests: XCTestCase {
    /// Two clusters, one led by the unit user's team and one by the other team, each with a chain node.
    private func twoClusters(_ api: APIClient, _ fixtures: Fixtures) async throws -> (own: Int, ownNode: Int, other: Int, otherNode: Int) {
        func cluster(_ name: String, lead: Int) async throws -> (Int, Int) {
            let cluster = try api.json(try await api.send(.POST, Site.API.clusters, body: ["name": name, "category": "emerging", "leadUnitId": lead]))["id"] as! Int
            let chain = try api.json(try await api.send(.POST, Site.API.clusterChains(cluster), body: ["name": name + "产业链"]))["id"] as! Int
            let node = try api.json(try await api.send(.POST, "/api/v1/chains/\(chain)/nodes", body: ["segment": "upstream", "name": "关键材料"]))["id"] as! Int
            return (cluster, node)
        }
        let own = try await cluster("集成电路", lead: fixtures.team)
        let other = try await cluster("生命健康", lead: fixtures.otherTeam)
        return (own.0, own.1, other.0, other.1)
    }

    func testALeadDepartmentKeepsOnlyItsOwnClustersTargetCompanies() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let unit = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let clusters = try await twoClusters(office, fixtures)

            let own = try await unit.send(.POST, "/api/v1/target-companies", body: ["name": "上海某材料公司", "chainNodeId": clusters.ownNode,
                                                                                  "source": "staff", "owningUnitId": fixtures.team])
            XCTAssertEqual(own.status, .created, own.text)
            let before = try await Stored.count(app, "target_companies")
            let foreign = try await unit.send(.POST, "/api/v1/target-companies", body: ["name": "深圳某药企", "chainNodeId": clusters.otherNode,
                                                                                      "source": "staff", "owningUnitId": fixtures.team])
            XCTAssertEqual(foreign.status, .unprocessableEntity, foreign.text)
            XCTAssertEqual(try apiErrorObject(foreign)["field"] as? String, "chainNodeId")
            XCTAssertTrue(foreign.text.contains("只能选择本单位或下级单位负责的记录"), foreign.text)
            try await AssertAsync.equal(try await Stored.count(app, "target_companies"), before)

            // The office's target on the other cluster: the unit may read it, not change or deactivate it.
            let officeTarget = try office.json(try await office.send(.POST, "/api/v1/target-companies", body: [
                "name": "北京某生物公司", "chainNodeId": clusters.otherNode, "source": "agency", "owningUnitId": fixtures.team]))["id"] as! Int
            try await AssertAsync.equal(try await unit.send(.GET, "/api/v1/target-companies/\(officeTarget)").status, .ok)
            try await AssertAsync.equal(try await unit.send(.PATCH, "/api/v1/target-companies/\(officeTarget)", body: ["region": "北京"]).status, .forbidden)
            try await AssertAsync.equal(try await unit.send(.POST, "/api/v1/target-companies/\(officeTarget)/deactivate", body: [:]).status, .forbidden)
            let browser = try await Browser.signedIn(app, as: .unit)
            let form = try await browser.post("/target-companies/\(officeTarget)", [("name", "北京某生物公司"), ("chainNodeId", String(clusters.otherNode)),
                                                                                  ("source", "agency"), ("owningUnitId", String(fixtures.team)), ("region", "北京")])
            XCTAssertEqual(form.status, .forbidden, "the form post is refused as the API is")
            try await AssertAsync.equal(try await RegisterStore.find(.targetCompanies, id: officeTarget, on: app.db)?.values["region"], nil)

            // An import naming the other cluster's node is refused whole, the row named.
            let driver = try await ImportDriver.signedIn(.unit, app: app, fixtures: fixtures)
            let file = "企业名称,产业链环节,线索来源,负责单位\n杭州某材料公司,集成电路产业链／关键材料,招商专员,ZS-JCDL\n苏州某药企,生命健康产业链／关键材料,招商专员,ZS-JCDL\n"
            let (_, job) = try await driver.viaAPI("target-companies", fileName: "targets.csv", data: Data(file.utf8))
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            XCTAssertTrue("\(job)".contains("第 3 行"), "\(job)")
            try await AssertAsync.equal(try await Stored.count(app, "target_companies"), before + 1)
        }
    }

    func testALeadDepartmentRecordsChecklistEvidenceOnlyForItsOwnCluster() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let unit = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let clusters = try await twoClusters(office, fixtures)
            let checklist = try unit.json(try await unit.send(.GET, Site.API.cluster(clusters.own) + "/checklist"))
            let eight = try XCTUnwrap((checklist["templates"] as? [[String: Any]])?.first { $0["name"] as? String == "八个一" })
            let plan = try XCTUnwrap((eight["items"] as? [[String: Any]])?.first { $0["name"] as? String == "一个规划" })
            let item = try XCTUnwrap(plan["itemId"] as? Int)

            let own = try await unit.send(.PUT, Site.API.cluster(clusters.own) + "/checklist/\(item)", body: ["status": "in_progress", "note": "规划编制中"])
            XCTAssertEqual(own.status, .ok, own.text)
            let entries = try await Stored.count(app, "checklist_entries")
            let other = try await unit.send(.PUT, Site.API.cluster(clusters.other) + "/checklist/\(item)", body: ["status": "in_progress", "note": "越权填报"])
            XCTAssertEqual(other.status, .forbidden, other.text)
            let browser = try await Browser.signedIn(app, as: .unit)
            let form = try await browser.post(Site.clusterChecklistItem(clusters.other, item), [("status", "in_progress"), ("note", "越权填报")])
            XCTAssertEqual(form.status, .forbidden)
            try await AssertAsync.equal(try await Stored.count(app, "checklist_entries"), entries)
        }
    }
}
