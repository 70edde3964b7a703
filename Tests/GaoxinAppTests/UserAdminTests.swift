import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// User administration through the form and the API: create with roles in an existing unit,
/// edit, deactivate and reactivate; every refusal names its field and writes nothing.
final class UserAdminTests: XCTestCase {
    static let goodPassword = "Taihu-Lake-2026!"

    func testAdminCreatesAUserThroughTheFormWhoCanThenSignIn() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            Check.equal(try await browser.get(Site.userNew).status, .ok)
            let users = try await Probe.count(app, "users")
            let response = try await browser.post(Site.users, [
                ("username", "Zhang.San"), ("displayName", "张三"), ("unitId", "\(fixtures.team)"), ("roles[]", "unit"), ("roles[]", "leader"),
                ("email", "zhangsan@wuxi.gov.cn"), ("phone", "0510-8123 4567"), ("password", Self.goodPassword),
            ])
            XCTAssertEqual(response.status, .seeOther, HTMLProbe.allFieldErrors(response.text).joined(separator: "; "))
            let location = try XCTUnwrap(response.location)
            let id = try XCTUnwrap(Int(location.dropFirst("/users/".count).prefix { $0.isNumber }))
            let user = try Check.unwrap(try await User.find(id, on: app.db))
            XCTAssertEqual(user.username, "zhang.san", "usernames are stored in lower case")
            XCTAssertEqual(user.displayName, "张三")
            XCTAssertEqual(user.unitID, fixtures.team)
            XCTAssertEqual(user.roleSet, [.unit, .leader])
            XCTAssertEqual(user.email, "zhangsan@wuxi.gov.cn")
            XCTAssertNotEqual(user.passwordHash, Self.goodPassword)
            Check.equal(try await Probe.count(app, "users"), users + 1)
            let audit = try Check.unwrap(try await Probe.lastAudit(app, entity: "user", id: id))
            XCTAssertEqual(audit.action, "create")
            XCTAssertFalse(audit.afterJson?.contains(user.passwordHash) ?? true, "the hash never reaches the audit log")
            XCTAssertFalse(audit.afterJson?.contains(Self.goodPassword) ?? true)
            let page = try await browser.get(location)
            XCTAssertTrue(page.text.contains("张三") && page.text.contains("集成电路招商团队"))

            let newcomer = Browser(app)
            let signIn = try await newcomer.signIn("zhang.san", password: Self.goodPassword)
            XCTAssertEqual(signIn.status, .seeOther, "the new user can sign in")
        }
    }

    func testCreateThroughAPIReturns201WithRolesAndUnit() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let response = try await api.send(.POST, Site.API.users, body: [
                "username": "li-si", "displayName": "李四", "unitId": fixtures.zone, "roles": ["auditor", "office"], "password": Self.goodPassword,
            ])
            XCTAssertEqual(response.status, .created, response.text)
            let body = try api.object(response)
            XCTAssertEqual(body["username"] as? String, "li-si")
            XCTAssertEqual(body["roles"] as? [String], ["office", "auditor"])
            XCTAssertEqual(body["unitName"] as? String, "无锡高新区")
            XCTAssertEqual(body["active"] as? Bool, true)
            XCTAssertNil(body["password"])
            XCTAssertNil(body["passwordHash"])
            // Chinese role names are accepted too, as an import file would write them.
            let chinese = try await api.send(.POST, Site.API.users, body: [
                "username": "wang.wu", "displayName": "王五", "unitId": fixtures.team, "roles": ["单位用户"], "password": Self.goodPassword,
            ])
            XCTAssertEqual(chinese.status, .created, chinese.text)
            XCTAssertEqual(try api.object(chinese)["roles"] as? [String], ["unit"])
        }
    }

    func testEveryAPIRuleFailureNamesItsFieldAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let closed = try await office.createUnit("已撤销的专班", kind: "taskForce", parent: fixtures.zone)
            Check.equal(try await office.send(.POST, Site.API.unitDeactivate(closed)).status, .ok)
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let base: [String: Any] = ["username": "zhao.liu", "displayName": "赵六", "unitId": fixtures.team, "roles": ["unit"], "password": Self.goodPassword]
            let cases: [(change: [String: Any], field: String, code: String, message: String)] = [
                (["unitId": 999_999], "unitId", "invalid", "所属单位：找不到单位“999999”"),
                (["unitId": closed], "unitId", "invalid", "所属单位：单位“已撤销的专班”已停用"),
                (["username": "t-office"], "username", "duplicate", "用户名“t-office”已被“测试\(Role.office.nameZh)”使用"),
                (["username": "T-Office"], "username", "duplicate", "用户名“t-office”已被“测试\(Role.office.nameZh)”使用"),
                (["username": "ab"], "username", "invalid", "用户名为 3–50 位小写字母、数字或 . _ -"),
                (["username": "张三"], "username", "invalid", "用户名只能包含小写字母、数字、. _ -"),
                (["displayName": ""], "displayName", "required", "请填写姓名"),
                (["roles": [String]()], "roles", "required", "请至少选择一个角色"),
                (["roles": ["boss"]], "roles", "invalid", "角色“boss”不存在"),
                (["email": "zhao.liu#wuxi"], "email", "invalid", "邮箱格式不正确"),
                (["phone": "电话号码"], "phone", "invalid", "电话只能包含数字和 + - ( ) 空格"),
                (["password": "short-1"], "password", "password_too_short", "密码至少需要 10 个字符"),
                (["password": "zhao.liu-2026-x"], "password", "password_is_username", "密码不能与用户名相同或包含用户名"),
                (["password": ""], "password", "required", "请填写初始密码"),
            ]
            let users = try await Probe.count(app, "users"), audits = try await Probe.auditCount(app)
            for (change, field, code, message) in cases {
                let error = try SeenAPIError(try await api.send(.POST, Site.API.users, body: base.merging(change) { $1 }))
                XCTAssertEqual(error.status, .unprocessableEntity, "\(change)")
                XCTAssertEqual(error.field, field, "\(change)")
                XCTAssertEqual(error.code, code, "\(change)")
                XCTAssertEqual(error.message, message, "\(change)")
            }
            var noUnit = base
            noUnit["unitId"] = nil
            let missingUnit = try SeenAPIError(try await api.send(.POST, Site.API.users, body: noUnit))
            XCTAssertEqual(missingUnit.field, "unitId")
            XCTAssertEqual(missingUnit.message, "请选择所属单位")
            Check.equal(try await Probe.count(app, "users"), users)
            Check.equal(try await Probe.auditCount(app), audits)
        }
    }

    func testFormRefusalsAreShownBesideTheirFields() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            try await browser.get(Site.userNew)
            let users = try await Probe.count(app, "users"), audits = try await Probe.auditCount(app, entity: "user")
            let response = try await browser.post(Site.users, [
                ("username", "t-leader"), ("displayName", "重名的人"), ("unitId", "\(fixtures.team)"), ("roles[]", "boss"),
                ("email", "not-an-email"), ("password", "123456789"),
            ])
            XCTAssertEqual(response.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(response.text, "roles"), "角色“boss”不存在")
            XCTAssertEqual(HTMLProbe.fieldError(response.text, "email"), "邮箱格式不正确")
            XCTAssertEqual(HTMLProbe.fieldError(response.text, "password"), "密码至少需要 10 个字符")
            XCTAssertEqual(HTMLProbe.inputValue(response.text, "displayName"), "重名的人", "what was typed is kept")
            XCTAssertFalse(response.text.contains("123456789"), "a password is never sent back")
            // Once the other fields are right, the duplicate username shows beside its field.
            let duplicate = try await browser.post(Site.users, [
                ("username", "t-leader"), ("displayName", "重名的人"), ("unitId", "\(fixtures.team)"), ("roles[]", "leader"), ("password", Self.goodPassword),
            ])
            XCTAssertEqual(duplicate.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(duplicate.text, "username"), "用户名“t-leader”已被“测试\(Role.leader.nameZh)”使用")
            let badUnit = try await browser.post(Site.users, [
                ("username", "new.person"), ("displayName", "新人"), ("unitId", "不存在"), ("roles[]", "leader"), ("password", Self.goodPassword),
            ])
            XCTAssertEqual(badUnit.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(badUnit.text, "unitId"), "所属单位：找不到单位“不存在”")
            Check.equal(try await Probe.count(app, "users"), users)
            Check.equal(try await Probe.auditCount(app, entity: "user"), audits)
        }
    }

    func testEditThroughFormAndAPI() async throws {
        try await withApp { app, fixtures in
            let leader = fixtures.users[.leader]!
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            let form = try await browser.get(Site.userEdit(leader))
            XCTAssertEqual(HTMLProbe.inputValue(form.text, "displayName"), "测试领导")
            XCTAssertNil(HTMLProbe.inputValue(form.text, "password"), "the edit form has no password field")
            let saved = try await browser.post(Site.user(leader), [
                ("username", "t-leader"), ("displayName", "钱副主任"), ("unitId", "\(fixtures.board)"), ("roles[]", "leader"), ("roles[]", "auditor"),
            ])
            XCTAssertEqual(saved.status, .seeOther, HTMLProbe.allFieldErrors(saved.text).joined(separator: "; "))
            var user = try await Probe.user(app, leader)
            XCTAssertEqual(user.displayName, "钱副主任")
            XCTAssertEqual(user.unitID, fixtures.board)
            XCTAssertEqual(user.roleSet, [.leader, .auditor])
            let audit = try Check.unwrap(try await Probe.lastAudit(app, entity: "user", id: leader))
            XCTAssertEqual(audit.action, "update")
            XCTAssertTrue(audit.beforeJson?.contains("测试领导") ?? false)
            XCTAssertTrue(audit.afterJson?.contains("钱副主任") ?? false)

            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let patched = try await api.send(.PATCH, Site.API.user(leader), body: ["phone": "13800000000"])
            XCTAssertEqual(patched.status, .ok, patched.text)
            user = try await Probe.user(app, leader)
            XCTAssertEqual(user.phone, "13800000000")
            XCTAssertEqual(user.roleSet, [.leader, .auditor], "absent fields keep their value")
            let missingUnit = try SeenAPIError(try await api.send(.PATCH, Site.API.user(leader), body: ["unitId": 999_999]))
            XCTAssertEqual(missingUnit.status, .unprocessableEntity)
            XCTAssertEqual(missingUnit.field, "unitId")
            Check.equal(try await Probe.user(app, leader).unitID, fixtures.board)
            let taken = try SeenAPIError(try await api.send(.PATCH, Site.API.user(leader), body: ["username": "t-office"]))
            XCTAssertEqual(taken.field, "username")
            XCTAssertEqual(taken.code, "duplicate")
            let hashBefore = try await Probe.user(app, leader).passwordHash
            let password = try SeenAPIError(try await api.send(.PATCH, Site.API.user(leader), body: ["password": "Brand-New-Secret-9"]))
            XCTAssertEqual(password.status, .unprocessableEntity, "a password is not silently ignored")
            XCTAssertEqual(password.field, "password")
            XCTAssertEqual(password.message, "初始密码只在新建时设置；修改密码由本人在“我的账号”操作，或由管理员在用户页重置")
            Check.equal(try await Probe.user(app, leader).passwordHash, hashBefore)
        }
    }

    func testDeactivateRevokesAccessAndReactivateRestoresTheAccount() async throws {
        try await withApp { app, fixtures in
            let leaderID = fixtures.users[.leader]!
            let leader = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            Check.equal(try await leader.send(.GET, Site.API.units).status, .ok)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let off = try await admin.send(.POST, Site.API.userDeactivate(leaderID))
            XCTAssertEqual(off.status, .ok, off.text)
            XCTAssertEqual(try admin.object(off)["active"] as? Bool, false)
            Check.equal(try await leader.send(.GET, Site.API.units).status, .unauthorized, "the user's tokens stop working")
            Check.equal(try await Probe.lastAudit(app, entity: "user", id: leaderID)?.action, "deactivate")
            Check.equal(try await Probe.count(app, "users", where: "id = \(leaderID)"), 1, "never deleted")
            let refused = try await Browser(app).signIn(Fixtures.username(.leader))
            XCTAssertNotEqual(refused.status, .seeOther, "a deactivated user cannot sign in")

            let on = try await admin.send(.POST, Site.API.userReactivate(leaderID))
            XCTAssertEqual(on.status, .ok, on.text)
            XCTAssertEqual(try admin.object(on)["active"] as? Bool, true)
            let browser = Browser(app)
            Check.equal(try await browser.signIn(Fixtures.username(.leader)).status, .seeOther)

            // The same through the user's page, as an administrator clicks it.
            let page = Browser(app)
            try await page.signIn(as: .admin)
            try await page.get(Site.user(leaderID))
            let off2 = try await page.post(Site.userDeactivate(leaderID))
            XCTAssertEqual(off2.status, .seeOther)
            XCTAssertEqual(off2.location, Site.user(leaderID) + "?notice=deactivated")
            Check.equal(try await Probe.user(app, leaderID).active, false)
            let shown = try await page.get(Site.user(leaderID))
            XCTAssertTrue(shown.text.contains("已停用"))
            XCTAssertTrue(shown.text.contains("action=\"\(Site.userReactivate(leaderID))\""))
            let on2 = try await page.post(Site.userReactivate(leaderID))
            XCTAssertEqual(on2.location, Site.user(leaderID) + "?notice=reactivated")
            Check.isTrue(try await Probe.user(app, leaderID).active)
        }
    }

    func testNobodyCanDeactivateTheirOwnAccount() async throws {
        try await withApp { app, fixtures in
            let adminID = fixtures.users[.admin]!
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let error = try SeenAPIError(try await api.send(.POST, Site.API.userDeactivate(adminID)))
            XCTAssertEqual(error.status, .conflict)
            XCTAssertEqual(error.message, "不能停用自己的账号")
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            try await browser.get(Site.user(adminID))
            let page = try await browser.post(Site.userDeactivate(adminID))
            XCTAssertEqual(page.status, .conflict)
            XCTAssertTrue(page.text.contains("不能停用自己的账号"))
            Check.isTrue(try await Probe.user(app, adminID).active)
            Check.equal(try await Probe.count(app, "audit_log", where: "action = 'deactivate'"), 0)
            // Nor can office staff, who do not administer accounts at all.
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            Check.equal(try await office.send(.POST, Site.API.userDeactivate(fixtures.users[.office]!)).status, .forbidden)
            Check.equal(try await office.send(.POST, Site.API.users, body: ["username": "x.y.z"]).status, .forbidden)
        }
    }
}
