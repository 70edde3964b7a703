import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// What the user register's declaration adds to the ordinary register (issue 10): sign-in's own
/// columns survive every edit, new rights end a user's sessions at once, nobody drops their own
/// administrator role, a user comes back only into an active unit, and `/api/v1/me` is the
/// register's record without its secret.
final class UserDeclarationTests: XCTestCase {
    func testAnEditKeepsTheLastSignInAndShowsIt() async throws {
        try await withApp { app, fixtures in
            let leaderID = fixtures.users[.leader]!
            let leader = try await Browser.signedIn(app, as: .leader)
            let signedInAt = try await AssertAsync.unwrap(try await Stored.user(app, leaderID).lastLoginAt)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let patched = try await admin.send(.PATCH, Site.API.user(leaderID), body: ["displayName": "钱副主任", "phone": "0510-1234"])
            XCTAssertEqual(patched.status, .ok, patched.text)
            let body = try admin.object(patched)
            XCTAssertEqual(body["lastLoginAt"] as? String, RegisterTimestamp.text(signedInAt), "shown in the API")
            XCTAssertNil(body["password"])
            try await AssertAsync.equal(try await Stored.user(app, leaderID).lastLoginAt, signedInAt, "an edit never writes sign-in's columns")
            try await AssertAsync.equal(try await leader.get(Site.home).status, .ok, "a new name or phone keeps the session")
            let list = try await (try await Browser.signedIn(app, as: .admin)).get(Site.users + "?roles=leader")
            XCTAssertTrue(list.text.contains("钱副主任") && list.text.contains(DisplayFormat.dateTime(signedInAt)), "the list shows the last sign-in")
            XCTAssertFalse(list.text.contains("测试集群办"), "filtered by role")
        }
    }

    func testNewRolesOrUnitEndTheSessionAtOnce() async throws {
        try await withApp { app, fixtures in
            let leaderID = fixtures.users[.leader]!
            let leader = try await Browser.signedIn(app, as: .leader)
            let admin = try await Browser.signedIn(app, as: .admin)
            try await admin.get(Site.userEdit(leaderID))
            let saved = try await admin.post(Site.user(leaderID), [
                ("username", "t-leader"), ("displayName", "测试领导"), ("unitId", "\(fixtures.zone)"), ("roles[]", "leader"), ("roles[]", "auditor"),
            ])
            XCTAssertEqual(saved.status, .seeOther, HTMLProbe.allFieldErrors(saved.text).joined(separator: "; "))
            try await AssertAsync.equal(try await leader.get(Site.home).status, .seeOther, "back to sign-in: the old rights are gone")
            let again = try await Browser.signedIn(app, as: .leader)
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await api.send(.PATCH, Site.API.user(leaderID), body: ["unitId": fixtures.board]).status, .ok)
            try await AssertAsync.equal(try await again.get(Site.home).status, .seeOther, "a new unit too")
        }
    }

    func testNobodyDropsTheirOwnAdministratorRole() async throws {
        try await withApp { app, fixtures in
            let adminID = fixtures.users[.admin]!
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let refused = try SeenAPIError(try await api.send(.PATCH, Site.API.user(adminID), body: ["roles": ["office"]]))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertEqual(refused.field, "roles")
            XCTAssertEqual(refused.message, "不能取消自己的系统管理员角色")
            try await AssertAsync.equal(try await Stored.user(app, adminID).roleSet, [.admin])
            let added = try await api.send(.PATCH, Site.API.user(adminID), body: ["roles": ["admin", "auditor"]])
            XCTAssertEqual(try api.object(added)["roleNames"] as? [String], [Role.admin.nameZh, Role.auditor.nameZh], "labels beside the codes")
            // Another administrator's role is theirs to change.
            let other = try await api.send(.POST, Site.API.users, body: ["username": "second.admin", "displayName": "第二管理员", "unitId": fixtures.zone,
                                                                       "roles": ["admin"], "password": "Second-Admin-2026"])
            let otherID = try XCTUnwrap(try api.object(other)["id"] as? Int)
            try await AssertAsync.equal(try await api.send(.PATCH, Site.API.user(otherID), body: ["roles": ["office"]]).status, .ok)
        }
    }

    func testAUserComesBackOnlyIntoAnActiveUnit() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let closing = try await office.createUnit("撤并专班", kind: "taskForce", parent: fixtures.zone)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let created = try await admin.send(.POST, Site.API.users, body: ["username": "zhuan.ban", "displayName": "专班成员", "unitId": closing,
                                                                            "roles": ["unit"], "password": "Task-Force-2026"])
            let id = try XCTUnwrap(try admin.object(created)["id"] as? Int)
            try await AssertAsync.equal(try await admin.send(.POST, Site.API.userDeactivate(id)).status, .ok)
            try await AssertAsync.equal(try await office.send(.POST, Site.API.unitDeactivate(closing)).status, .ok, "no active user is left in it")
            let refused = try SeenAPIError(try await admin.send(.POST, Site.API.userReactivate(id)))
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertEqual(refused.message, "用户所属单位“撤并专班”已停用，请先调整单位")
            try await AssertAsync.equal(try await Stored.user(app, id).active, false)
        }
    }

    func testTheNewUserFormMarksWhatIsRequired() async throws {
        try await withApp { app, _ in
            let form = try await (try await Browser.signedIn(app, as: .admin)).get(Site.userNew)
            for label in ["用户名", "姓名", "所属单位", "初始密码"] {
                XCTAssertTrue(form.text.contains(">\(label)<span class=\"req\"> *</span>"), label)
            }
            XCTAssertTrue(form.text.contains("<span class=\"label\">角色<span class=\"req\"> *</span></span>"), "at least one role: the boxes are marked too")
            XCTAssertFalse(form.text.contains(">邮箱<span class=\"req\">"))
        }
    }

    func testMeIsTheUsersRecordWithoutItsSecret() async throws {
        try await withApp { app, fixtures in
            let unit = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let me = try await unit.send(.GET, "/api/v1/me")
            XCTAssertEqual(me.status, .ok)
            let body = try unit.object(me)
            XCTAssertEqual(body["username"] as? String, "t-unit")
            XCTAssertEqual(body["roles"] as? [String], ["unit"])
            XCTAssertEqual(body["unitName"] as? String, "集成电路招商团队")
            XCTAssertNil(body["password"])
            XCTAssertFalse(me.text.contains("$2"), "no bcrypt hash anywhere")
        }
    }
}
