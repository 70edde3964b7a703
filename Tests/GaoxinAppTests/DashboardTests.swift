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

    /// Each role's panels (issue 14, item 5): the office its month's close and bulletin, a unit its
    /// own projects by stage, leaders and units the programme's figures from the latest bulletin
    /// with charts whose bars link to the lists; the auditor none of it.
    func testPanelsByRole() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            _ = try AttractionRequests.created(try await AttractionRequests.project(api, "DB-1", unit: fixtures.team, investment: 150_000))
            _ = try AttractionRequests.created(try await AttractionRequests.project(api, "DB-2", unit: fixtures.team, investment: 20_000,
                                                                                    extra: ["plannedRegisteredOn": "2026-06-30"]))
            let content = try await BulletinBuilder(month: Period(year: 2026, month: 8)!, issuer: "无锡高新区", number: 8, now: app.clock.now(), db: app.db).build()
            try await BulletinIssue.store(content, actor: nil, address: nil, at: app.clock.now(), on: app.db)

            let office = try await Browser.signedIn(app, as: .office)
            let home = try await office.get("/")
            XCTAssertTrue(home.text.contains("本期工作：2026-08"), home.text)
            XCTAssertEqual(card(home.text, "关账"), "未关账 · 查看缺项")
            XCTAssertEqual(card(home.text, "月度通报"), "预览稿")
            XCTAssertTrue(home.text.contains("href=\"/periods/2026-08\""))
            XCTAssertTrue(home.text.contains("产业集群与项目（2026-08 通报，预览稿）"))
            XCTAssertEqual(card(home.text, "滞后项目（截至 2026-08-31）"), "1", "planned registration 06-30, not reached")
            XCTAssertTrue(home.text.contains("<span class=\"card-title\">滞后项目</span><span class=\"card-value\"><span class=\"light red\">1</span>"),
                          "today's warnings: the same project is late")
            XCTAssertFalse(home.text.contains("本单位："))

            let unit = try await Browser.signedIn(app, as: .unit)
            let unitHome = try await unit.get("/")
            XCTAssertTrue(unitHome.text.contains("本单位：集成电路招商团队"))
            XCTAssertTrue(unitHome.text.contains("<svg class=\"chart\""))
            XCTAssertTrue(unitHome.text.contains("href=\"/projects?owningUnitId=\(fixtures.team)&amp;stage=signed\""), "a bar links to its list")
            XCTAssertTrue(unitHome.text.contains(">2 个</text>"), "two signed projects")
            XCTAssertFalse(unitHome.text.contains("本期工作"))
            let list = try await unit.get("/projects?owningUnitId=\(fixtures.team)&stage=signed")
            XCTAssertTrue(list.text.contains("共 2 条"), "the list behind the bar holds the same two")

            let leader = try await Browser.signedIn(app, as: .leader)
            let leaderHome = try await leader.get("/")
            XCTAssertTrue(leaderHome.text.contains("产业集群与项目（2026-08 通报，预览稿）"))
            XCTAssertTrue(leaderHome.text.contains("href=\"/bulletins/2026-08\""))
            XCTAssertFalse(leaderHome.text.contains("本期工作"))

            let auditor = try await Browser.signedIn(app, as: .auditor)
            let auditorHome = try await auditor.get("/")
            XCTAssertFalse(auditorHome.text.contains("产业集群与项目"))
            XCTAssertFalse(auditorHome.text.contains("预警"))
        }
    }
}
