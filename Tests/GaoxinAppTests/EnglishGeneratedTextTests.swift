import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Text the server generates (not only the labels around it) follows the page language: a node's
/// strength reasons, an industry's GB/T 4754 section, the audit log's summaries.
final class EnglishGeneratedTextTests: XCTestCase {
    func testAWeakNodesReasonsAreEnglishOnTheChainPage() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try office.json(try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try office.json(try await office.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)),
                                                              json: #"{"name":"集成电路产业链","minEnterprises":2,"minRevenue":0,"requireBackbone":false}"#))
            let chainID = try XCTUnwrap(chain["id"] as? Int)
            _ = try office.json(try await office.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"芯片设计"}"#))
            let weak = try office.json(try await office.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"晶圆制造"}"#))
            let enterpriseID = try await office.createEnterprise("无锡晶圆制造有限公司", code: USCC.numbered(802), unit: fixtures.zone)
            try await AssertAsync.equal(try await office.send(.PUT, Site.API.chainNodeEnterprise(try XCTUnwrap(weak["id"] as? Int), enterpriseID)).status, .noContent)

            let browser = try await Browser.signedIn(app, as: .office)
            let chinese = try await browser.get(Site.chain(chainID))
            XCTAssertTrue(chinese.text.contains("本地企业 1 家，少于 2 家"), "the control: Chinese by default")
            XCTAssertTrue(chinese.text.contains(">无本地企业<"))

            try await AssertAsync.equal(try await browser.get(Site.language + "?set=en&next=%2F").status, .seeOther)
            let english = try await browser.get(Site.chain(chainID))
            XCTAssertTrue(english.text.contains("1 local enterprise, fewer than 2"), english.text)
            XCTAssertTrue(english.text.contains(">no local enterprise<"))
            XCTAssertFalse(english.text.contains("本地企业 1 家"))
            XCTAssertFalse(english.text.contains(">无本地企业<"))

            let map = try office.json(try await office.send(.GET, Site.API.chain(chainID)))
            let nodes = try XCTUnwrap(map["nodes"] as? [[String: Any]])
            XCTAssertEqual(nodes.map { $0["reasons"] as? [String] }, [["无本地企业"], ["本地企业 1 家，少于 2 家"]], "the API keeps its Chinese reasons")
            XCTAssertEqual(nodes.map { $0["reasonsEn"] as? [String] }, [["no local enterprise"], ["1 local enterprise, fewer than 2"]])
        }
    }

    func testAnIndustrySectionIsNamedInThePageLanguage() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await office.createEnterprise("无锡软件信息有限公司", code: USCC.numbered(803), industry: "6520", unit: fixtures.zone)
            let browser = try await Browser.signedIn(app, as: .office)
            let chinese = try await browser.get(Site.enterprise(id))
            XCTAssertTrue(chinese.text.contains("6520 集成电路设计（I 门类 信息传输、软件和信息技术服务业）"), chinese.text)
            let english = try await browser.get(Site.enterprise(id) + "?lang=en")
            XCTAssertTrue(english.text.contains("6520 集成电路设计 (section I, Information transmission, software and information technology services)"), english.text)
            XCTAssertFalse(english.text.contains("门类"))
        }
    }

    func testAuditSummariesAreEnglishInEnglish() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try office.json(try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let clusterID = try XCTUnwrap(cluster["id"] as? Int)
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.cluster(clusterID), json: #"{"annualTarget":2500000}"#).status, .ok)
            let enterpriseID = try await office.createEnterprise("无锡华润微电子有限公司", code: USCC.numbered(804), unit: fixtures.zone)
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.enterprise(enterpriseID), json: #"{"note":"改"}"#).status, .ok)

            let auditor = try await Browser.signedIn(app, as: .auditor)
            let chinese = try await auditor.get(Site.audit)
            XCTAssertTrue(chinese.text.contains("修改产业集群“集成电路”"), "the control: the stored Chinese summary")
            try await AssertAsync.equal(try await auditor.get(Site.language + "?set=en&next=%2F").status, .seeOther)
            let english = try await auditor.get(Site.audit)
            let body = HTMLProbe.tableBody(english.text)
            for text in ["Created cluster 集成电路", "Updated cluster 集成电路", "Created enterprise 无锡华润微电子有限公司",
                         "Updated enterprise 无锡华润微电子有限公司", "Signed in"] {
                XCTAssertTrue(body.contains(text), "\(text) in \(body)")
            }
            for text in ["修改产业集群", "新建企业", "登录<"] { XCTAssertFalse(body.contains(text), text) }
            XCTAssertTrue(body.contains("Cluster 集成电路"), "the kind in English beside the name")

            let entryID = try await AssertAsync.unwrap(try await Stored.audit(app, entity: "enterprise", action: "update", entityID: enterpriseID).first?.id)
            let entry = try await auditor.get(Site.auditEntry(entryID))
            XCTAssertTrue(entry.text.contains("Updated enterprise 无锡华润微电子有限公司"))
            XCTAssertFalse(entry.text.contains("修改企业"))
        }
    }
}
