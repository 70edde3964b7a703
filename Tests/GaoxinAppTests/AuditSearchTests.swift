import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The auditor searches and filters the audit log, on the page and through the API; no one else can.
final class AuditSearchTests: XCTestCase {
    /// `YYYY-MM-DD` of a moment in the product's time zone (Asia/Shanghai).
    private func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// Two unit changes two days apart by the office user: a create, then an update of the team.
    private func makeHistory(_ app: Application, _ fixtures: Fixtures) async throws -> (createdID: Int, day0: String, day2: String) {
        let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let created = try await office.send(.POST, Site.API.units, json: #"{"name":"审计检索甲处","kind":"department","parentId":\#(fixtures.zone)}"#)
        XCTAssertEqual(created.status, .created, created.text)
        let id = try XCTUnwrap(try parseJSONObject(created)["id"] as? Int)
        app.clock.advance(by: 2 * 86_400)
        try await AssertAsync.equal(try await office.send(.PATCH, Site.API.unit(fixtures.team), json: #"{"name":"集成电路招商一队"}"#).status, .ok)
        return (id, day(Fixtures.startOfTest), day(Fixtures.startOfTest.addingTimeInterval(2 * 86_400)))
    }

    private func items(_ client: APIClient, _ query: String, file: StaticString = #filePath, line: UInt = #line) async throws -> [[String: Any]] {
        let response = try await client.send(.GET, Site.API.audit + "?" + query)
        XCTAssertEqual(response.status, .ok, "\(query): \(response.text)", file: file, line: line)
        let body = try parseJSONObject(response, file: file, line: line)
        let items = try XCTUnwrap(body["items"] as? [[String: Any]], file: file, line: line)
        XCTAssertEqual(body["total"] as? Int, items.count, "one page holds them all", file: file, line: line)
        return items
    }

    func testAuditorSearchesThePage() async throws {
        try await withApp { app, fixtures in
            _ = try await makeHistory(app, fixtures)
            let auditor = try await Browser.signedIn(app, as: .auditor)

            let found = try await auditor.get(Site.audit + "?q=" + Browser.encode("审计检索甲"))
            XCTAssertEqual(found.status, .ok)
            XCTAssertTrue(found.text.contains("共 1 条"), found.text)
            XCTAssertTrue(found.text.contains("新建组织单位“审计检索甲处”"))

            let twoCharacters = try await auditor.get(Site.audit + "?q=" + Browser.encode("一队"))
            XCTAssertTrue(twoCharacters.text.contains("共 1 条"), "a 2-character search finds the renamed team in the after snapshot")
            XCTAssertTrue(twoCharacters.text.contains("修改组织单位“集成电路招商一队”"))

            let byEntity = try await auditor.get(Site.audit + "?entity=unit")
            XCTAssertTrue(byEntity.text.contains("共 2 条"), byEntity.text)
            let none = try await auditor.get(Site.audit + "?q=" + Browser.encode("不存在的内容"))
            XCTAssertTrue(none.text.contains("共 0 条"))

            let entryID = try await AssertAsync.unwrap(try await Stored.audit(app, entity: "unit", action: "update").first?.id)
            let detail = try await auditor.get(Site.auditEntry(entryID))
            XCTAssertEqual(detail.status, .ok)
            XCTAssertTrue(detail.text.contains("集成电路招商团队") && detail.text.contains("集成电路招商一队"), "before and after are shown")

            let export = try await auditor.get(Site.auditExport + "?format=csv&entity=unit")
            XCTAssertEqual(export.status, .ok)
            XCTAssertTrue(export.text.contains("审计检索甲处"))
            XCTAssertFalse(export.text.contains("登录"), "the export is the filtered list, without the sign-in rows")
        }
    }

    func testAuditorFiltersThroughTheAPI() async throws {
        try await withApp { app, fixtures in
            let (createdID, day0, day2) = try await makeHistory(app, fixtures)
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            XCTAssertNotEqual(day0, day2)

            let units = try await items(auditor, "entity=unit")
            XCTAssertEqual(units.compactMap { $0["action"] as? String }.sorted(), ["create", "update"])
            let updates = try await items(auditor, "entity=unit&action=update")
            XCTAssertEqual(updates.count, 1)
            XCTAssertEqual(updates.first?["entityId"] as? String, "\(fixtures.team)")
            XCTAssertEqual(updates.first?["actorId"] as? Int, fixtures.users[.office])
            let before = try parseJSONObject(updates.first?["before"] as? String)
            let after = try parseJSONObject(updates.first?["after"] as? String)
            XCTAssertEqual(before["name"] as? String, "集成电路招商团队")
            XCTAssertEqual(after["name"] as? String, "集成电路招商一队")

            try await AssertAsync.equal(try await items(auditor, "entity=unit&to=\(day0)").map { $0["action"] as? String }, ["create"])
            try await AssertAsync.equal(try await items(auditor, "entity=unit&from=\(day2)").map { $0["action"] as? String }, ["update"])
            try await AssertAsync.equal(try await items(auditor, "entity=unit&from=\(day0)&to=\(day2)").count, 2)
            try await AssertAsync.equal(try await items(auditor, "from=\(day(Fixtures.startOfTest.addingTimeInterval(10 * 86_400)))").count, 0)
            try await AssertAsync.equal(try await items(auditor, "entity=unit&entityId=\(createdID)").count, 1)
            try await AssertAsync.equal(try await items(auditor, "actor=\(fixtures.users[.office]!)").count, 2)
            try await AssertAsync.equal(try await items(auditor, "q=" + Browser.encode("审计检索")).count, 1)
        }
    }

    func testBadFiltersAreNamedInTheError() async throws {
        try await withApp { app, fixtures in
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            for (query, field) in [("entity=castle", "entity"), ("action=steal", "action"), ("from=2026-13-40", "from"), ("to=yesterday", "to"), ("per=0", "per")] {
                let response = try await auditor.send(.GET, Site.API.audit + "?" + query)
                XCTAssertEqual(response.status, .badRequest, query)
                XCTAssertEqual(try apiErrorObject(response)["field"] as? String, field, query)
            }
        }
    }

    func testNoOtherRoleCanReadTheAuditLog() async throws {
        try await withApp { app, fixtures in
            _ = try await makeHistory(app, fixtures)
            for role in Role.allCases where role != .auditor {
                let api = try await APIClient.forRole(role, app: app, fixtures: fixtures)
                let response = try await api.send(.GET, Site.API.audit + "?entity=unit")
                XCTAssertEqual(response.status, .forbidden, "\(role) reads the audit log through the API")
                XCTAssertFalse(response.text.contains("审计检索甲处"))
                let browser = try await Browser.signedIn(app, as: role)
                let page = try await browser.get(Site.audit + "?q=" + Browser.encode("审计检索"))
                XCTAssertEqual(page.status, .forbidden, "\(role) opens the audit page")
                XCTAssertFalse(page.text.contains("审计检索甲处"))
                let home = try await browser.get(Site.home)
                XCTAssertFalse(home.text.contains("href=\"\(Site.audit)\""), "\(role) is not offered the audit log in the navigation")
            }
            let auditor = try await Browser.signedIn(app, as: .auditor)
            try await AssertAsync.isTrue(try await auditor.get(Site.home).text.contains("href=\"\(Site.audit)\""), "the control: the auditor is offered it")
        }
    }
}
