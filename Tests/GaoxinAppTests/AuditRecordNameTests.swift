import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The audit log names the records it lists (not "cluster #2"), offers every kind of record in its
/// filter, and shows an entry's change field by field with labels.
final class AuditRecordNameTests: XCTestCase {
    /// A cluster (then its target changed), a chain, a node and an enterprise attached to it.
    private func makeChainHistory(_ app: Application, _ fixtures: Fixtures) async throws -> (cluster: Int, chain: Int, node: Int) {
        let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let cluster = try office.json(try await office.send(.POST, Site.API.clusters,
                                                            json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone),\"annualTarget\":1234567}"))
        let clusterID = try XCTUnwrap(cluster["id"] as? Int)
        let patched = try await office.send(.PATCH, Site.API.cluster(clusterID), json: #"{"annualTarget":2500000}"#)
        XCTAssertEqual(patched.status, .ok, patched.text)
        let chain = try office.json(try await office.send(.POST, Site.API.clusterChains(clusterID), json: #"{"name":"集成电路产业链"}"#))
        let chainID = try XCTUnwrap(chain["id"] as? Int)
        let node = try office.json(try await office.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"芯片设计"}"#))
        let nodeID = try XCTUnwrap(node["id"] as? Int)
        let enterpriseID = try await office.createEnterprise("无锡芯测半导体有限公司", code: USCC.numbered(801), unit: fixtures.zone)
        try await AssertAsync.equal(try await office.send(.PUT, Site.API.chainNodeEnterprise(nodeID, enterpriseID)).status, .noContent)
        return (clusterID, chainID, nodeID)
    }

    func testTheListNamesTheRecordNotItsId() async throws {
        try await withApp { app, fixtures in
            let (clusterID, _, _) = try await makeChainHistory(app, fixtures)
            let auditor = try await Browser.signedIn(app, as: .auditor)
            let page = try await auditor.get(Site.audit)
            XCTAssertEqual(page.status, .ok)
            let body = HTMLProbe.tableBody(page.text)
            XCTAssertTrue(body.contains("产业集群 集成电路"), body)
            XCTAssertTrue(body.contains("产业链 集成电路产业链"))
            XCTAssertTrue(body.contains("产业链环节 芯片设计"))
            XCTAssertTrue(body.contains("产业链环节关联 芯片设计 ← 无锡芯测半导体有限公司"))
            XCTAssertTrue(body.contains("企业 无锡芯测半导体有限公司"))
            XCTAssertFalse(body.contains("cluster #"), "no raw entity code and id")
            XCTAssertFalse(body.contains("#\(clusterID)<"), "no bare id where a name is known")
            XCTAssertFalse(body.contains("chain_node_enterprise"))
        }
    }

    func testTheFilterOffersEveryKindWrittenAndFiltersByChainsAndNodes() async throws {
        try await withApp { app, fixtures in
            _ = try await makeChainHistory(app, fixtures)
            let auditor = try await Browser.signedIn(app, as: .auditor)
            let page = try await auditor.get(Site.audit)
            for kind in ["unit", "user", "api_token", "import", "enterprise", "enterprise_indicator", "enterprise_qualification", "cluster", "chain",
                         "chain_node", "chain_node_enterprise", "chain_leader_decision", "complexity_dataset"] {
                XCTAssertTrue(page.text.contains("<option value=\"\(kind)\">"), "the filter offers \(kind)")
            }
            let chains = try await auditor.get(Site.audit + "?entity=chain")
            XCTAssertEqual(chains.status, .ok)
            XCTAssertTrue(chains.text.contains("共 1 条"), chains.text)
            XCTAssertTrue(chains.text.contains("新建产业链“集成电路产业链”"))
            let nodes = try await auditor.get(Site.audit + "?entity=chain_node")
            XCTAssertTrue(nodes.text.contains("共 1 条"))
            XCTAssertTrue(nodes.text.contains("新建产业链环节“芯片设计”"))
            XCTAssertFalse(nodes.text.contains("新建产业链“集成电路产业链”"))

            let api = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            for (kind, count) in [("cluster", 2), ("chain", 1), ("chain_node", 1), ("chain_node_enterprise", 1), ("enterprise", 1)] {
                let response = try await api.send(.GET, Site.API.audit + "?entity=\(kind)")
                XCTAssertEqual(response.status, .ok, "\(kind): \(response.text)")
                let items = try XCTUnwrap(try parseJSONObject(response)["items"] as? [[String: Any]])
                XCTAssertEqual(items.count, count, kind)
                XCTAssertEqual(Set(items.compactMap { $0["entity"] as? String }), [kind])
            }
        }
    }

    func testTheEntryShowsEachChangedFieldWithItsLabel() async throws {
        try await withApp { app, fixtures in
            let (clusterID, _, _) = try await makeChainHistory(app, fixtures)
            let entryID = try await AssertAsync.unwrap(try await Stored.audit(app, entity: "cluster", action: "update", entityID: clusterID).first?.id)
            let auditor = try await Browser.signedIn(app, as: .auditor)
            let page = try await auditor.get(Site.auditEntry(entryID))
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("<th>字段</th><th>修改前</th><th>修改后</th>"), page.text)
            XCTAssertTrue(page.text.contains("<tr><th scope=\"row\">年度营收目标（万元）</th><td>1234567</td><td>2500000</td></tr>"),
                          "the changed field, labelled, old → new")
            XCTAssertTrue(page.text.contains("<tr class=\"hint\"><th scope=\"row\">集群名称</th><td>集成电路</td><td>集成电路</td></tr>"),
                          "unchanged fields are muted")
            XCTAssertTrue(page.text.contains("<tr class=\"hint\"><th scope=\"row\">启用</th><td>是</td><td>是</td></tr>"), "booleans read 是/否")
            XCTAssertTrue(page.text.contains("产业集群 集成电路"), "the object is named")
            XCTAssertTrue(page.text.contains("<details>"), "the raw snapshots stay available")
            XCTAssertTrue(page.text.contains("&quot;annualTarget&quot;") || page.text.contains("\"annualTarget\""))

            let english = try await auditor.get(Site.auditEntry(entryID) + "?lang=en")
            XCTAssertTrue(english.text.contains("<th>Field</th><th>Before</th><th>After</th>"))
            XCTAssertTrue(english.text.contains("<tr><th scope=\"row\">Annual revenue target (10k yuan)</th><td>1234567</td><td>2500000</td></tr>"))
            XCTAssertTrue(english.text.contains("<td>Yes</td>"))
        }
    }
}
