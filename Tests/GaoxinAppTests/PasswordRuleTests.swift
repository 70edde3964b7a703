import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Password rules (length ≥ 10, not/containing the username, not a common password) on every path
/// that sets a password: API create, the HTML form, one's own change, an administrator's reset.
final class PasswordRuleTests: XCTestCase {
    struct Case {
        let username: String
        let password: String
        let code: String
        let message: String
    }

    static let short = "密码至少需要 10 个字符"
    static let username = "密码不能与用户名相同或包含用户名"
    static let common = "密码过于常见，请换一个更难猜的密码"

    static let cases: [Case] = [
        Case(username: "zhangwei", password: "Ab-12345", code: "password_too_short", message: short),
        Case(username: "zhangwei", password: "Ab-123456", code: "password_too_short", message: short),
        Case(username: "zhangwei2024", password: "zhangwei2024", code: "password_is_username", message: username),
        Case(username: "zhangwei2024", password: "My-ZhangWei2024!", code: "password_is_username", message: username),
        Case(username: "zhangwei", password: "password123", code: "password_too_common", message: common),
        Case(username: "zhangwei", password: "Woaini1314", code: "password_too_common", message: common),
        Case(username: "zhangwei", password: "aaaaaaaaaaaa", code: "password_too_common", message: common),
        Case(username: "zhangwei", password: "1234567890", code: "password_too_common", message: common),
    ]

    private func counts(_ app: Application) async throws -> [Int] {
        [try await Stored.count(app, "users"), try await Stored.count(app, "audit_log")]
    }

    func testAPIRefusesEachWeakPasswordWithFieldAndChineseMessage() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let before = try await counts(app)
            for item in Self.cases {
                let body = #"{"username":"\#(item.username)","displayName":"张伟","unitId":\#(fixtures.team),"roles":["unit"],"password":"\#(item.password)"}"#
                let response = try await admin.send(.POST, Site.API.users, json: body)
                XCTAssertEqual(response.status, .unprocessableEntity, item.password)
                let error = try apiErrorObject(response)
                XCTAssertEqual(error["field"] as? String, "password", item.password)
                XCTAssertEqual(error["code"] as? String, item.code, item.password)
                XCTAssertEqual(error["message"] as? String, item.message, item.password)
            }
            try await AssertAsync.equal(try await counts(app), before, "no user and no audit row written")

            let good = #"{"username":"zhangwei","displayName":"张伟","unitId":\#(fixtures.team),"roles":["unit"],"password":"Tea-Garden-Lake-88"}"#
            try await AssertAsync.equal(try await admin.send(.POST, Site.API.users, json: good).status, .created, "the control: a good password is accepted")
            let browser = try await Browser.anonymous(app)
            try await AssertAsync.equal(try await browser.post(Site.signIn, [("username", "zhangwei"), ("password", "Tea-Garden-Lake-88"), ("next", "/")]).status, .seeOther)
        }
    }

    func testMissingPasswordIsRequired() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let body = #"{"username":"lisi","displayName":"李四","unitId":\#(fixtures.team),"roles":["unit"]}"#
            let response = try await admin.send(.POST, Site.API.users, json: body)
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(response)["field"] as? String, "password")
            XCTAssertEqual(try apiErrorObject(response)["code"] as? String, "required")
        }
    }

    func testHTMLFormShowsTheErrorNextToThePasswordField() async throws {
        try await withApp { app, fixtures in
            let admin = try await Browser.signedIn(app, as: .admin)
            try await AssertAsync.equal(try await admin.get(Site.userNew).status, .ok)
            let before = try await counts(app)
            for item in Self.cases {
                let form = [("username", item.username), ("displayName", "张伟"), ("unitId", "\(fixtures.team)"), ("roles[]", "unit"), ("password", item.password)]
                let response = try await admin.post(Site.users, form)
                XCTAssertEqual(response.status, .unprocessableEntity, item.password)
                XCTAssertTrue(response.text.contains("id=\"password-error\">\(item.message)<"), "error beside the field for \(item.password): \(response.text)")
                XCTAssertTrue(response.text.contains("value=\"\(item.username)\""), "the username is kept")
                let field = try XCTUnwrap(response.text.range(of: #"<input[^>]*name="password"[^>]*>"#, options: .regularExpression).map { String(response.text[$0]) })
                XCTAssertFalse(field.contains("value=\"") && !field.contains("value=\"\""), "the password field comes back empty: \(field)")
                if item.password != item.username {
                    XCTAssertFalse(response.text.contains(item.password), "the password is not echoed back")
                }
            }
            try await AssertAsync.equal(try await counts(app), before)
        }
    }

    func testOwnPasswordChangeFollowsTheRules() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            let hash = try await Stored.user(app, fixtures.users[.office]).passwordHash
            let auditBefore = try await Stored.count(app, "audit_log")
            for (password, message) in [("short-1", Self.short), ("x-t-office-x", Self.username), ("qwertyuiop", Self.common)] {
                let response = try await browser.post(Site.accountPassword, [("currentPassword", Fixtures.password), ("newPassword", password)])
                XCTAssertEqual(response.status, .unprocessableEntity, password)
                XCTAssertTrue(response.text.contains("id=\"newPassword-error\">\(message)<"), "\(password): \(response.text)")
            }
            let wrongCurrent = try await browser.post(Site.accountPassword, [("currentPassword", "Not-My-Password"), ("newPassword", "Brand-New-Secret-77")])
            XCTAssertEqual(wrongCurrent.status, .unprocessableEntity)
            XCTAssertTrue(wrongCurrent.text.contains("id=\"currentPassword-error\">当前密码不正确<"), wrongCurrent.text)
            try await AssertAsync.equal(try await Stored.user(app, fixtures.users[.office]).passwordHash, hash, "password unchanged")
            try await AssertAsync.equal(try await Stored.count(app, "audit_log"), auditBefore)
        }
    }

    func testAdministratorResetFollowsTheRules() async throws {
        try await withApp { app, fixtures in
            let admin = try await Browser.signedIn(app, as: .admin)
            let leaderID = fixtures.users[.leader]!
            let hash = try await Stored.user(app, leaderID).passwordHash
            let weak = try await admin.post(Site.userPassword(leaderID), [("newPassword", "t-leader-2024")])
            XCTAssertEqual(weak.status, .unprocessableEntity)
            XCTAssertTrue(weak.text.contains(Self.username), weak.text)
            try await AssertAsync.equal(try await Stored.user(app, leaderID).passwordHash, hash)

            let strong = try await admin.post(Site.userPassword(leaderID), [("newPassword", "Mountain-River-31")])
            XCTAssertEqual(strong.status, .seeOther)
            try await AssertAsync.notEqual(try await Stored.user(app, leaderID).passwordHash, hash)
            try await AssertAsync.equal(try await Stored.audit(app, entity: "user", action: "password_change", entityID: leaderID).count, 1)
        }
    }
}
