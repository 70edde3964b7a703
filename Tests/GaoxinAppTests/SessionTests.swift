import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// Browser sessions live in the database: shared by app servers, rotated at sign-in, ended by
/// sign-out, idle timeout, password, role and account changes; the cookie itself is never stored.
final class SessionTests: XCTestCase {
    /// SHA-256 in lower-case hex, computed here rather than with the product's helper.
    private func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private func sessionRows(_ app: Application, cookie: String) async throws -> Int {
        try await Stored.count(app, "sessions", where: "id = '\(sha256(cookie))'")
    }

    // MARK: several servers

    private func assertTwoServersShareSessions(engine: Engine) async throws {
        try await withTwoApps(engine: engine) { appA, appB, fixtures in
            let onA = try await Browser.signedIn(appA, as: .office)
            let onB = Browser(appB)
            onB.cookies = onA.cookies

            let account = try await onB.get(Site.account)
            XCTAssertEqual(account.status, .ok, "server B knows the session made on server A")
            XCTAssertTrue(account.text.contains("t-office"), account.text)
            XCTAssertEqual(onB.csrf, onA.csrf, "both servers see the same CSRF token")

            let created = try await onB.post(Site.units, [("name", "跨服务器新建"), ("kind", "department"), ("parentId", "\(fixtures.zone)")])
            XCTAssertEqual(created.status, .seeOther, "a form from server A's page posts to server B: \(created.text)")
            try await AssertAsync.equal(try await OrgUnit.query(on: appA.db).filter(\.$name == "跨服务器新建").count(), 1)

            try await AssertAsync.equal(try await onB.post(Site.signOut).status, .seeOther)
            try await AssertAsync.isTrue(try await onA.get(Site.account).isSignInRedirect, "signing out on B ends the session on A")
        }
    }

    func testTwoServersOnOneDatabaseShareSessions() async throws {
        try await assertTwoServersShareSessions(engine: TestDatabase.engine)
    }

    /// The issue asks for this on PostgreSQL in particular; runs whatever the suite's engine.
    func testTwoServersOnOnePostgreSQLShareSessions() async throws {
        _ = try TestDatabase.requirePostgres()
        try await assertTwoServersShareSessions(engine: .postgres)
    }

    // MARK: the cookie and the row

    func testSessionIdRotatesAtSignIn() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let anonymous = try XCTUnwrap(browser.sessionCookie)
            let anonymousCSRF = try XCTUnwrap(browser.csrf)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "id = '\(sha256(anonymous))' AND user_id IS NULL"), 1)

            try await browser.signIn(as: .office)
            let signedIn = try XCTUnwrap(browser.sessionCookie)
            XCTAssertNotEqual(signedIn, anonymous)
            XCTAssertNotEqual(browser.csrf, anonymousCSRF, "a new CSRF token with the new session")
            try await AssertAsync.equal(try await sessionRows(app, cookie: anonymous), 0, "the pre-sign-in session is deleted")
            try await AssertAsync.equal(try await sessionRows(app, cookie: signedIn), 1)

            let fixated = Browser(app)
            fixated.cookies[SessionMiddleware.cookieName] = anonymous
            try await AssertAsync.isTrue(try await fixated.get(Site.account).isSignInRedirect, "the old cookie signs no one in")
        }
    }

    func testTheCookieValueIsNotStoredOnlyItsSHA256() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .leader)
            let cookie = try XCTUnwrap(browser.sessionCookie)
            XCTAssertGreaterThanOrEqual(cookie.count, 40, "at least 32 random bytes")
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT id, user_id, csrf_token, address, user_agent FROM sessions").all()
            XCTAssertFalse(rows.isEmpty)
            for row in rows {
                for column in ["id", "csrf_token", "address", "user_agent"] {
                    let value = try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
                    XCTAssertNotEqual(value, cookie, "column \(column) holds the cookie")
                    XCTAssertFalse((value ?? "").contains(cookie), "column \(column) contains the cookie")
                }
            }
            let mine = try await sql.raw("SELECT user_id FROM sessions WHERE id = \(bind: sha256(cookie))").first()
            XCTAssertEqual(try mine?.decode(column: "user_id", as: Int.self), fixtures.users[.leader])
        }
    }

    // MARK: ending sessions

    func testSignOutDeletesTheSessionRow() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            let cookie = try XCTUnwrap(browser.sessionCookie)
            try await AssertAsync.equal(try await sessionRows(app, cookie: cookie), 1)

            let response = try await browser.post(Site.signOut)
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.redirectLocation, Site.signIn + "?notice=signedOut")
            try await AssertAsync.equal(try await sessionRows(app, cookie: cookie), 0)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id = \(fixtures.users[.office]!)"), 0)
            XCTAssertNil(browser.sessionCookie, "the cookie is cleared")

            let replay = Browser(app)
            replay.cookies[SessionMiddleware.cookieName] = cookie
            try await AssertAsync.isTrue(try await replay.get(Site.account).isSignInRedirect, "a copied cookie is worthless after sign-out")
        }
    }

    func testIdleTimeoutSignsOutPagesAndAPI() async throws {
        try await withApp { app, fixtures in
            let page = try await Browser.signedIn(app, as: .office)
            let api = try await Browser.signedIn(app, as: .leader)
            app.clock.advance(by: 31 * 60)

            let response = try await page.get(Site.units)
            XCTAssertTrue(response.isSignInRedirect, "\(response.status) \(response.redirectLocation ?? "")")
            XCTAssertEqual(response.redirectLocation, Site.signIn + "?next=%2Funits&expired=1")
            XCTAssertNil(page.sessionCookie, "the stale cookie is cleared")
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id = \(fixtures.users[.office]!)"), 0)
            let signInPage = try await page.get(try XCTUnwrap(response.redirectLocation))
            XCTAssertTrue(signInPage.text.contains("长时间未操作"), "the sign-in page says why")

            let me = try await api.get(Site.API.me)
            XCTAssertEqual(me.status, .unauthorized)
            XCTAssertEqual(try apiErrorObject(me)["code"] as? String, "unauthenticated")
        }
    }

    func testWritesAfterTheIdleTimeoutAskToSignInAgainAndWriteNothing() async throws {
        try await withApp { app, fixtures in
            let page = try await Browser.signedIn(app, as: .office)
            let api = try await Browser.signedIn(app, as: .office)
            let units = try await Stored.count(app, "units")
            app.clock.advance(by: 31 * 60)

            let form = try await page.post(Site.units, [("name", "超时后提交"), ("kind", "department"), ("parentId", "\(fixtures.zone)")])
            XCTAssertEqual(form.redirectLocation, Site.signIn + "?next=%2F&expired=1", "\(form.status) \(form.text.prefix(200))")
            let json = try await api.sendJSON(.POST, Site.API.units, #"{"name":"超时后接口","kind":"department","parentId":\#(fixtures.zone)}"#, csrfHeader: api.csrf)
            XCTAssertEqual(json.status, .unauthorized)
            XCTAssertEqual(try apiErrorObject(json)["code"] as? String, "unauthenticated")
            try await AssertAsync.equal(try await Stored.count(app, "units"), units)
        }
    }

    func testActivityKeepsTheSessionAliveAndThirtyMinutesIsStillInside() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .office)
            for _ in 1...3 {
                app.clock.advance(by: 20 * 60)
                try await AssertAsync.equal(try await browser.get(Site.account).status, .ok, "used every 20 minutes, never idle")
            }
            app.clock.advance(by: 30 * 60)
            try await AssertAsync.equal(try await browser.get(Site.account).status, .ok, "exactly 30 minutes idle is not past the timeout")
        }
    }

    func testIdleTimeoutIsConfigurable() async throws {
        try await withApp(configure: { $0.idleTimeoutMinutes = 5 }) { app, _ in
            let browser = try await Browser.signedIn(app, as: .office)
            app.clock.advance(by: 4 * 60)
            try await AssertAsync.equal(try await browser.get(Site.account).status, .ok)
            app.clock.advance(by: 6 * 60)
            try await AssertAsync.isTrue(try await browser.get(Site.account).isSignInRedirect)
        }
    }

    func testStaleSessionsAndOldFailuresArePurgedAtSignIn() async throws {
        try await withApp { app, fixtures in
            for _ in 1...3 { _ = try await Browser.anonymous(app) }
            try await Browser.signedIn(app, as: .leader)
            try await AssertAsync.equal(try await Browser.anonymous(app).post(Site.signIn, [("username", "nobody"), ("password", "Some-Password-1"), ("next", "/")]).status, .unauthorized)
            try await AssertAsync.equal(try await Stored.count(app, "login_failures"), 1)
            let before = try await Stored.count(app, "sessions")
            XCTAssertGreaterThanOrEqual(before, 5)

            app.clock.advance(by: 30 * 60 + SessionStore.keepExpiredFor - 60)
            try await Browser.signedIn(app, as: .office)
            try await AssertAsync.equal(try await Stored.count(app, "login_failures"), 0, "failures older than the lock-out window are gone")
            try await AssertAsync.equal(try await Stored.count(app, "sessions"), before + 1, "recently expired rows are kept to explain the sign-out")

            app.clock.advance(by: 120)
            try await Browser.signedIn(app, as: .park)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NULL"), 0, "old anonymous sessions are gone")
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id = \(fixtures.users[.leader]!)"), 0, "so is the leader's")
            try await AssertAsync.equal(try await Stored.count(app, "sessions"), 2, "the office's and the park's remain")
        }
    }

    func testAServerStartingPurgesStaleSessions() async throws {
        try await withTwoApps { appA, appB, _ in
            for _ in 1...3 { _ = try await Browser.anonymous(appA) }
            try await AssertAsync.equal(try await Stored.count(appA, "sessions"), 3)
            appB.clock.advance(by: 30 * 60 + SessionStore.keepExpiredFor + 1)
            try await appB.asyncBoot()  // as `serve` starts a server (the test client's boot is the synchronous one)
            try await AssertAsync.equal(try await Stored.count(appA, "sessions"), 0)
        }
    }

    func testChangingOwnPasswordEndsOtherSessionsButKeepsThisOne() async throws {
        try await withApp { app, fixtures in
            let here = try await Browser.signedIn(app, as: .park)
            let elsewhere = try await Browser.signedIn(app, as: .park)
            let response = try await here.post(Site.accountPassword, [("currentPassword", Fixtures.password), ("newPassword", "Brand-New-Secret-77")])
            XCTAssertEqual(response.status, .seeOther, response.text)
            try await AssertAsync.equal(try await here.get(Site.account).status, .ok)
            try await AssertAsync.isTrue(try await elsewhere.get(Site.account).isSignInRedirect)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id = \(fixtures.users[.park]!)"), 1)

            let old = try await Browser.anonymous(app)
            try await AssertAsync.equal(try await old.post(Site.signIn, [("username", "t-park"), ("password", Fixtures.password), ("next", "/")]).status, .unauthorized)
            let new = try await Browser.anonymous(app)
            try await AssertAsync.equal(try await new.post(Site.signIn, [("username", "t-park"), ("password", "Brand-New-Secret-77"), ("next", "/")]).status, .seeOther)
        }
    }

    func testRoleChangeAndDeactivationEndTheUsersSessions() async throws {
        try await withApp { app, fixtures in
            let office = try await Browser.signedIn(app, as: .office)
            let park = try await Browser.signedIn(app, as: .park)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)

            let changed = try await admin.send(.PATCH, Site.API.user(fixtures.users[.office]!), json: #"{"roles":["leader"]}"#)
            XCTAssertEqual(changed.status, .ok, changed.text)
            try await AssertAsync.isTrue(try await office.get(Site.account).isSignInRedirect, "new roles take effect at once")

            let deactivated = try await admin.send(.POST, Site.API.userDeactivate(fixtures.users[.park]!))
            XCTAssertEqual(deactivated.status, .ok, deactivated.text)
            try await AssertAsync.isTrue(try await park.get(Site.account).isSignInRedirect)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id = \(fixtures.users[.park]!)"), 0)
        }
    }
}
