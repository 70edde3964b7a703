@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Industries are picked by name or code and shown with their GB/T 4754-2017 names: on the
/// enterprise form, list, page, export and API, and on the chain map.
final class IndustryNamesTests: XCTestCase {
    func testAnEnterprisesIndustryIsTypedByNameAndShownWithItsName() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.enterpriseNew)
            func register(_ name: String, _ code: String, industry: String) async throws -> XCTHTTPResponse {
                try await browser.post(Site.enterprises, [("name", name), ("creditCode", code), ("industryCode", industry), ("unitId", "\(fixtures.zone)")])
            }
            let ambiguous = try await register("名称选行业有限公司", USCC.numbered(611), industry: "集成电路")
            XCTAssertEqual(ambiguous.status, .unprocessableEntity)
            let message = try XCTUnwrap(HTMLProbe.fieldError(ambiguous.text, "industryCode"))
            XCTAssertTrue(message.contains("3973 集成电路制造") && message.contains("652 集成电路设计"), message)
            let unknown = try await register("名称选行业有限公司", USCC.numbered(611), industry: "3999")
            XCTAssertEqual(HTMLProbe.fieldError(unknown.text, "industryCode"), "行业代码“3999”不在 GB/T 4754-2017 中")
            try await AssertAsync.equal(try await Stored.count(app, "enterprises"), 0)

            let created = try await register("名称选行业有限公司", USCC.numbered(611), industry: "光电子器件制造")
            XCTAssertEqual(created.status, .seeOther, created.text)
            let stored = try await Enterprise.query(on: app.db).first()
            XCTAssertEqual(stored?.industryCode, "3976", "the name is stored as its code")
            let id = try XCTUnwrap(stored?.id)

            let page = try await browser.get(Site.enterprise(id))
            XCTAssertTrue(page.text.contains("3976 光电子器件制造（C 门类 制造业）"), page.text)
            let list = try await browser.get(Site.enterprises)
            XCTAssertTrue(list.text.contains("<td>3976 光电子器件制造</td>"), "the list names the industry beside its code")
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let shown = try parseJSONObject(try await api.send(.GET, Site.API.enterprise(id)))
            XCTAssertEqual(shown["industryName"] as? String, "光电子器件制造")

            // The export names the industry beside its code in one cell, which the import reads: export → import changes nothing.
            let exported = try await browser.get(Site.enterprisesExport + "?format=csv")
            let table = try CSVFormat.read(exported.bodyData)
            let codeColumn = try XCTUnwrap(table.rows[0].firstIndex { $0.text == "行业代码" })
            XCTAssertEqual(table.rows[1][codeColumn].text, "3976 光电子器件制造")
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaPage("enterprises", fileName: "企业.csv", data: exported.bodyData)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            try await AssertAsync.equal(try await Enterprise.query(on: app.db).first()?.industryCode, "3976")
        }
    }

    func testAChainNodeTakesIndustriesByNameAndShowsThemNamed() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try parseJSONObject(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))["id"] as! Int
            let chain = try parseJSONObject(try await api.send(.POST, Site.API.clusterChains(cluster), json: #"{"name":"集成电路产业链"}"#))["id"] as! Int
            let node = try await api.send(.POST, Site.API.chainNodes(chain), json: #"{"segment":"midstream","name":"晶圆制造","industryCodes":["集成电路制造","C3972"]}"#)
            XCTAssertEqual(node.status, .created, node.text)
            XCTAssertEqual(try parseJSONObject(node)["industryCodes"] as? [String], ["3973", "3972"])
            let page = try await Browser.signedIn(app, as: .office).get(Site.chain(chain))
            XCTAssertTrue(page.text.contains("3973 集成电路制造、3972 半导体分立器件制造"), page.text)
        }
    }
}
