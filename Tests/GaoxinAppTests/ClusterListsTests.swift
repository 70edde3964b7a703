import Foundation
import Plot
@testable import GaoxinApp
import GaoxinDomain
import GaoxinSheets
import Vapor
import XCTest

/// 四张清单 and target companies (issue 12 items 4 and 5): key enterprises by tier from the
/// chains, target companies attached to nodes — on the chain map, in the guidance catalogue and the
/// cluster's lists — the four lists exported as four sheets, a node with targets kept.
final class ClusterListsTests: XCTestCase {
    func testTheFourListsAreLiveQueriesAndTargetsStandOnTheChainMap() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let clusterCreated = try await api.send(.POST, Site.API.clusters, body: ["name": "集成电路", "category": "emerging", "leadUnitId": fixtures.zone])
            let cluster = try XCTUnwrap(try api.json(clusterCreated)["id"] as? Int)
            let chainCreated = try await api.send(.POST, Site.API.clusterChains(cluster), body: ["name": "集成电路产业链"])
            let chain = try XCTUnwrap(try api.json(chainCreated)["id"] as? Int)
            let nodeCreated = try await api.send(.POST, "/api/v1/chains/\(chain)/nodes", body: ["segment": "upstream", "name": "半导体材料"])
            let node = try XCTUnwrap(try api.json(nodeCreated)["id"] as? Int)
            let leader = try await api.createEnterprise("链上链主企业", code: USCC.numbered(9801), unit: fixtures.team, aboveScale: true, tier: "chainLeader")
            let backbone = try await api.createEnterprise("链上骨干企业", code: USCC.numbered(9802), unit: fixtures.team, aboveScale: true, tier: "backbone")
            let plain = try await api.createEnterprise("链上一般企业", code: USCC.numbered(9803), unit: fixtures.team, aboveScale: true)
            for enterprise in [leader, backbone, plain] { _ = try await api.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(enterprise)", body: [:]) }

            var lists = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/lists"))
            XCTAssertEqual((lists["keyEnterprises"] as? [[String: Any]])?.map { $0["name"] as! String }, ["链上链主企业", "链上骨干企业"], "tier order; the plain one is not key")
            XCTAssertEqual((lists["targetCompanies"] as? [[String: Any]])?.count, 0)

            // A target company named by its node as people write it, "产业链／环节".
            let created = try await api.send(.POST, "/api/v1/target-companies", body: ["name": "上海某光刻材料公司", "chainNodeId": node, "region": "上海",
                                                                                       "source": "chain_leader", "reason": "补链", "owningUnitId": fixtures.zone])
            XCTAssertEqual(created.status, .created, created.text)
            lists = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/lists"))
            let target = try XCTUnwrap((lists["targetCompanies"] as? [[String: Any]])?.first)
            XCTAssertEqual(target["node"] as? String, "集成电路产业链／半导体材料")
            XCTAssertEqual(target["source"] as? String, "链主推荐")
            let map = try api.json(try await api.send(.GET, "/api/v1/chains/\(chain)"))
            let mapped = try XCTUnwrap((map["nodes"] as? [[String: Any]])?.first { $0["id"] as? Int == node })
            XCTAssertEqual((mapped["targetCompanies"] as? [[String: Any]])?.first?["name"] as? String, "上海某光刻材料公司")

            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(Site.cluster(cluster))
            XCTAssertTrue(page.text.contains("四张清单") && page.text.contains("上海某光刻材料公司") && page.text.contains("链上链主企业"))
            let chainPage = try await browser.get(Site.chain(chain))
            XCTAssertTrue(chainPage.text.contains("上海某光刻材料公司"), "the attraction map shows the node's targets")
            let drawing = try await browser.get(Site.chainDrawing(chain))
            XCTAssertEqual(drawing.status, .ok)
            XCTAssertTrue(drawing.text.contains("<svg") && drawing.text.contains("cm-node cm-\(mapped["strength"] as? String ?? "?")") && drawing.text.contains("◎ 上海某光刻材料公司"),
                          "the drawn map: the node coloured by strength, its target inside")
            XCTAssertTrue(drawing.text.contains("【链主】链上链主企业"), "local enterprises with their tiers")
            XCTAssertTrue(drawing.text.contains("<div class=\"landscape-sheet\"><svg"), "the drawing sits on the landscape sheet")
            let css = try await browser.get(Site.stylesheet).text
            XCTAssertTrue(css.contains("@page landscape-sheet { size: A4 landscape;") && css.contains("main:has(.landscape-sheet) { page: landscape-sheet; }"),
                          "printed, the sheet is one landscape A4 page")
            XCTAssertTrue(css.contains(".landscape-sheet .chain-svg { width:auto; max-width:100%; max-height:150mm; }"), "a tall chain shrinks to the sheet")
            let catalogue = try await browser.get("/chains/\(chain)/export?format=csv")
            XCTAssertTrue(catalogue.text.contains("招商目标企业") && catalogue.text.contains("上海某光刻材料公司"), catalogue.text)

            let workbook = try await browser.get(Site.clusterListsExport(cluster) + "?format=xlsx")
            XCTAssertEqual(workbook.status, .ok)
            let sheets = try XLSXReader.read(Data(workbook.body.readableBytesView))
            XCTAssertEqual(sheets.map(\.name), ["重点企业", "重点项目", "招商目标", "问题与需求"])
            XCTAssertEqual(sheets[2].rows.dropFirst().first?.first?.text, "上海某光刻材料公司")
            let csv = try await browser.get(Site.clusterListsExport(cluster) + "?format=csv")
            XCTAssertTrue(csv.text.contains("【重点企业】") && csv.text.contains("链上骨干企业"))

            // The node is kept while a target names it; the target's page and list work.
            for enterprise in [leader, backbone, plain] { _ = try await api.send(.DELETE, "/api/v1/chain-nodes/\(node)/enterprises/\(enterprise)", body: [:]) }
            let refused = try await api.send(.DELETE, "/api/v1/chain-nodes/\(node)", body: [:])
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertTrue(refused.text.contains("招商目标企业"), refused.text)
            let listed = try await browser.get("/target-companies?q=" + Browser.encode("光刻"))
            XCTAssertTrue(listed.text.contains("上海某光刻材料公司"))
        }
    }

    /// One lineage (issue 13 §6): the cluster's key projects and its problems are the queries over
    /// the projects and their obstacles — a key level only, 滞后 marked, resolved problems gone.
    func testKeyProjectsAndProblemsAreTheClustersProjectsAndTheirOpenObstacles() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let clusterCreated = try await api.send(.POST, Site.API.clusters, body: ["name": "生命健康", "category": "emerging", "leadUnitId": fixtures.zone])
            let cluster = try XCTUnwrap(try api.json(clusterCreated)["id"] as? Int)
            var ids: [String: Int] = [:]
            for (code, level, investment, plannedRegistered) in [("XM-K1", "municipal", 300_000, "2026-05-31"), ("XM-K2", "provincial", 120_000, "2027-05-31"),
                                                                 ("XM-K3", "none", 900_000, "2027-05-31")] as [(String, String, Int64, String)] {
                let created = try await AttractionRequests.project(api, code, unit: fixtures.team, investment: investment,
                                                                   extra: ["level": level, "clusterId": cluster, "plannedRegisteredOn": plannedRegistered])
                XCTAssertEqual(created.status, .created, created.text)
                ids[code] = try parseJSONObject(created)["id"] as? Int
            }
            for (code, project, due, status) in [("WT-C1", "XM-K1", "2026-09-01", "open"), ("WT-C2", "XM-K3", "2026-10-01", "in_progress"),
                                                 ("WT-C3", "XM-K2", "2026-08-01", "resolved")] {
                var body: [String: Any] = ["code": code, "title": "问题\(code)", "projectId": ids[project]!, "kind": "land", "owningUnitId": fixtures.team,
                                           "dueOn": due, "status": status]
                if status == "resolved" { body["resolvedOn"] = "2026-08-02"; body["resolution"] = "已协调" }
                let created = try await api.send(.POST, RegisterDeclaration.obstacles.apiPath, body: body)
                XCTAssertEqual(created.status, .created, created.text)
            }
            let lists = try api.json(try await api.send(.GET, Site.API.cluster(cluster) + "/lists"))
            let projects = try XCTUnwrap(lists["keyProjects"] as? [[String: Any]])
            XCTAssertEqual(projects.map { $0["name"] as? String }, ["项目XM-K2", "项目XM-K1"], "provincial first; an ordinary project is not key")
            XCTAssertEqual(projects.map { $0["late"] as? Bool }, [false, true], "K1 passed its planned registration unregistered")
            XCTAssertEqual(projects.first?["level"] as? String, "省重大")
            let problems = try XCTUnwrap(lists["problems"] as? [[String: Any]])
            XCTAssertEqual(problems.map { $0["title"] as? String }, ["问题WT-C1", "问题WT-C2"], "open ones of every project of the cluster, by due day")
            XCTAssertEqual(problems.map { $0["overdue"] as? Bool }, [true, false])
            XCTAssertEqual(problems.first?["unit"] as? String, "集成电路招商团队")

            let page = try await Browser.signedIn(app, as: .leader).get(Site.cluster(cluster))
            XCTAssertTrue(page.text.contains("项目XM-K1") && page.text.contains("问题WT-C2") && !page.text.contains("问题WT-C3"))
            let workbook = try await Browser.signedIn(app, as: .office).get(Site.clusterListsExport(cluster) + "?format=xlsx")
            let sheets = try XLSXReader.read(Data(workbook.body.readableBytesView))
            XCTAssertEqual(sheets[1].rows.dropFirst().map { $0.first?.text }, ["项目XM-K2", "项目XM-K1"])
            XCTAssertEqual(sheets[3].rows.dropFirst().map { $0.first?.text }, ["问题WT-C1", "问题WT-C2"])
            XCTAssertEqual(lists["keyProjectsTotal"] as? Int, 2)
            XCTAssertEqual(lists["problemsTotal"] as? Int, 2)

            // A page shows the first rows of a long list and says how many there are; the export holds them all.
            let clusterRecord = try await AssertAsync.unwrap(try await Cluster.find(cluster, on: app.db))
            let cut = try await ClusterLists.make(clusterRecord, now: app.clock.now(), lang: .zh, limit: 1, on: app.db)
            XCTAssertEqual(cut.keyProjects.map(\.name), ["项目XM-K2"])
            XCTAssertEqual(cut.keyProjectsTotal, 2)
            XCTAssertEqual(cut.problems.map(\.title), ["问题WT-C1"])
            XCTAssertEqual(cut.problemsTotal, 2)
            let whole = try await ClusterLists.make(clusterRecord, now: app.clock.now(), lang: .zh, limit: nil, on: app.db)
            XCTAssertEqual(whole.keyProjects.count, 2)
            let drawn = ClusterListsView.shownOf(cut.keyProjects.count, cut.keyProjectsTotal, PageContext(lang: .zh, actor: nil, csrfToken: nil, path: "/", notice: nil)) as Node<HTML.BodyContext>
            XCTAssertEqual(drawn.render(), "<p class=\"hint\">共 2 条，此处列出前 1 条（导出含全部）</p>")
        }
    }
}
