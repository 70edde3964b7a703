import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import SQLKit
import XCTVapor
import XCTest

/// Clusters and chain maps through the public surface: the registry, the map with derived node
/// strengths (the rule beside them), nodes and their enterprises, who may write, and the bridge
/// to the target-industry ranking (补链 / 强链).
final class ClusterChainTests: XCTestCase {
    static func creditCode(_ serial: Int) -> String {
        let first17 = "91320214MA" + String(format: "%07d", serial)
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    /// An enterprise of `unit` with one month of revenue in the latest reported month.
    @discardableResult
    func enterprise(_ app: Application, _ serial: Int, unit: Int, code: String, tier: EnterpriseTier? = nil, revenue: Int64) async throws -> Enterprise {
        let e = Enterprise()
        e.creditCode = Self.creditCode(serial)
        e.name = "链上企业\(serial)"
        e.industryCode = code
        e.unitID = unit
        e.aboveScale = true
        e.tier = tier?.rawValue
        e.active = true
        try await e.create(on: app.db)
        let row = EnterpriseIndicator()
        row.enterpriseID = e.id!
        row.period = "2026-08"
        row.revenue = revenue
        try await row.create(on: app.db)
        return e
    }

    func json(_ response: XCTHTTPResponse) throws -> [String: Any] { try parseJSONObject(response) }

    func testOfficeBuildsAChainMapAndStrengthsAreDerivedWithTheirRule() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.clusterNew)
            // Every problem at once, next to its field, nothing written.
            let bad = try await browser.post(Site.clusters, [("name", ""), ("category", ""), ("leadUnitId", "\(fixtures.zone)"), ("annualTarget", "两千亿")])
            XCTAssertEqual(bad.status, .unprocessableEntity)
            for (field, message) in [("name", "请填写集群名称"), ("category", "请选择集群类别"), ("annualTarget", "年度营收目标（亿元）应为数字")] {
                XCTAssertTrue(bad.text.contains("id=\"\(field)-error\""), field)
                XCTAssertTrue(bad.text.contains(message), message)
            }
            XCTAssertTrue(bad.text.contains("value=\"两千亿\""), "the typed target comes back")
            let noClusters = try await Stored.count(app, "clusters")
            XCTAssertEqual(noClusters, 0)

            let created = try await browser.post(Site.clusters, [("name", "集成电路"), ("category", "emerging"), ("leadUnitId", "\(fixtures.zone)"),
                                                                 ("annualTarget", "2500"), ("liaisonLeader", "王副主任")])
            XCTAssertEqual(created.status, .seeOther, created.text)
            let clusterID = try XCTUnwrap(Int(try XCTUnwrap(created.headers.first(name: .location)).dropFirst("/clusters/".count).prefix { $0.isNumber }))
            let page = try await browser.get(Site.cluster(clusterID))
            XCTAssertTrue(page.text.contains("2,500.00 亿元"), "the target typed in 亿元 is shown in 亿元")
            try await AssertAsync.equal(try await Cluster.find(clusterID, on: app.db)?.annualTarget, 25_000_000, "and stored in 万元")
            let edit = try await browser.get(Site.clusterEdit(clusterID))
            XCTAssertTrue(edit.text.contains("value=\"2500\""), "the edit form shows the target in 亿元 again")
            let threeDecimals = try await browser.post(Site.cluster(clusterID), [("name", "集成电路"), ("category", "emerging"), ("leadUnitId", "\(fixtures.zone)"),
                                                                               ("annualTarget", "900.125")])
            XCTAssertEqual(threeDecimals.status, .unprocessableEntity)
            XCTAssertTrue(threeDecimals.text.contains("年度营收目标（亿元）亿元最多保留两位小数"))
            let nineHundred = try await browser.post(Site.cluster(clusterID), [("name", "集成电路"), ("category", "emerging"), ("leadUnitId", "\(fixtures.zone)"),
                                                                             ("annualTarget", "900"), ("liaisonLeader", "王副主任")])
            XCTAssertEqual(nineHundred.status, .seeOther, nineHundred.text)
            try await AssertAsync.equal(try await Cluster.find(clusterID, on: app.db)?.annualTarget, 9_000_000, "900 typed is 900 亿元, not 0.09")

            let chainResponse = try await browser.post(Site.clusterChains(clusterID), [("name", "集成电路产业链"), ("minEnterprises", "2"),
                                                                                    ("minRevenue", "1000"), ("requireBackbone", "1")])
            XCTAssertEqual(chainResponse.status, .seeOther, chainResponse.text)
            let chain = try await Chain.query(on: app.db).first()
            let chainID = try XCTUnwrap(chain?.id)

            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let design = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"芯片设计","industryCodes":["6520"]}"#))
            let fab = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"晶圆制造","industryCodes":["C3973"]}"#))
            let twin = try SeenAPIError(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"downstream","name":"芯片设计"}"#))
            XCTAssertEqual(twin.status, .unprocessableEntity, "node names are unique within a chain")
            XCTAssertEqual(twin.field, "name")
            XCTAssertEqual(twin.code, "duplicate")
            XCTAssertEqual(fab["industryCodes"] as? [String], ["3973"], "the section letter is dropped")
            let fabID = try XCTUnwrap(fab["id"] as? Int)
            // A sub-node takes its parent's segment whatever is sent.
            let power = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: "{\"segment\":\"downstream\",\"parentId\":\(fabID),\"name\":\"功率器件\",\"industryCodes\":[\"3972\"]}"))
            XCTAssertEqual(power["segment"] as? String, "midstream")
            let badCode = try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"材料","industryCodes":["A3985"]}"#)
            XCTAssertEqual(badCode.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(badCode)["field"] as? String, "industryCodes")

            // 晶圆制造: two enterprises, one of them backbone → strong. 功率器件: one rising → weak. 芯片设计: none → missing.
            let a = try await enterprise(app, 1, unit: fixtures.zone, code: "3973", tier: .backbone, revenue: 800)
            let b = try await enterprise(app, 2, unit: fixtures.zone, code: "3973", revenue: 400)
            let c = try await enterprise(app, 3, unit: fixtures.zone, code: "3972", tier: .rising, revenue: 300)
            try await browser.get(Site.chain(chainID))
            let attached = try await browser.post(Site.chainNodeEnterprises(fabID), [("enterprise", a.creditCode.lowercased())])
            XCTAssertEqual(attached.status, .seeOther, attached.text)
            let byName = try await browser.post(Site.chainNodeEnterprises(fabID), [("enterprise", "链上企业2")])
            XCTAssertEqual(byName.status, .seeOther)
            let unknown = try await browser.post(Site.chainNodeEnterprises(fabID), [("enterprise", "不存在的企业")])
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            XCTAssertTrue(unknown.text.contains("找不到企业“不存在的企业”"))
            let putResponse = try await api.send(.PUT, Site.API.chainNodeEnterprise(try XCTUnwrap(power["id"] as? Int), c.id!))
            XCTAssertEqual(putResponse.status, .noContent)
            _ = b

            let map = try json(try await api.send(.GET, Site.API.chain(chainID)))
            XCTAssertEqual(map["revenueTo"] as? String, "2026-08", "the window ends with the latest reported month")
            XCTAssertEqual(map["revenueFrom"] as? String, "2025-09")
            XCTAssertTrue((map["rule"] as? String ?? "").contains("本地企业少于 2 家"))
            let nodes = try XCTUnwrap(map["nodes"] as? [[String: Any]])
            XCTAssertEqual(nodes.map { $0["name"] as? String }, ["芯片设计", "晶圆制造", "功率器件"], "segments in order, sub-node under its parent")
            XCTAssertEqual(nodes.map { $0["strength"] as? String }, ["missing", "strong", "weak"])
            XCTAssertEqual(nodes[1]["revenue"] as? Int, 1200)
            XCTAssertEqual(nodes[2]["reasons"] as? [String], ["本地企业 1 家，少于 2 家", "近 12 个月营收 0.03 亿元，低于 0.10 亿元", "无骨干及以上企业"])
            XCTAssertEqual(nodes[2]["depth"] as? Int, 1)
            _ = design

            let mapPage = try await browser.get(Site.chain(chainID))
            XCTAssertTrue(mapPage.text.contains("strength-missing"))
            XCTAssertTrue(mapPage.text.contains("强弱判定：无本地企业为缺失"))

            // The guidance catalogue is the map as a list.
            let catalogue = try await browser.get(Site.chainExport(chainID) + "?format=xlsx")
            XCTAssertEqual(catalogue.status, .ok)
            let sheet = try XCTUnwrap(try XLSXReader.read(Data(catalogue.body.readableBytesView)).first)
            XCTAssertEqual(sheet.rows[0].prefix(4).map(\.text), ["位置", "环节", "强弱", "方向"])
            XCTAssertEqual(sheet.rows[1].prefix(4).map(\.text), ["上游", "芯片设计", "缺失", "补链"])
            XCTAssertEqual(sheet.rows[3].prefix(4).map(\.text), ["中游", "　功率器件", "薄弱", "强链"])
            XCTAssertEqual(sheet.rows[2][8].text, "0.12", "晶圆制造's revenue in 亿元")
            XCTAssertTrue(sheet.rows.last?.first?.text.hasPrefix("强弱判定：") ?? false)

            // One lineage: the enterprise page names its chain node.
            let enterprisePage = try await browser.get(Site.enterprise(a.id!))
            XCTAssertTrue(enterprisePage.text.contains("集成电路产业链"))
            XCTAssertTrue(enterprisePage.text.contains(" · 晶圆制造"))

            for entity in ["cluster", "chain", "chain_node", "chain_node_enterprise"] {
                let rows = try await Stored.audit(app, entity: entity, action: "create")
                XCTAssertFalse(rows.isEmpty, "\(entity) creation is audited")
            }
        }
    }

    /// The map's revenue is each enterprise's twelve months of the window, whether its latest
    /// month ends the window (the kept sum), falls inside it (summed), before it (none), or after
    /// a window asked for in the past.
    func testAChainMapSumsTheWindowsMonthsWhereverAnEnterprisesLatestMonthFalls() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let cluster = try json(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"新材料\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try json(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"新材料产业链","minEnterprises":5,"minRevenue":1000}"#))
            let chainID = try XCTUnwrap(chain["id"] as? Int)
            let node = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"先进金属"}"#))
            let nodeID = try XCTUnwrap(node["id"] as? Int)
            func months(_ e: Enterprise, _ periods: [String], revenue: Int64) async throws {
                for period in periods {
                    let row = EnterpriseIndicator()
                    row.enterpriseID = e.id!
                    row.period = period
                    row.revenue = revenue
                    try await row.create(on: app.db)
                }
            }
            func monthRange(_ from: Int, _ to: Int) -> [String] {  // months as year * 12 + month - 1
                (from...to).map { String(format: "%04d-%02d", $0 / 12, $0 % 12 + 1) }
            }
            func withoutMonths(_ e: Enterprise) async throws {
                try await (app.db as! any SQLDatabase).raw("DELETE FROM enterprise_indicators WHERE enterprise_id = \(bind: e.id!)").run()
            }
            let aug2025 = 2025 * 12 + 7
            // 2026-08 is the last month reported: the window is 2025-09 … 2026-08.
            let current = try await enterprise(app, 21, unit: fixtures.zone, code: "3240", tier: .backbone, revenue: 10)  // 2026-08
            try await months(current, monthRange(aug2025 - 2, aug2025 + 11), revenue: 10)  // 2025-06 … 2026-07
            let stopped = try await enterprise(app, 22, unit: fixtures.zone, code: "3240", revenue: 0)
            try await withoutMonths(stopped)
            try await months(stopped, monthRange(aug2025 - 3, aug2025 + 7), revenue: 5)  // 2025-05 … 2026-03: seven in the window
            let gone = try await enterprise(app, 23, unit: fixtures.zone, code: "3240", revenue: 0)
            try await withoutMonths(gone)
            try await months(gone, monthRange(aug2025 - 12, aug2025 - 1), revenue: 7)  // ends 2025-07, before the window
            let silent = try await enterprise(app, 24, unit: fixtures.zone, code: "3240", revenue: 0)
            try await withoutMonths(silent)
            for e in [current, stopped, gone, silent] {
                let attached = try await api.send(.PUT, Site.API.chainNodeEnterprise(nodeID, e.id!))
                XCTAssertEqual(attached.status, .noContent)
            }
            func revenues(_ map: ChainMapDTO) -> [String: Int64] {
                Dictionary(uniqueKeysWithValues: map.nodes[0].enterprises.map { ($0.name, $0.revenue) })
            }
            let found = try await Chain.find(chainID, on: app.db)
            let chainModel = try XCTUnwrap(found)
            let latest = try await ClusterQueries.map(chainModel, now: Date(), on: app.db)
            XCTAssertEqual(latest.revenueTo, "2026-08")
            XCTAssertEqual(revenues(latest), ["链上企业21": 120, "链上企业22": 35, "链上企业23": 0, "链上企业24": 0])
            XCTAssertEqual(latest.nodes[0].revenue, 155)
            let past = try await ClusterQueries.map(chainModel, now: Date(), window: ClusterQueries.twelveMonths(endingWith: Period(year: 2025, month: 12)!), on: app.db)
            // 2025-01 … 2025-12: 企业21 from 2025-06 (7 × 10), 企业22 from 2025-05 (8 × 5), 企业23 2024-08 … 2025-07 (7 × 7).
            XCTAssertEqual(revenues(past), ["链上企业21": 70, "链上企业22": 40, "链上企业23": 49, "链上企业24": 0])
            // An enterprise without its kept row (a restore in progress) sums its months.
            try await (app.db as! any SQLDatabase).raw("DELETE FROM enterprise_recent_revenue WHERE enterprise_id = \(bind: stopped.id!)").run()
            let withoutKept = try await ClusterQueries.map(chainModel, now: Date(), on: app.db)
            XCTAssertEqual(revenues(withoutKept), revenues(latest))
            // The gaps list counts what the map lists, without the names.
            let counted = try await ClusterQueries.maps([chainModel], now: Date(), members: .counted, on: app.db)[0]
            func judged(_ map: ChainMapDTO) -> [String] { map.nodes.map { "\($0.strength) \($0.enterpriseCount) \($0.revenue) \($0.reasons)" } }
            XCTAssertEqual(judged(counted), judged(latest))
            XCTAssertEqual(counted.nodes[0].enterpriseCount, 4)
            XCTAssertEqual(counted.nodes[0].enterprises.count, 0)
            let gaps = try await ChainGaps.load(now: Date(), on: app.db)
            XCTAssertEqual(gaps.filter { $0.chainId == chainID }.map(\.revenue), [155], "先进金属 (four enterprises of five, 155 万元 of 1,000) is weak")
            let page = try json(try await api.send(.GET, Site.API.chain(chainID)))
            let pageNodes = try XCTUnwrap(page["nodes"] as? [[String: Any]])
            XCTAssertEqual(pageNodes[0]["revenue"] as? Int, 155, "the API shows the same sums")
        }
    }

    func testANodeIsDeletedOnlyWhenEmptyAndEveryStepIsAudited() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let cluster = try json(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"生命健康\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try json(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"生物医药产业链"}"#))
            let chainID = try XCTUnwrap(chain["id"] as? Int)
            XCTAssertEqual(chain["minEnterprises"] as? Int, 3, "the default threshold")
            let root = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"原料药","industryCodes":["2710"]}"#))
            let rootID = try XCTUnwrap(root["id"] as? Int)
            let child = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: "{\"parentId\":\(rootID),\"name\":\"化学原料药\"}"))
            let childID = try XCTUnwrap(child["id"] as? Int)
            let e = try await enterprise(app, 7, unit: fixtures.zone, code: "2710", revenue: 10)
            let attach = try await api.send(.PUT, Site.API.chainNodeEnterprise(childID, e.id!))
            XCTAssertEqual(attach.status, .noContent)

            let refusedRoot = try await api.send(.DELETE, Site.API.chainNode(rootID))
            XCTAssertEqual(refusedRoot.status, .conflict)
            XCTAssertTrue((try apiErrorObject(refusedRoot)["message"] as? String ?? "").contains("下级环节"))
            let refusedChild = try await api.send(.DELETE, Site.API.chainNode(childID))
            XCTAssertEqual(refusedChild.status, .conflict)
            XCTAssertTrue((try apiErrorObject(refusedChild)["message"] as? String ?? "").contains("关联着 1 家企业"))

            let detach = try await api.send(.DELETE, Site.API.chainNodeEnterprise(childID, e.id!))
            XCTAssertEqual(detach.status, .noContent)
            let detachAgain = try await api.send(.DELETE, Site.API.chainNodeEnterprise(childID, e.id!))
            XCTAssertEqual(detachAgain.status, .notFound)
            let deletedChild = try await api.send(.DELETE, Site.API.chainNode(childID))
            XCTAssertEqual(deletedChild.status, .noContent)
            let deletedRoot = try await api.send(.DELETE, Site.API.chainNode(rootID))
            XCTAssertEqual(deletedRoot.status, .noContent)
            let remaining = try await Stored.count(app, "chain_nodes")
            XCTAssertEqual(remaining, 0)
            let deletions = try await Stored.audit(app, entity: "chain_node", action: "delete")
            XCTAssertEqual(deletions.count, 2)
            XCTAssertNotNil(deletions[0].beforeJSON, "a deletion keeps what was deleted")
            let detachAudit = try await Stored.audit(app, entity: "chain_node_enterprise", action: "delete")
            XCTAssertEqual(detachAudit.count, 1)

            // Moving a node under another parent is not an edit.
            let again = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"downstream","name":"制剂"}"#))
            let moved = try await api.send(.PATCH, Site.API.chainNode(try XCTUnwrap(again["id"] as? Int)), json: "{\"parentId\":\(rootID + 100)}")
            XCTAssertEqual(moved.status, .badRequest)
            let renamed = try await api.send(.PATCH, Site.API.chainNode(try XCTUnwrap(again["id"] as? Int)), json: #"{"segment":"midstream","name":"制剂生产"}"#)
            XCTAssertEqual(try json(renamed)["segment"] as? String, "midstream")
        }
    }

    func testTheLeadDepartmentWritesOnlyItsOwnClustersAndLeadersOnlyRead() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let zoneCluster = try json(try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"高端装备\",\"category\":\"advantage\",\"leadUnitId\":\(fixtures.zone)}"))
            let zoneClusterID = try XCTUnwrap(zoneCluster["id"] as? Int)

            // The registry is the office's (issue 12 item 9): a lead department creates, changes and
            // deactivates no cluster, not even its own; it keeps its own cluster's chain map.
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let create = try await team.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.team)}")
            XCTAssertEqual(create.status, .forbidden)
            let ownCluster = try json(try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.team)}"))
            let ownClusterID = try XCTUnwrap(ownCluster["id"] as? Int)
            let patchOwn = try await team.send(.PATCH, Site.API.cluster(ownClusterID), json: #"{"note":"改"}"#)
            XCTAssertEqual(patchOwn.status, .forbidden)
            let deactivateOwn = try await team.send(.POST, Site.API.cluster(ownClusterID) + "/deactivate", json: "{}")
            XCTAssertEqual(deactivateOwn.status, .forbidden)
            let ownChain = try await team.send(.POST, Site.API.clusterChains(ownClusterID), json: #"{"name":"芯片链"}"#)
            XCTAssertEqual(ownChain.status, .created, ownChain.text)
            let patch = try await team.send(.PATCH, Site.API.cluster(zoneClusterID), json: #"{"note":"改"}"#)
            XCTAssertEqual(patch.status, .forbidden)
            let chain = try await team.send(.POST, Site.API.clusterChains(zoneClusterID), json: #"{"name":"装备链"}"#)
            XCTAssertEqual(chain.status, .forbidden)
            let read = try await team.send(.GET, Site.API.cluster(zoneClusterID))
            XCTAssertEqual(read.status, .ok)

            let leader = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let leaderRead = try await leader.send(.GET, Site.API.clusters)
            XCTAssertEqual(leaderRead.status, .ok)
            let leaderWrite = try await leader.send(.PATCH, Site.API.cluster(zoneClusterID), json: #"{"note":"改"}"#)
            XCTAssertEqual(leaderWrite.status, .forbidden)
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            let auditorRead = try await auditor.send(.GET, Site.API.clusters)
            XCTAssertEqual(auditorRead.status, .forbidden)

            let duplicate = try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"高端装备\",\"category\":\"advantage\",\"leadUnitId\":\(fixtures.zone)}")
            XCTAssertEqual(duplicate.status, .unprocessableEntity)
            XCTAssertTrue((try apiErrorObject(duplicate)["message"] as? String ?? "").contains("集群名称“高端装备”已被“高端装备”使用"))
        }
    }

    func testClusterListSearchesFiltersAndExports() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (name, category) in [("集成电路", "emerging"), ("特钢新材料", "advantage"), ("未来产业", "future"), ("新能源", "emerging")] {
                let response = try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"\(name)\",\"category\":\"\(category)\",\"leadUnitId\":\(fixtures.zone),\"annualTarget\":1234567}")
                XCTAssertEqual(response.status, .created, response.text)
            }
            let search = try json(try await api.send(.GET, Site.API.clusters + "?q=%E6%96%B0%E6%9D%90")) // 新材
            XCTAssertEqual(search["total"] as? Int, 1)
            let emerging = try json(try await api.send(.GET, Site.API.clusters + "?category=emerging&sort=-name"))
            XCTAssertEqual((emerging["items"] as? [[String: Any]])?.map { $0["name"] as? String }, ["新能源", "集成电路"], "pinyin order, descending: xin… before ji…")
            let badFilter = try await api.send(.GET, Site.API.clusters + "?category=old")
            XCTAssertEqual(badFilter.status, .badRequest)

            let browser = try await Browser.signedIn(app, as: .leader)
            let csv = try await browser.get(Site.clustersExport + "?format=csv&category=future")
            XCTAssertEqual(csv.status, .ok)
            let text = try XCTUnwrap(try? CSVFormat.read(Data(csv.body.readableBytesView), limits: .default))
            XCTAssertEqual(text.rows.count, 2, "heading and the one future cluster")
            XCTAssertEqual(text.rows[1].first?.text, "未来产业")
            // The export is the import's format: the target in whole 万元 under its heading, as the template has it.
            let target = try XCTUnwrap(text.rows[0].firstIndex { $0.text == "年度营收目标（万元）" })
            XCTAssertEqual(text.rows[1][target].text, "1234567", "the target is exported in 万元, as the import reads it")
        }
    }

    func testTheRankingMarksIndustriesThatFillMissingOrWeakNodes() async throws {
        try await withApp { app, fixtures in
            // Four regions × five 4-digit industries; 新吴 lacks 3972 and 3985.
            let csv = """
            year,loc,prod,val
            2025,新吴,3973,120
            2025,新吴,3562,80
            2025,新吴,3972,5
            2025,新吴,3985,0
            2025,新吴,6520,0
            2025,江阴,3973,10
            2025,江阴,3562,90
            2025,江阴,3972,70
            2025,江阴,3985,60
            2025,江阴,6520,1
            2025,宜兴,3973,5
            2025,宜兴,3562,2
            2025,宜兴,3972,80
            2025,宜兴,3985,3
            2025,宜兴,6520,90
            2025,滨湖,3973,60
            2025,滨湖,3562,70
            2025,滨湖,3972,4
            2025,滨湖,3985,50
            2025,滨湖,6520,2
            """
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.complexity)
            let uploaded = try await ComplexityAnalyticsTests.upload(browser, name: "四地区", fileName: "m.csv", data: Data(csv.utf8))
            let datasetID = try ComplexityAnalyticsTests.datasetID(uploaded)

            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try json(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try json(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"集成电路产业链","minEnterprises":1,"requireBackbone":false}"#))
            let chainID = try XCTUnwrap(chain["id"] as? Int)
            let material = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"半导体材料","industryCodes":["3985"]}"#))
            let power = try json(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"功率器件","industryCodes":["3972"]}"#))
            _ = try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"晶圆制造","industryCodes":["3973"]}"#)
            // 功率器件 has a local enterprise but too little revenue → weak; 半导体材料 none → missing; 晶圆制造 none → missing.
            let e = try await enterprise(app, 9, unit: fixtures.zone, code: "3972", revenue: 1)
            _ = try await api.send(.PATCH, Site.API.chain(chainID), json: #"{"minRevenue":100}"#)
            let attached = try await api.send(.PUT, Site.API.chainNodeEnterprise(try XCTUnwrap(power["id"] as? Int), e.id!))
            XCTAssertEqual(attached.status, .noContent)

            let plain = try json(try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(datasetID)/recommendations?location=%E6%96%B0%E5%90%B4"))
            XCTAssertNil(plain["chainGaps"], "no chain, no marking")
            let response = try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(datasetID)/recommendations?location=%E6%96%B0%E5%90%B4&chain=\(chainID)")
            XCTAssertEqual(response.status, .ok, response.text)
            let ranked = try json(response)
            XCTAssertEqual(ranked["chainId"] as? Int, chainID)
            let items = try XCTUnwrap(ranked["items"] as? [[String: Any]])
            let products = items.compactMap { $0["product"] as? String }
            XCTAssertTrue(Set(products).isSuperset(of: ["3972", "3985"]), "\(products)")
            for item in items {
                let fills = (item["fillsNodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                switch item["product"] as? String {
                case "3985": XCTAssertEqual(fills, ["半导体材料"])
                case "3972": XCTAssertEqual(fills, ["功率器件"])
                default: XCTAssertEqual(fills, [], "\(item)")
                }
            }
            let gaps = try XCTUnwrap(ranked["chainGaps"] as? [[String: Any]])
            XCTAssertEqual(gaps.compactMap { ($0["node"] as? [String: Any])?["name"] as? String }, ["半导体材料", "晶圆制造", "功率器件"], "missing first, then weak")
            XCTAssertEqual(gaps.compactMap { ($0["node"] as? [String: Any])?["strength"] as? String }, ["missing", "missing", "weak"])
            XCTAssertEqual(gaps[1]["candidates"] as? [String], [], "新吴 already has 3973: nothing to attract for 晶圆制造")
            XCTAssertEqual(gaps[0]["candidates"] as? [String], ["3985"])
            _ = material

            let page = try await browser.get(Site.complexityDataset(datasetID) + "?location=%E6%96%B0%E5%90%B4&chain=\(chainID)")
            XCTAssertTrue(page.text.contains("补链：半导体材料"), "the ranking shows what each industry fills")
            XCTAssertTrue(page.text.contains("强链：功率器件"))
            XCTAssertTrue(page.text.contains("的缺失与薄弱环节"))

            let export = try await browser.get(Site.complexityExport(datasetID) + "?location=%E6%96%B0%E5%90%B4&chain=\(chainID)")
            XCTAssertEqual(export.status, .ok)
            let sheets = try XLSXReader.read(Data(export.body.readableBytesView))
            XCTAssertEqual(sheets.count, 4)
            XCTAssertEqual(sheets[3].rows.dropFirst().map { $0[0].text }, ["半导体材料", "晶圆制造", "功率器件"])
            let bad = try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(datasetID)/recommendations?chain=999999")
            XCTAssertEqual(bad.status, .notFound, "a chain that does not exist is not found, like the dataset")
            let malformed = try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(datasetID)/recommendations?chain=abc")
            XCTAssertEqual(malformed.status, .badRequest)
        }
    }
}
