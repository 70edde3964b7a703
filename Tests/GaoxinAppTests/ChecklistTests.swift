import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// 机制清单 (issue 12 item 3): "八个一" built in, each item derived from the record that fulfils it
/// wherever one can say it (a fund linked, a chain leader on the chains, a team or task force
/// named), by hand only where none can, a hand-set "done" refused where a record decides; the gaps
/// view across clusters and its export; templates the office keeps, "八个一" locked.
final class ChecklistTests: XCTestCase {
    func item(_ checklist: [String: Any], _ template: String, _ name: String) throws -> [String: Any] {
        let templates = try XCTUnwrap(checklist["templates"] as? [[String: Any]])
        let items = try XCTUnwrap(templates.first { $0["name"] as? String == template }?["items"] as? [[String: Any]])
        return try XCTUnwrap(items.first { $0["name"] as? String == name }, name)
    }

    func testItemsFollowTheirRecordsAndOnlyTheRestAreEnteredByHand() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try api.json(try await api.send(.POST, Site.API.clusters, body: [
                "name": "生命健康", "category": "emerging", "leadUnitId": fixtures.zone]))["id"] as! Int
            var checklist = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/checklist"))
            let eight = try XCTUnwrap((checklist["templates"] as? [[String: Any]])?.first { $0["name"] as? String == "八个一" })
            XCTAssertEqual((eight["items"] as? [[String: Any]])?.map { $0["name"] as! String },
                           ["一个规划", "一个政策", "一个园区", "一个基金", "一个领军企业", "一个平台", "一个团队", "一个专班"])
            XCTAssertEqual(eight["done"] as? Int, 0)
            let fundItem = try item(checklist, "八个一", "一个基金")["itemId"] as! Int

            // A hand-set "done" on an item a fund decides is refused at its field, nothing written.
            let refused = try await api.send(.PUT, Site.API.cluster(cluster) + "/checklist/\(fundItem)", body: ["status": "done"])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.text.contains("由记录决定"), refused.text)
            XCTAssertTrue(refused.text.contains("\"field\":\"status\""), refused.text)
            let noEntries = try await Stored.count(app, "checklist_entries")
            XCTAssertEqual(noEntries, 0)
            let progressing = try await api.send(.PUT, Site.API.cluster(cluster) + "/checklist/\(fundItem)", body: ["status": "in_progress", "note": "基金募集中"])
            XCTAssertEqual(progressing.status, .ok, progressing.text)
            XCTAssertEqual(try item(try api.json(progressing), "八个一", "一个基金")["status"] as? String, "in_progress")

            // A fund linked to the cluster makes it done, showing the fund; deactivated, it is no longer.
            let fund = try await api.send(.POST, "/api/v1/funds", body: ["name": "生命健康产业专项子基金", "size": 100_000, "clusterIds": [cluster], "owningUnitId": fixtures.zone])
            XCTAssertEqual(fund.status, .created, fund.text)
            let fundID = try api.json(fund)["id"] as! Int
            checklist = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/checklist"))
            var fundState = try item(checklist, "八个一", "一个基金")
            XCTAssertEqual(fundState["status"] as? String, "done")
            XCTAssertEqual(fundState["derived"] as? Bool, true)
            XCTAssertEqual((fundState["records"] as? [[String: Any]])?.first?["name"] as? String, "生命健康产业专项子基金")
            _ = try await api.send(.POST, "/api/v1/funds/\(fundID)/deactivate", body: [:])
            checklist = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/checklist"))
            fundState = try item(checklist, "八个一", "一个基金")
            XCTAssertEqual(fundState["status"] as? String, "in_progress", "back to what was entered")

            // A team is named: an attraction team fulfils it, a department does not.
            let teamItem = try item(checklist, "八个一", "一个团队")["itemId"] as! Int
            let wrongKind = try await api.send(.PUT, Site.API.cluster(cluster) + "/checklist/\(teamItem)", body: ["unitId": fixtures.zone])
            XCTAssertEqual(wrongKind.status, .unprocessableEntity)
            XCTAssertTrue(wrongKind.text.contains("应选择一个在用的招商团队单位"), wrongKind.text)
            let named = try await api.send(.PUT, Site.API.cluster(cluster) + "/checklist/\(teamItem)", body: ["unitId": fixtures.otherTeam])
            XCTAssertEqual(named.status, .ok, named.text)
            XCTAssertEqual(try item(try api.json(named), "八个一", "一个团队")["status"] as? String, "done")

            // The leading enterprise: a chain leader on the cluster's chains.
            let chain = try api.json(try await api.send(.POST, Site.API.clusterChains(cluster), body: ["name": "生物医药"]))["id"] as! Int
            let node = try api.json(try await api.send(.POST, "/api/v1/chains/\(chain)/nodes", body: ["segment": "midstream", "name": "创新药"]))["id"] as! Int
            let leader = try await api.createEnterprise("生命健康链主企业", code: USCC.numbered(9701), unit: fixtures.team, aboveScale: true, tier: "chainLeader")
            _ = try await api.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(leader)", body: [:])
            checklist = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/checklist"))
            XCTAssertEqual(try item(checklist, "八个一", "一个领军企业")["status"] as? String, "done")

            // The park item follows the parks register: marked done by hand it is refused; in progress
            // it is kept; a park linked to the cluster makes it done, naming the park.
            let parkItem = try item(checklist, "八个一", "一个园区")["itemId"] as! Int
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.clusterChecklistItem(cluster, parkItem))
            let byHand = try await browser.post(Site.clusterChecklistItem(cluster, parkItem), [("status", "done"), ("note", "生命健康产业园已认定")])
            XCTAssertEqual(byHand.status, .unprocessableEntity, byHand.text)
            XCTAssertTrue(byHand.text.contains("由记录决定"), byHand.text)
            let saved = try await browser.post(Site.clusterChecklistItem(cluster, parkItem), [("status", "in_progress"), ("note", "生命健康产业园认定材料已报送")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let park = try await api.send(.POST, "/api/v1/parks", body: ["name": "生命健康产业园", "kind": "featured", "level": "provincial", "owningUnitId": fixtures.zone,
                                                                        "leadIndustry": "2761", "clusterIds": [cluster]])
            XCTAssertEqual(park.status, .created, park.text)
            let page = try await browser.get(Site.cluster(cluster))
            XCTAssertTrue(page.text.contains("八个一（已完成 3/8）"), page.text)
            XCTAssertTrue(page.text.contains("生命健康产业园"))
            XCTAssertTrue(page.text.contains(ChecklistSource.plan.ruleZh), "an item without a record shows its rule")
            let audited = try await Stored.count(app, "audit_log", where: "entity = 'checklist_entry'")
            XCTAssertEqual(audited, 3, "fund in progress, team named, park in progress")

            // The gaps view counts the clusters missing each item, and exports it.
            let other = try api.json(try await api.send(.POST, Site.API.clusters, body: ["name": "集成电路", "category": "emerging", "leadUnitId": fixtures.zone]))["id"] as! Int
            _ = other
            let gaps = try api.json(try await api.send(.GET, "/api/v1/checklist-gaps"))
            XCTAssertEqual(gaps["templateName"] as? String, "八个一")
            let missing = (gaps["items"] as? [[String: Any]])?.map { $0["missing"] as! Int }
            XCTAssertEqual(missing, [2, 2, 1, 2, 1, 2, 1, 2])
            let csv = try await browser.get(Site.checklistGapsExport + "?format=csv")
            XCTAssertEqual(csv.status, .ok)
            XCTAssertTrue(csv.text.contains("生命健康") && csv.text.contains("已完成") && csv.text.contains("缺项集群数"), csv.text)
        }
    }

    func testALeadTaskForceFulfilsItsItemAndTemplatesAreTheOfficesWithEightOnesLocked() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let unitCreated = try await admin.send(.POST, Site.API.units, body: ["name": "生命健康产业专班", "kind": "taskForce", "parentId": fixtures.zone])
            let taskForce = try XCTUnwrap(try admin.json(unitCreated)["id"] as? Int, unitCreated.text)
            let clusterCreated = try await admin.send(.POST, Site.API.clusters, body: ["name": "生命健康", "category": "emerging", "leadUnitId": taskForce])
            let cluster = try XCTUnwrap(try admin.json(clusterCreated)["id"] as? Int, clusterCreated.text)
            let checklist = try admin.json(try await admin.send(.GET, Site.API.cluster(cluster) + "/checklist"))
            let taskItem = try item(checklist, "八个一", "一个专班")
            XCTAssertEqual(taskItem["status"] as? String, "done")
            XCTAssertEqual((taskItem["records"] as? [[String: Any]])?.first?["name"] as? String, "生命健康产业专班")

            let browser = try await Browser.signedIn(app, as: .office)
            let templates = try await ChecklistTemplate.query(on: app.db).all()
            let eight = try XCTUnwrap(templates.first { $0.name == "八个一" }), six = try XCTUnwrap(templates.first { $0.name == "六个一" })
            _ = try await browser.get(Site.checklistTemplateEdit(eight.id!))
            let locked = try await browser.post(Site.checklistTemplate(eight.id!), [("name", "八个一"), ("items", "一个规划：规划")])
            XCTAssertEqual(locked.status, .unprocessableEntity)
            XCTAssertTrue(locked.text.contains("是内置清单，项目不能修改"))
            let badSource = try await browser.post(Site.checklistTemplate(six.id!), [("name", "六个一"), ("items", "一个规划：规划\n一个智库：咨询")])
            XCTAssertEqual(badSource.status, .unprocessableEntity)
            XCTAssertTrue(badSource.text.contains("第 2 行的来源“咨询”不存在"), badSource.text)
            let edited = try await browser.post(Site.checklistTemplate(six.id!), [("name", "六个一"), ("items", "一个规划：规划\n一个专班：专班\n一个顾问团：顾问")])
            XCTAssertEqual(edited.status, .seeOther, edited.text)
            let after = try admin.json(try await admin.send(.GET, Site.API.cluster(cluster) + "/checklist"))
            let six6 = try XCTUnwrap((after["templates"] as? [[String: Any]])?.first { $0["name"] as? String == "六个一" })
            XCTAssertEqual((six6["items"] as? [[String: Any]])?.map { $0["name"] as! String }, ["一个规划", "一个专班", "一个顾问团"])
            XCTAssertEqual(six6["done"] as? Int, 1, "the task force")
            let retired = try await Stored.count(app, "checklist_items", where: "template_id = \(six.id!) AND active = \(TestDatabase.engine == .postgres ? "false" : "0")")
            XCTAssertEqual(retired, 4, "items left out are retired, not deleted")

            // A template the office defines appears on every cluster, its items derived like the built-in ones.
            let secondCreated = try await admin.send(.POST, Site.API.clusters, body: ["name": "集成电路", "category": "emerging", "leadUnitId": fixtures.zone])
            let second = try XCTUnwrap(try admin.json(secondCreated)["id"] as? Int)
            _ = try await browser.get(Site.checklistTemplateNew)
            let created = try await browser.post(Site.checklistTemplates, [("name", "三个一"), ("note", "本区自定"), ("items", "一个专班：专班\n一个基金：基金\n一个智库")])
            XCTAssertEqual(created.status, .seeOther, created.text)
            for (id, done) in [(cluster, 1), (second, 0)] {
                let response = try await admin.send(.GET, Site.API.cluster(id) + "/checklist")
                let board = try admin.json(response)
                let three = try XCTUnwrap((board["templates"] as? [[String: Any]])?.first { $0["name"] as? String == "三个一" }, "cluster \(id)")
                XCTAssertEqual((three["items"] as? [[String: Any]])?.map { $0["name"] as! String }, ["一个专班", "一个基金", "一个智库"])
                XCTAssertEqual(three["done"] as? Int, done, "the task force leads only 生命健康")
            }
            let three = try await AssertAsync.unwrap(try await ChecklistTemplate.query(on: app.db).all().first { $0.name == "三个一" }?.id)
            let gaps = try admin.json(try await admin.send(.GET, "/api/v1/checklist-gaps?template=\(three)"))
            XCTAssertEqual(gaps["templateName"] as? String, "三个一", "the gaps view covers it too")
            XCTAssertEqual((gaps["clusters"] as? [[String: Any]])?.count, 2)
        }
    }
}
