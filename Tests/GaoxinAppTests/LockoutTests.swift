import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Lock-out after repeated failures: per account (5 failures → 15 minutes) and per client address.
final class LockoutTests: XCTestCase {
    private func attempt(_ app: Application, _ username: String, _ password: String) async throws -> XCTHTTPResponse {
        let browser = try await Browser.anonymous(app)
        return try await browser.post(Site.signIn, [("username", username), ("password", password), ("next", "/")])
    }

    private func lockOut(_ app: Application, _ username: String) async throws -> XCTHTTPResponse {
        var last: XCTHTTPResponse?
        for _ in 1...5 { last = try await attempt(app, username, "Not-The-Password-9") }
        return try XCTUnwrap(last)
    }

    /// Wrong passwords sent at once must each count: the counter is incremented in the
    /// database, not on a row each request loaded before the others saved.
    func testConcurrentFailuresAllCount() async throws {
        try await withApp { app, fixtures in
            var browsers: [Browser] = []
            for _ in 1...5 { browsers.append(try await Browser.anonymous(app)) }
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for browser in browsers {
                    group.addTask {
                        try await browser.post(Site.signIn, [("username", "t-office"), ("password", "Not-The-Password-9"), ("next", "/")]).status
                    }
                }
                for try await status in group { XCTAssertEqual(status, .unauthorized) }
            }
            let locked = try await Stored.user(app, fixtures.users[.office]!).lockedUntil
            XCTAssertEqual(locked, Fixtures.startOfTest.addingTimeInterval(15 * 60), "five failures at once lock the account")
        }
    }

    func testFiveFailuresLockTheAccountForFifteenMinutes() async throws {
        try await withApp { app, fixtures in
            let officeID = fixtures.users[.office]!
            for attemptNumber in 1...4 {
                let response = try await attempt(app, "t-office", "Not-The-Password-9")
                XCTAssertEqual(response.status, .unauthorized)
                XCTAssertTrue(response.text.contains("用户名或密码错误"), "attempt \(attemptNumber): \(response.text)")
                try await AssertAsync.isNil(try await Stored.user(app, officeID).lockedUntil, "not locked after \(attemptNumber) failures")
            }
            let fifth = try await attempt(app, "t-office", "Not-The-Password-9")
            XCTAssertEqual(fifth.status, .unauthorized)
            XCTAssertTrue(fifth.text.contains("账号已锁定"), fifth.text)
            try await AssertAsync.equal(try await Stored.user(app, officeID).lockedUntil, Fixtures.startOfTest.addingTimeInterval(15 * 60))
            try await AssertAsync.equal(try await Stored.audit(app, entity: "user", action: "lock_out", entityID: officeID).count, 1)

            // The right password is refused while locked, with a Chinese explanation.
            let locked = try await attempt(app, "t-office", Fixtures.password)
            XCTAssertEqual(locked.status, .unauthorized)
            XCTAssertTrue(locked.text.contains("锁定"), locked.text)
            XCTAssertFalse(locked.text.contains("用户名或密码错误"))
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)
            try await AssertAsync.equal(try await Stored.audit(app, entity: "user", action: "sign_in").count, 0)

            app.clock.advance(by: 14 * 60 + 59)
            try await AssertAsync.equal(try await attempt(app, "t-office", Fixtures.password).status, .unauthorized, "still locked at 14:59")

            app.clock.advance(by: 1)
            let afterLock = try await attempt(app, "t-office", Fixtures.password)
            XCTAssertEqual(afterLock.status, .seeOther, "unlocked after 15 minutes: \(afterLock.text)")
            try await AssertAsync.equal(try await Stored.user(app, officeID).failedCount, 0)
            try await AssertAsync.isNil(try await Stored.user(app, officeID).lockedUntil)
        }
    }

    func testLockingOneAccountLeavesOthersAlone() async throws {
        try await withApp { app, _ in
            _ = try await lockOut(app, "t-office")
            try await AssertAsync.equal(try await attempt(app, "t-leader", Fixtures.password).status, .seeOther)
        }
    }

    func testASuccessResetsTheFailureCount() async throws {
        try await withApp { app, fixtures in
            for _ in 1...4 { _ = try await attempt(app, "t-unit", "Not-The-Password-9") }
            try await AssertAsync.equal(try await attempt(app, "t-unit", Fixtures.password).status, .seeOther)
            for _ in 1...4 { _ = try await attempt(app, "t-unit", "Not-The-Password-9") }
            try await AssertAsync.isNil(try await Stored.user(app, fixtures.users[.unit]).lockedUntil, "4 + 4 failures around a success do not lock")
            try await AssertAsync.equal(try await attempt(app, "t-unit", Fixtures.password).status, .seeOther)
        }
    }

    func testAdministratorUnlocksAnAccount() async throws {
        try await withApp { app, fixtures in
            let officeID = fixtures.users[.office]!
            _ = try await lockOut(app, "t-office")
            let adminAPI = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let shown = try await adminAPI.send(.GET, Site.API.user(officeID))
            XCTAssertNotNil(try parseJSONObject(shown)["lockedUntil"] as? String, "the API shows until when the account is locked")

            // Only a user administrator may unlock.
            let leader = try await Browser.signedIn(app, as: .leader)
            try await AssertAsync.equal(try await leader.post(Site.userUnlock(officeID)).status, .forbidden)
            try await AssertAsync.notNil(try await Stored.user(app, officeID).lockedUntil)

            let admin = try await Browser.signedIn(app, as: .admin)
            let page = try await admin.get(Site.user(officeID))
            XCTAssertTrue(page.text.contains(Site.userUnlock(officeID)), "the user page offers the unlock button")
            let unlocked = try await admin.post(Site.userUnlock(officeID))
            XCTAssertEqual(unlocked.status, .seeOther)
            XCTAssertEqual(unlocked.redirectLocation, Site.user(officeID) + "?notice=unlocked")
            try await AssertAsync.isNil(try await Stored.user(app, officeID).lockedUntil)
            let audit = try await Stored.audit(app, entity: "user", action: "update", entityID: officeID)
            XCTAssertEqual(audit.count, 1)
            XCTAssertNotNil(try parseJSONObject(audit.first?.beforeJSON)["lockedUntil"] as? String)
            XCTAssertTrue(try parseJSONObject(audit.first?.afterJSON)["lockedUntil"] is NSNull, "the audit shows the lock lifted")
            XCTAssertEqual(audit.first?.actorID, fixtures.users[.admin])

            try await AssertAsync.equal(try await attempt(app, "t-office", Fixtures.password).status, .seeOther, "signs in at once, no waiting")
        }
    }

    func testPerAddressRateLimitRefusesEveryUsername() async throws {
        try await withApp(configure: { $0.addressFailureLimit = 3 }) { app, _ in
            for name in ["guess-one", "guess-two", "guess-three"] {
                try await AssertAsync.equal(try await attempt(app, name, "Some-Password-1").status, .unauthorized)
            }
            let limited = try await attempt(app, "t-office", Fixtures.password)
            XCTAssertEqual(limited.status, .tooManyRequests, "even right credentials are refused from this address")
            XCTAssertTrue(limited.text.contains("登录失败次数过多"), limited.text)
            try await AssertAsync.equal(try await Stored.count(app, "sessions", where: "user_id IS NOT NULL"), 0)

            app.clock.advance(by: 15 * 60)
            try await AssertAsync.equal(try await attempt(app, "t-office", Fixtures.password).status, .seeOther, "the window has passed")
        }
    }

    func testRateLimitCountsFailuresNotSuccesses() async throws {
        try await withApp(configure: { $0.addressFailureLimit = 3 }) { app, _ in
            for _ in 1...5 { try await AssertAsync.equal(try await attempt(app, "t-leader", Fixtures.password).status, .seeOther) }
            try await AssertAsync.equal(try await attempt(app, "nobody", "Some-Password-1").status, .unauthorized)
            try await AssertAsync.equal(try await attempt(app, "t-leader", Fixtures.password).status, .seeOther)
        }
    }
}
