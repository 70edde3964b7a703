import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A token lives no longer than the trust behind it (issue 9.6): its secret is never cached, a
/// locked or deactivated account's tokens stop working, and a new password revokes the old tokens.
final class TokenLifetimeTests: XCTestCase {
    func testTheResponseThatShowsASecretIsNotCached() async throws {
        try await withApp { app, fixtures in
            let client = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let created = try await client.send(.POST, Site.API.tokens, json: #"{"name":"对接系统"}"#)
            XCTAssertEqual(created.status, .created)
            XCTAssertEqual(created.headers.first(name: .cacheControl), "no-store")
            let me = try await client.send(.GET, Site.API.me)
            XCTAssertEqual(me.headers.first(name: .cacheControl), "no-store", "no API answer is cached")
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.account)
            let page = try await browser.post(Site.accountTokens, [("name", "页面令牌")])
            XCTAssertEqual(page.status, .created)
            XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")
        }
    }

    func testALockedAccountsTokenIsRefusedUntilUnlocked() async throws {
        try await withApp(configure: { $0.lockoutThreshold = 3 }) { app, fixtures in
            let client = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await client.send(.GET, Site.API.me).status, .ok)
            for _ in 0..<3 {
                _ = try await Browser(app).signIn(Fixtures.username(.leader), password: "wrong-password-1")
            }
            let user = try await Stored.user(app, fixtures.users[.leader])
            XCTAssertNotNil(user.lockedUntil, "three failures lock the account")
            let refused = try await client.send(.GET, Site.API.me)
            XCTAssertEqual(refused.status, .unauthorized)
            let error = try apiErrorObject(refused)
            XCTAssertEqual(error["code"] as? String, "account_locked")
            XCTAssertTrue((error["message"] as? String ?? "").contains("已锁定"), "\(error)")

            let admin = try await Browser.signedIn(app, as: .admin)
            _ = try await admin.get(Site.user(fixtures.users[.leader]!))
            try await AssertAsync.equal(try await admin.post(Site.userUnlock(fixtures.users[.leader]!)).status, .seeOther)
            try await AssertAsync.equal(try await client.send(.GET, Site.API.me).status, .ok, "unlocking gives the token back")
        }
    }

    func testADeactivatedAccountsTokenIsRefused() async throws {
        try await withApp { app, fixtures in
            let client = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await admin.send(.POST, Site.API.userDeactivate(fixtures.users[.leader]!)).status, .ok)
            let refused = try await client.send(.GET, Site.API.me)
            XCTAssertEqual(refused.status, .unauthorized)
            XCTAssertEqual(try apiErrorObject(refused)["code"] as? String, "invalid_token")
            try await AssertAsync.equal(try await admin.send(.POST, Site.API.userReactivate(fixtures.users[.leader]!)).status, .ok)
            try await AssertAsync.equal(try await client.send(.GET, Site.API.me).status, .unauthorized, "reactivation does not revive revoked tokens")
        }
    }

    func testChangingOrResettingAPasswordRevokesTheUsersTokens() async throws {
        try await withApp { app, fixtures in
            let own = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let other = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(Site.account)
            XCTAssertTrue(page.text.contains("全部 API 令牌将被吊销"), "the page says so before the change")
            let changed = try await browser.post(Site.accountPassword, [("currentPassword", Fixtures.password), ("newPassword", "Quiet-Lake-Morning-77")])
            XCTAssertEqual(changed.status, .seeOther, changed.text)
            let after = try await browser.get(try XCTUnwrap(changed.location))
            XCTAssertTrue(after.text.contains("API 令牌已全部吊销"), "and after it")
            let refused = try await own.send(.GET, Site.API.me)
            XCTAssertEqual(refused.status, .unauthorized)
            try await AssertAsync.equal(try await other.send(.GET, Site.API.me).status, .ok, "other users' tokens are untouched")
            let audit = try await Stored.audit(app, entity: "user", action: "password_change", entityID: fixtures.users[.office])
            XCTAssertTrue(audit.last?.summary.contains("吊销其") ?? false, "\(audit.map(\.summary))")

            // An administrator's reset revokes them too.
            let admin = try await Browser.signedIn(app, as: .admin)
            _ = try await admin.get(Site.user(fixtures.users[.leader]!))
            try await AssertAsync.equal(try await admin.post(Site.userPassword(fixtures.users[.leader]!), [("newPassword", "Green-Field-River-88")]).status, .seeOther)
            try await AssertAsync.equal(try await other.send(.GET, Site.API.me).status, .unauthorized)
        }
    }
}
