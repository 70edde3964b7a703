import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// Named structures (issue 12 item 2): groups typed a line each or sent by id, a cluster in one
/// group only, totals per group equal to a hand sum of the clusters' figures, office-only writes.
final class ClusterStructureTests: XCTestCase {
    /// A structure belongs to the city, board or zone that groups its clusters (a province holds one
    /// per city): chosen on the form, named in the API, the root unit when not given.
    func testAStructureBelongsToTheCityOrZoneThatGroupsItsClusters() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let byDefault = try api.json(try await api.send(.POST, Site.API.clusterStructures, body: ["name": "6+2+X"]))
            XCTAssertEqual(byDefault["unitId"] as? Int, fixtures.root, "not given: the root unit")
            XCTAssertEqual(byDefault["unitName"] as? String, "无锡市")
            let zone = try await api.send(.POST, Site.API.clusterStructures, body: ["name": "2+2+X", "unitId": fixtures.zone])
            XCTAssertEqual(zone.status, .created, zone.text)
            XCTAssertEqual(try api.json(zone)["unitName"] as? String, "无锡高新区")
            let team = try await api.send(.POST, Site.API.clusterStructures, body: ["name": "5+N", "unitId": fixtures.team])
            XCTAssertEqual(team.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(team)["field"] as? String, "unitId")
            XCTAssertEqual(try apiErrorObject(team)["message"] as? String, "归属单位应为市、板块或园区，“集成电路招商团队”是招商团队")
            let unknown = try await api.send(.POST, Site.API.clusterStructures, body: ["name": "5+N", "unitId": 999_999])
            XCTAssertEqual(try apiErrorObject(unknown)["field"] as? String, "unitId")
            try await AssertAsync.equal(try await Stored.count(app, "cluster_structures"), 2)

            let browser = try await Browser.signedIn(app, as: .office)
            let form = try await browser.get(Site.clusterStructureNew)
            XCTAssertTrue(form.text.contains("name=\"unitId\""), "the form chooses the owner")
            XCTAssertFalse(form.text.contains(">　　　集成电路招商团队<"), "only cities, boards and zones are offered")
            let posted = try await browser.post(Site.clusterStructures, [("name", "5+N"), ("unitId", String(fixtures.board)), ("groups", "")])
            XCTAssertEqual(posted.status, .seeOther, posted.text)
            let index = try await browser.get(Site.clusterStructures)
            XCTAssertTrue(index.text.contains("<td>新吴</td>") && index.text.contains("<td>无锡高新区</td>"), "the list says whose each is")
            let kept = try api.json(try await api.send(.PUT, Site.API.clusterStructure(try XCTUnwrap(try api.json(zone)["id"] as? Int)), body: ["name": "2+2+X（修订）"]))
            XCTAssertEqual(kept["unitId"] as? Int, fixtures.zone, "a change that does not name it keeps it")
        }
    }

    func testGroupsAreTypedALineEachAndTotalsFollowTheClustersFigures() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var ids: [String: Int] = [:]
            // Three top-down clusters with targets and two years of months (万元).
            for (name, target, months) in [("新材料", 40_000_000, [("2024-01", 3_000_000), ("2025-01", 5_300_000), ("2025-02", 5_500_000)]),
                                            ("高端装备", 30_000_000, [("2024-01", 2_000_000), ("2025-01", 1_900_000), ("2025-02", 2_000_000)]),
                                            ("人工智能", 5_000_000, [("2025-01", 300_000), ("2025-02", 350_000)])] {
                let created = try await api.send(.POST, Site.API.clusters, body: ["name": name, "category": "emerging", "leadUnitId": fixtures.zone,
                                                                                 "annualTarget": target, "figuresSource": "top_down"])
                XCTAssertEqual(created.status, .created, created.text)
                ids[name] = try api.json(created)["id"] as? Int
                for (period, revenue) in months {
                    let put = try await api.send(.PUT, Site.API.cluster(ids[name]!) + "/figures/\(period)", body: ["revenue": revenue])
                    XCTAssertEqual(put.status, .ok, put.text)
                }
            }
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.clusterStructureNew)

            // Overlapping groups, an unknown cluster and a line without a colon: all named, nothing written.
            let bad = try await browser.post(Site.clusterStructures, [("name", "465"), ("groups", "地标产业：新材料、高端装备\n优势产业：高端装备、生物医药")])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.text.contains("产业集群“高端装备”同时在分组“地标产业”和“优势产业”中"), bad.text)
            XCTAssertTrue(bad.text.contains("第 2 行：找不到产业集群“生物医药”"))
            let noColon = try await browser.post(Site.clusterStructures, [("name", "465"), ("groups", "地标产业 新材料")])
            XCTAssertTrue(noColon.text.contains("第 1 行应写成“分组名：集群、集群”"))
            let none = try await Stored.count(app, "cluster_structures")
            XCTAssertEqual(none, 0)

            let saved = try await browser.post(Site.clusterStructures, [("name", "465"), ("groups", "地标产业：新材料、高端装备\n未来产业：人工智能")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let first = try await ClusterStructure.query(on: app.db).first()
            let structure = try XCTUnwrap(first?.id)
            let totals = try api.json(try await api.send(.GET, Site.API.clusterStructure(structure) + "?month=2025-02"))
            let groups = try XCTUnwrap(totals["groups"] as? [[String: Any]])
            let landmark = try XCTUnwrap(groups.first?["total"] as? [String: Any])
            XCTAssertEqual(landmark["yearToDate"] as? Int, 5_300_000 + 5_500_000 + 1_900_000 + 2_000_000, "hand sum of 1–2月")
            XCTAssertEqual(landmark["previousYearToDate"] as? Int, 5_000_000)
            XCTAssertEqual(landmark["annualTarget"] as? Int, 70_000_000)
            XCTAssertEqual(landmark["overThousand"] as? Int, 1, "新材料 is over 1000 亿元 in 1–2月; 高端装备 is not")
            let total = try XCTUnwrap(totals["total"] as? [String: Any])
            XCTAssertEqual(total["yearToDate"] as? Int, 15_350_000)
            XCTAssertEqual(total["previousYearToDate"] as? Int, 5_000_000, "人工智能 has no last year: left out of the comparison")
            XCTAssertEqual(try XCTUnwrap(total["growth"] as? Double), (14_700_000.0 - 5_000_000) / 5_000_000, accuracy: 1e-9)
            let page = try await browser.get(Site.clusterStructure(structure) + "?month=2025-02")
            XCTAssertTrue(page.text.contains("1–2月，合计规上营收 1,535.00 亿元"), page.text)
            XCTAssertTrue(page.text.contains("超千亿集群 1 个"))

            // The API sends groups by id; the same overlap rule holds; the edit form shows the lines back.
            let overlap = try await api.send(.PUT, Site.API.clusterStructure(structure), body: [
                "name": "465", "groups": [["name": "甲", "clusterIds": [ids["新材料"]!]], ["name": "乙", "clusterIds": [ids["新材料"]!]]]])
            XCTAssertEqual(overlap.status, .unprocessableEntity)
            let edit = try await browser.get(Site.clusterStructureEdit(structure))
            XCTAssertTrue(edit.text.contains("地标产业：新材料、高端装备\n未来产业：人工智能"), edit.text)
            let audited = try await Stored.count(app, "audit_log", where: "entity = 'cluster_structure'")
            XCTAssertEqual(audited, 1)

            // A lead department reads structures but does not write them.
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let read = try await team.send(.GET, Site.API.clusterStructure(structure))
            XCTAssertEqual(read.status, .ok)
            let refused = try await team.send(.DELETE, Site.API.clusterStructure(structure), body: [:])
            XCTAssertEqual(refused.status, .forbidden)
            let deleted = try await api.send(.DELETE, Site.API.clusterStructure(structure), body: [:])
            XCTAssertEqual(deleted.status, .noContent)
            let groupsLeft = try await Stored.count(app, "cluster_structure_groups")
            XCTAssertEqual(groupsLeft, 0)
        }
    }
}
