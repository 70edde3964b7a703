import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Signing in through the form: success, the ways it fails, and where it may send the browser.
final class SignInTests: XCTestCase {
    func testSuccessRedirectsToNextSetsSessionCookieRecordsLastLoginAndAudits() async throws {
        try await withApp { app, fixtures in
            let officeID = fixtures.users[.office]!
            try await AssertAsync.isNil(try await Stored.user(app, officeID).lastLoginAt)
            let browser = try await Browser.anonymous(app)
            let anonymousCookie = try XCTUnwrap(browser.sessionCookie, "the sign-in page starts an anonymous session")

            let response = try await browser.post(Site.signIn, [("username", "t-office"), ("password", Fixtures.password), ("next", "/units?q=新吴")])

            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.redirectLocation, "/units?q=新吴")
            let setCookie = response.headers[.setCookie].joined(separator: "\n")
            XCTAssertTrue(setCookie.contains("\(SessionMiddleware.cookieName)="), setCookie)
            XCTAssertTrue(setCookie.contains("HttpOnly"), "session cookie must be HttpOnly: \(setCookie)")
            XCTAssertTrue(setCookie.contains("SameSite=Lax"), setCookie)
            let signedInCookie = try XCTUnwrap(browser.sessionCookie)
            XCTAssertNotEqual(signedInCookie, anonymousCookie)

            try await AssertAsync.equal(try await Stored.user(app, officeID).lastLoginAt, Fixtures.startOfTest)
            let audit = try await Stored.audit(app, entity: "user", action: "sign_in", entityID: officeID)
            XCTAssertEqual(audit.count, 1)
            XCTAssertEqual(audit.first?.at, Fixtures.startOfTest)
            XCTAssertTrue(audit.first?.actorName.contains("t-office") ?? false, audit.first?.actorName ?? "")

            let page = try await browser.get("/units?q=新吴")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("测试集群办"), "the page shows who is signed in")
        }
    }

    func testUsernameIsCaseInsensitiveAndTrimmed() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let response = try await browser.post(Site.signIn, [("username", "  T-Leader "), ("password", Fixtures.password), ("next", "/")])
            XCTAssertEqual(response.status, .seeOther)
            try await AssertAsync.equal(try await browser.get(Site.account).status, .ok)
        }
    }

    func testWrongPasswordIsRefusedWithChineseMessage() async throws {
        try await withApp { app, fixtures in
            let officeID = fixtures.users[.office]!
            let browser = try await Browser.anonymous(app)
            let sessionsBefore = try await Stored.count(app, "sessions")

            let response = try await browser.post(Site.signIn, [("username", "t-office"), ("password", "Wrong-Password-1"), ("next", "/")])

            XCTAssertEqual(response.status, .unauthorized)
            XCTAssertTrue(response.text.contains("用户名或密码错误"), response.text)
            XCTAssertTrue(response.text.contains("value=\"t-office\""), "the username is kept in the form")
            XCTAssertFalse(response.text.contains("Wrong-Password-1"), "the password is never echoed")
            try await AssertAsync.equal(try await Stored.count(app, "sessions"), sessionsBefore, "no session is created")
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)
            let user = try await Stored.user(app, officeID)
            XCTAssertEqual(user.failedCount, 1)
            XCTAssertNil(user.lastLoginAt)
            try await AssertAsync.equal(try await Stored.audit(app, entity: "user", action: "sign_in_failed", entityID: officeID).count, 1)
            try await AssertAsync.isTrue(try await browser.get(Site.account).isSignInRedirect, "still not signed in")
        }
    }

    func testUnknownUserGetsTheSameAnswerAsAWrongPassword() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let response = try await browser.post(Site.signIn, [("username", "nobody-here"), ("password", Fixtures.password), ("next", "/")])
            XCTAssertEqual(response.status, .unauthorized)
            XCTAssertTrue(response.text.contains("用户名或密码错误"), response.text)
            try await AssertAsync.equal(try await Stored.count(app, "login_failures", where: "username = 'nobody-here'"), 1)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)
        }
    }

    func testEmptyFieldsAreRefused() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let response = try await browser.post(Site.signIn, [("username", "t-office"), ("password", ""), ("next", "/")])
            XCTAssertEqual(response.status, .unauthorized)
            XCTAssertTrue(response.text.contains("请输入用户名和密码"), response.text)
        }
    }

    func testInactiveUserCannotSignInEvenWithTheRightPassword() async throws {
        try await withApp { app, fixtures in
            let user = try await Stored.user(app, fixtures.users[.park])
            user.active = false
            try await user.save(on: app.db)
            let browser = try await Browser.anonymous(app)

            let response = try await browser.post(Site.signIn, [("username", "t-park"), ("password", Fixtures.password), ("next", "/")])

            XCTAssertEqual(response.status, .unauthorized)
            XCTAssertTrue(response.text.contains("用户名或密码错误"), "an inactive account is not revealed: \(response.text)")
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)
            try await AssertAsync.isNil(try await Stored.user(app, fixtures.users[.park]).lastLoginAt)
        }
    }

    func testOpenRedirectsAreRefused() async throws {
        try await withApp { app, _ in
            for next in ["//evil.example/phish", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", ""] {
                let browser = try await Browser.anonymous(app)
                let response = try await browser.post(Site.signIn, [("username", "t-office"), ("password", Fixtures.password), ("next", next)])
                XCTAssertEqual(response.status, .seeOther, next)
                XCTAssertEqual(response.redirectLocation, Site.home, "next=\(next) must not be followed")
            }
            let form = try await Browser(app).get(Site.signIn + "?next=%2F%2Fevil.example")
            XCTAssertTrue(form.text.contains("name=\"next\" value=\"/\""), "the form does not carry a foreign next: \(form.text)")
            XCTAssertFalse(form.text.contains("evil.example"))
            let language = try await Browser(app).get(Site.language + "?set=en&next=%2F%2Fevil.example")
            XCTAssertEqual(language.redirectLocation, Site.home)
        }
    }

    func testSignedInUserOpeningTheSignInPageGoesHome() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .leader)
            let response = try await browser.get(Site.signIn)
            XCTAssertEqual(response.status, .seeOther)
            XCTAssertEqual(response.redirectLocation, Site.home)
        }
    }

    func testSignInWithoutThePreSignInSessionSignsNoOneIn() async throws {
        try await withApp { app, _ in
            let foreignPage = Browser(app)
            let response = try await foreignPage.post(Site.signIn, [("username", "t-office"), ("password", Fixtures.password), ("next", "/")], withCSRF: false)
            XCTAssertTrue(response.isSignInRedirect, "back to the form: \(response.status) \(response.redirectLocation ?? "")")
            XCTAssertNil(foreignPage.sessionCookie)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)
        }
    }

    func testSignInFormItselfNeedsTheCSRFToken() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let response = try await browser.post(Site.signIn, [("username", "t-office"), ("password", Fixtures.password), ("next", "/")], withCSRF: false)
            XCTAssertEqual(response.status, .forbidden, "login CSRF: a foreign site cannot sign the browser in")
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)
        }
    }
}
