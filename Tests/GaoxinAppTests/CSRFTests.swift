import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Every state-changing browser request carries the session's CSRF token; API clients with a
/// bearer token need none, API calls riding on the session cookie send it as `X-CSRF-Token`.
final class CSRFTests: XCTestCase {
    private func unitForm(_ fixtures: Fixtures, name: String) -> [(String, String)] {
        [("name", name), ("kind", "department"), ("parentId", "\(fixtures.zone)")]
    }

    private func counts(_ app: Application) async throws -> [Int] {
        [try await Stored.count(app, "units"), try await Stored.count(app, "audit_log"), try await Stored.count(app, "users")]
    }

    func testFormWithoutTokenIsRefusedAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            let before = try await counts(app)

            let response = try await browser.post(Site.units, unitForm(fixtures, name: "无令牌单位"), withCSRF: false)

            XCTAssertEqual(response.status, .forbidden)
            XCTAssertTrue(response.text.contains("表单已过期或来源无法验证"), response.text)
            try await AssertAsync.equal(try await counts(app), before, "nothing written")
        }
    }

    func testWrongTokenIsRefusedAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            let before = try await counts(app)
            let good = try XCTUnwrap(browser.csrf)
            for wrong in ["", "x", String(good.dropLast()) + (good.hasSuffix("A") ? "B" : "A"), good + "A"] {
                browser.csrf = wrong
                let response = try await browser.post(Site.units, unitForm(fixtures, name: "错误令牌单位"))
                XCTAssertEqual(response.status, .forbidden, "token \(wrong)")
            }
            try await AssertAsync.equal(try await counts(app), before)

            browser.csrf = good
            try await AssertAsync.equal(try await browser.post(Site.units, unitForm(fixtures, name: "正确令牌单位")).status, .seeOther, "the control: the right token works")
            try await AssertAsync.equal(try await Stored.count(app, "units"), before[0] + 1)
        }
    }

    func testAnotherSessionsTokenIsRefused() async throws {
        try await withApp { app, fixtures in
            let victim = try await Browser.signedIn(app, as: .office)
            let attacker = try await Browser.signedIn(app, as: .leader)
            victim.csrf = attacker.csrf
            let before = try await counts(app)
            try await AssertAsync.equal(try await victim.post(Site.units, unitForm(fixtures, name: "跨会话令牌")).status, .forbidden)
            try await AssertAsync.equal(try await counts(app), before)
        }
    }

    func testUserAdministrationFormsNeedTheToken() async throws {
        try await withApp { app, fixtures in
            let admin = try await Browser.signedIn(app, as: .admin)
            let parkID = fixtures.users[.park]!
            let before = try await counts(app)
            let form = [("username", "no-token"), ("displayName", "无令牌"), ("unitId", "\(fixtures.zone)"), ("roles[]", "leader"), ("password", "Strong-Password-42")]
            try await AssertAsync.equal(try await admin.post(Site.users, form, withCSRF: false).status, .forbidden)
            try await AssertAsync.equal(try await admin.post(Site.userDeactivate(parkID), withCSRF: false).status, .forbidden)
            try await AssertAsync.equal(try await admin.post(Site.userPassword(parkID), [("newPassword", "Other-Password-42")], withCSRF: false).status, .forbidden)
            try await AssertAsync.equal(try await counts(app), before)
            try await AssertAsync.isTrue(try await Stored.user(app, parkID).active)
        }
    }

    func testUploadWithoutTokenStartsNoImport() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .office)
            let csv = Data("名称,类型\n上传测试处,department\n".utf8)
            let good = browser.csrf
            browser.csrf = nil
            try await AssertAsync.equal(try await browser.upload(Site.importUpload("units"), fileName: "units.csv", data: csv).status, .forbidden)
            browser.csrf = "forged-token"
            try await AssertAsync.equal(try await browser.upload(Site.importUpload("units"), fileName: "units.csv", data: csv).status, .forbidden)
            try await AssertAsync.equal(try await Stored.count(app, "jobs"), 0, "no import job was started")
            browser.csrf = good
            try await AssertAsync.equal(try await browser.upload(Site.importUpload("units"), fileName: "units.csv", data: csv).status, .seeOther, "the control: with the token it is accepted")
            try await AssertAsync.equal(try await Stored.count(app, "jobs"), 1)
            // Let the background import finish before the database goes away.
            for _ in 0..<200 where try await Stored.count(app, "jobs", where: "status IN ('queued', 'running')") > 0 {
                try await Task.sleep(nanoseconds: 25_000_000)
            }
        }
    }

    func testSignOutWithoutTokenKeepsTheSession() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .leader)
            try await AssertAsync.equal(try await browser.post(Site.signOut, withCSRF: false).status, .forbidden)
            try await AssertAsync.equal(try await browser.get(Site.account).status, .ok, "a foreign page cannot sign the user out")
        }
    }

    func testBearerTokenNeedsNoCSRF() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let response = try await api.send(.POST, Site.API.units, json: #"{"name":"接口新建","kind":"department","parentId":\#(fixtures.zone)}"#)
            XCTAssertEqual(response.status, .created, response.text)
        }
    }

    func testAPIWithSessionCookieNeedsTheCSRFHeader() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            let body = #"{"name":"页面脚本新建","kind":"department","parentId":\#(fixtures.zone)}"#
            let before = try await counts(app)

            let without = try await browser.sendJSON(.POST, Site.API.units, body, csrfHeader: nil)
            XCTAssertEqual(without.status, .forbidden)
            XCTAssertEqual(try apiErrorObject(without)["code"] as? String, "csrf_failed")
            let wrong = try await browser.sendJSON(.POST, Site.API.units, body, csrfHeader: "not-the-token")
            XCTAssertEqual(wrong.status, .forbidden)
            try await AssertAsync.equal(try await counts(app), before)

            let with = try await browser.sendJSON(.POST, Site.API.units, body, csrfHeader: browser.csrf)
            XCTAssertEqual(with.status, .created, with.text)
            try await AssertAsync.equal(try await Stored.count(app, "units"), before[0] + 1)

            let read = try await browser.get(Site.API.units)
            XCTAssertEqual(read.status, .ok, "reads need no token")
        }
    }

    /// With no session there is no one's authority to forge: the answer is "sign in", and nothing is written.
    func testPostWithoutAnySessionIsNotSignedIn() async throws {
        try await withApp { app, fixtures in
            let before = try await counts(app)
            let page = try await Browser(app).post(Site.units, unitForm(fixtures, name: "匿名"), withCSRF: false)
            XCTAssertTrue(page.isSignInRedirect, "\(page.status) \(page.redirectLocation ?? "")")
            let api = try await APIClient(app: app, token: nil).send(.POST, Site.API.units, json: #"{"name":"匿名","kind":"department"}"#)
            XCTAssertEqual(api.status, .unauthorized, "an API client without credentials is told to authenticate, not about CSRF")
            XCTAssertEqual(try apiErrorObject(api)["code"] as? String, "unauthenticated")
            let unknownCookie = Browser(app)
            unknownCookie.cookies[SessionMiddleware.cookieName] = "made-up-session"
            let guessed = try await unknownCookie.sendJSON(.POST, Site.API.units, #"{"name":"匿名"}"#, csrfHeader: "made-up-token")
            XCTAssertEqual(guessed.status, .unauthorized)
            try await AssertAsync.equal(try await counts(app), before)
        }
    }
}
