import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The dashboard's programme figures count what the lists they link to show.
final class DashboardTests: XCTestCase {
    func card(_ html: String, _ title: String) -> String? {
        guard let range = html.range(of: "<span class=\"card-title\">\(title)</span><span class=\"card-value\">") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    func testProgrammeFiguresForReadersOnly() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let a = try await api.createEnterprise("看板企业甲", code: USCC.numbered(701), unit: fixtures.zone, aboveScale: true)
            _ = try await api.createEnterprise("看板企业乙", code: USCC.numbered(702), unit: fixtures.zone)
            let c = try await api.createEnterprise("看板企业丙", code: USCC.numbered(703), unit: fixtures.zone, aboveScale: true)
            _ = try await api.send(.POST, Site.API.enterpriseQualifications(a), json: #"{"kind":"highTech","grantedOn":"2025-01-01","expiresOn":"2027-12-31"}"#)
            _ = try await api.send(.POST, Site.API.enterpriseQualifications(c), json: #"{"kind":"highTech","grantedOn":"2020-01-01","expiresOn":"2022-12-31"}"#)
            let deactivated = try await api.send(.POST, "/api/v1/enterprises/\(c)/deactivate")
            XCTAssertEqual(deactivated.status, .ok)
            let cluster = try parseJSONObject(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try parseJSONObject(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"链","minEnterprises":2,"requireBackbone":false}"#))
            let chainID = try XCTUnwrap(chain["id"] as? Int)
            _ = try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"设计"}"#)
            let node = try parseJSONObject(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"制造"}"#))
            _ = try await api.send(.PUT, Site.API.chainNodeEnterprise(try XCTUnwrap(node["id"] as? Int), a))

            let office = try await Browser.signedIn(app, as: .office)
            let home = try await office.get("/")
            XCTAssertEqual(card(home.text, "在册企业"), "2")
            XCTAssertEqual(card(home.text, "规上企业"), "1", "the deactivated above-scale enterprise is not counted")
            XCTAssertEqual(card(home.text, "有效高新技术企业"), "1", "an expired recognition is not counted")
            XCTAssertEqual(card(home.text, "产业集群"), "1")
            XCTAssertEqual(card(home.text, "产业链缺失 / 薄弱环节"), "1 / 1")

            let auditor = try await Browser.signedIn(app, as: .auditor)
            let auditorHome = try await auditor.get("/")
            XCTAssertNil(card(auditorHome.text, "在册企业"), "the auditor reads the audit log, not programme data")
        }
    }
}
