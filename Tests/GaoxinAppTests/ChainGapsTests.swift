import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// The list of missing and weak chain nodes (where the dashboard's tile leads): what it lists and
/// why, that its counts are the tile's, its filters, search, order and export, and who may read it.
final class ChainGapsTests: XCTestCase {
    struct Setup {
        var clusterA: Int
        var clusterB: Int
        var chainA: Int
        /// 芯片设计 (missing), 晶圆制造 (strong), 功率器件 (weak) on chain A; 原料药 (missing) on chain B.
        var design: Int
        var fab: Int
        var power: Int
    }

    func json(_ response: XCTHTTPResponse) throws -> [String: Any] { try parseJSONObject(response) }

    func created(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        XCTAssertEqual(response.status, .created, response.text, file: file, line: line)
        return try XCTUnwrap(try json(response)["id"] as? Int, file: file, line: line)
    }

    /// Two clusters: 集成电路 (a chain wanting two local enterprises per node) and 生命健康 (one node,
    /// none attached). A deactivated chain and a deactivated cluster hold gaps that must not count.
    func build(_ app: Application, _ fixtures: Fixtures) async throws -> Setup {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let clusterA = try created(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone),\"sortOrder\":1}"))
        let clusterB = try created(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"生命健康\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone),\"sortOrder\":2}"))
        let chainA = try created(try await api.send(.POST, Site.API.clusterChains(clusterA), json: #"{"name":"集成电路产业链","minEnterprises":2,"minRevenue":0,"requireBackbone":false}"#))
        let design = try created(try await api.send(.POST, Site.API.chainNodes(chainA), json: #"{"segment":"upstream","name":"芯片设计","industryCodes":["6520"]}"#))
        let fab = try created(try await api.send(.POST, Site.API.chainNodes(chainA), json: #"{"segment":"midstream","name":"晶圆制造","industryCodes":["3973"]}"#))
        let power = try created(try await api.send(.POST, Site.API.chainNodes(chainA), json: #"{"segment":"downstream","name":"功率器件","industryCodes":["3972"]}"#))
        for (serial, node) in [(801, fab), (802, fab), (803, power)] {
            let enterprise = try await api.createEnterprise("缺链测试企业\(serial)", code: USCC.numbered(serial), unit: fixtures.zone)
            let attached = try await api.send(.PUT, Site.API.chainNodeEnterprise(node, enterprise))
            XCTAssertEqual(attached.status, .noContent, attached.text)
        }
        let chainB = try created(try await api.send(.POST, Site.API.clusterChains(clusterB), json: #"{"name":"生物医药产业链","minEnterprises":1}"#))
        _ = try created(try await api.send(.POST, Site.API.chainNodes(chainB), json: #"{"segment":"upstream","name":"原料药","industryCodes":["2710"]}"#))

        let retired = try created(try await api.send(.POST, Site.API.clusterChains(clusterB), json: #"{"name":"已停用产业链"}"#))
        _ = try created(try await api.send(.POST, Site.API.chainNodes(retired), json: #"{"segment":"upstream","name":"停用链环节"}"#))
        let found = try await Chain.find(retired, on: app.db)
        let retiredChain = try XCTUnwrap(found)
        retiredChain.active = false
        try await retiredChain.save(on: app.db)
        let clusterC = try created(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"已停用集群\",\"category\":\"future\",\"leadUnitId\":\(fixtures.zone)}"))
        let chainC = try created(try await api.send(.POST, Site.API.clusterChains(clusterC), json: #"{"name":"停用集群的产业链"}"#))
        _ = try created(try await api.send(.POST, Site.API.chainNodes(chainC), json: #"{"segment":"upstream","name":"停用集群环节"}"#))
        let deactivated = try await api.send(.POST, "/api/v1/clusters/\(clusterC)/deactivate")
        XCTAssertEqual(deactivated.status, .ok, deactivated.text)
        return Setup(clusterA: clusterA, clusterB: clusterB, chainA: chainA, design: design, fab: fab, power: power)
    }

    /// Node names of the list table, in order.
    func listedNodes(_ html: String) -> [String] {
        HTMLProbe.tableBody(html).components(separatedBy: "#node-").dropFirst().compactMap { part in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</a>") else { return nil }
            return HTMLProbe.unescape(String(part[part.index(after: start)..<end.lowerBound]))
        }
    }

    func names(_ response: XCTHTTPResponse) throws -> [String] {
        XCTAssertEqual(response.status, .ok, response.text)
        return try XCTUnwrap(try json(response)["items"] as? [[String: Any]]).compactMap { $0["name"] as? String }
    }

    func testTheListShowsMissingAndWeakNodesWithTheirReasonsAndNotStrongOnes() async throws {
        try await withApp { app, fixtures in
            let setup = try await build(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(Site.chainGaps)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("产业链缺失与薄弱环节"))
            XCTAssertEqual(listedNodes(page.text), ["芯片设计", "功率器件", "原料药"], "map order; the strong node and retired chains' nodes are absent")
            let rows = HTMLProbe.tableBody(page.text)
            XCTAssertFalse(rows.contains("晶圆制造"), "a strong node is not a gap")
            XCTAssertFalse(rows.contains("停用"), "neither a deactivated chain nor a deactivated cluster counts")
            XCTAssertTrue(rows.contains("无本地企业"), "a missing node says why")
            XCTAssertTrue(rows.contains("本地企业 1 家，少于 2 家"), "a weak node gives the rule's reasons")
            XCTAssertTrue(rows.contains("strength-missing") && rows.contains("strength-weak"))
            XCTAssertTrue(rows.contains("上游") && rows.contains("下游"))
            XCTAssertTrue(rows.contains("6520"), "industry codes")

            // Each node leads to its own row on the chain map.
            let link = Site.chain(setup.chainA, node: setup.power)
            XCTAssertTrue(rows.contains("href=\"\(link)\""), link)
            let map = try await browser.get(Site.chain(setup.chainA))
            XCTAssertTrue(map.text.contains("id=\"\(Site.chainNodeAnchor(setup.power))\""), "the chain map has the anchor")

            // The API answers the same rows.
            let api = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let listed = try json(try await api.send(.GET, Site.API.chainGaps))
            let items = try XCTUnwrap(listed["items"] as? [[String: Any]])
            XCTAssertEqual(items.compactMap { $0["name"] as? String }, ["芯片设计", "功率器件", "原料药"])
            XCTAssertEqual(items.compactMap { $0["strength"] as? String }, ["missing", "weak", "missing"])
            XCTAssertEqual(items[1]["reasons"] as? [String], ["本地企业 1 家，少于 2 家"])
            XCTAssertEqual(items[1]["chainId"] as? Int, setup.chainA)
            XCTAssertEqual(items[2]["clusterId"] as? Int, setup.clusterB)

            // In English the reasons and the names of strengths and segments are English.
            _ = try await browser.get(Site.language + "?set=en&next=/")
            let english = try await browser.get(Site.chainGaps)
            XCTAssertTrue(english.text.contains("Chain gaps"))
            let englishRows = HTMLProbe.tableBody(english.text)
            XCTAssertTrue(englishRows.contains("no local enterprise") && !englishRows.contains("无本地企业"), "reasons are translated")
            XCTAssertTrue(englishRows.contains("Upstream"))
        }
    }

    func testTheCountsAreTheDashboardTilesAndTheTileLeadsToTheList() async throws {
        try await withApp { app, fixtures in
            _ = try await build(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            let home = try await browser.get(Site.home)
            let tile = try XCTUnwrap(home.text.range(of: "<span class=\"card-title\">产业链缺失 / 薄弱环节</span>"))
            let opening = try XCTUnwrap(home.text.range(of: "<a class=\"card\" href=\"", options: .backwards, range: home.text.startIndex..<tile.lowerBound))
            let href = home.text[opening.upperBound...].prefix { $0 != "\"" }
            XCTAssertEqual(String(href), Site.chainGaps, "the tile leads to the list of gaps")
            let value = home.text[tile.upperBound...].dropFirst("<span class=\"card-value\">".count).prefix { $0 != "<" }
            XCTAssertEqual(String(value), "2 / 1")

            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let missing = try json(try await api.send(.GET, Site.API.chainGaps + "?strength=missing"))
            let weak = try json(try await api.send(.GET, Site.API.chainGaps + "?strength=weak"))
            XCTAssertEqual("\(missing["total"] as? Int ?? -1) / \(weak["total"] as? Int ?? -1)", String(value), "the list counts what the tile counts")
            let page = try await browser.get(Site.chainGaps)
            XCTAssertTrue(page.text.contains("缺失环节 2 个、薄弱环节 1 个"))
            let counts = ChainGaps.counts(try await ChainGaps.load(now: app.clock.now(), on: app.db))
            XCTAssertEqual(counts, ChainGaps.Counts(missing: 2, weak: 1))
        }
    }

    func testFiltersSearchOrderPagesAndExport() async throws {
        try await withApp { app, fixtures in
            let setup = try await build(app, fixtures)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let gaps = Site.API.chainGaps
            Check.equal(try names(try await api.send(.GET, gaps + "?strength=weak")), ["功率器件"])
            Check.equal(try names(try await api.send(.GET, gaps + "?strength=missing")), ["芯片设计", "原料药"])
            Check.equal(try names(try await api.send(.GET, gaps + "?cluster=\(setup.clusterB)")), ["原料药"])
            Check.equal(try names(try await api.send(.GET, gaps + "?cluster=\(setup.clusterA)&strength=missing")), ["芯片设计"])
            Check.equal(try names(try await api.send(.GET, gaps + "?segment=upstream")), ["芯片设计", "原料药"])
            Check.equal(try names(try await api.send(.GET, gaps + "?q=" + Browser.encode("设计"))), ["芯片设计"], "by node name")
            Check.equal(try names(try await api.send(.GET, gaps + "?q=" + Browser.encode("生物医药"))), ["原料药"], "by chain name")
            Check.equal(try names(try await api.send(.GET, gaps + "?q=" + Browser.encode("集成电路"))), ["芯片设计", "功率器件"], "by cluster name")
            Check.equal(try names(try await api.send(.GET, gaps + "?sort=-strength")), ["功率器件", "芯片设计", "原料药"], "weak first, map order within")
            Check.equal(try names(try await api.send(.GET, gaps + "?sort=cluster")), ["原料药", "芯片设计", "功率器件"], "生命健康 before 集成电路, as the databases order names")
            let second = try json(try await api.send(.GET, gaps + "?per=1&page=2"))
            XCTAssertEqual(second["total"] as? Int, 3)
            XCTAssertEqual((second["items"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["功率器件"])
            for bad in ["?strength=strong", "?cluster=abc", "?segment=side", "?sort=revenue"] {
                let refused = try await api.send(.GET, gaps + bad)
                XCTAssertEqual(refused.status, .badRequest, bad)
            }

            let browser = try await Browser.signedIn(app, as: .leader)
            let page = try await browser.get(Site.chainGaps + "?strength=missing&cluster=\(setup.clusterA)")
            XCTAssertEqual(listedNodes(page.text), ["芯片设计"])
            XCTAssertTrue(page.text.contains("<option value=\"\(setup.clusterA)\" selected=\"selected\">集成电路</option>"), "the filter keeps its choice")
            XCTAssertTrue(page.text.contains("缺失环节 2 个、薄弱环节 1 个"), "the totals stay those of every chain")
            let refused = try await browser.get(Site.chainGaps + "?strength=strong")
            XCTAssertEqual(refused.status, .badRequest)

            let export = try await browser.get(Site.chainGapsExport + "?format=xlsx&strength=missing")
            XCTAssertEqual(export.status, .ok)
            let sheet = try XCTUnwrap(try XLSXReader.read(Data(export.body.readableBytesView)).first)
            XCTAssertEqual(sheet.rows[0].map(\.text), ["产业集群", "产业链", "位置", "环节", "强弱", "判定依据", "行业代码"])
            XCTAssertEqual(sheet.rows.dropFirst().map { $0[3].text }, ["芯片设计", "原料药"])
            XCTAssertEqual(sheet.rows[1].map(\.text), ["集成电路", "集成电路产业链", "上游", "芯片设计", "缺失", "无本地企业", "6520 集成电路设计"])
        }
    }

    func testOnlyThoseWhoReadClustersSeeTheList() async throws {
        try await withApp { app, fixtures in
            _ = try await build(app, fixtures)
            let auditor = try await Browser.signedIn(app, as: .auditor)
            for path in [Site.chainGaps, Site.chainGapsExport + "?format=csv"] {
                let refused = try await auditor.get(path)
                XCTAssertEqual(refused.status, .forbidden, path)
            }
            let auditorAPI = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            let refusedAPI = try await auditorAPI.send(.GET, Site.API.chainGaps)
            XCTAssertEqual(refusedAPI.status, .forbidden)
            let anonymous = try await Browser.anonymous(app)
            let signIn = try await anonymous.get(Site.chainGaps)
            XCTAssertTrue(signIn.isSignInRedirect)
            for role in [Role.park, .unit, .leader, .admin] {
                let reader = try await Browser.signedIn(app, as: role)
                let page = try await reader.get(Site.chainGaps)
                XCTAssertEqual(page.status, .ok, role.rawValue)
            }
        }
    }
}
