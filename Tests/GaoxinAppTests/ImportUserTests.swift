import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Importing user accounts: the form's rules row by row (password rules included, passwords
/// never echoed), all written or none, and only by those who administer accounts.
final class ImportUserTests: XCTestCase {
    typealias E = ImportDriver.RowError
    static let header = "用户名,姓名,所属单位,角色,邮箱,电话,初始密码"

    func testAGoodUserFileCreatesAccountsThatCanSignIn() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.admin, app: app, fixtures: fixtures)
            let users = try await Probe.count(app, "users")
            let lines = [
                Self.header,
                "li.lei,李雷,ZS-SMJK,单位用户,lilei@wuxi.cn,0510-1234567,Meihua-Garden-88",
                "Han.MeiMei,韩梅梅,无锡高新区,集群办、审计,,,Plum-Blossom-2026",
            ]
            let (_, job) = try await driver.viaPage("users", fileName: "用户.csv", data: ImportDriver.csv(lines, bom: true))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 2)
            XCTAssertEqual(job["message"] as? String, "已导入 2 条用户")
            Check.equal(try await Probe.count(app, "users"), users + 2)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'user' AND action = 'create'"), 2)
            let li = try Check.unwrap(try await User.query(on: app.db).filter(\.$username == "li.lei").first())
            XCTAssertEqual(li.displayName, "李雷")
            XCTAssertEqual(li.unitID, fixtures.otherTeam)
            XCTAssertEqual(li.roleSet, [.unit])
            XCTAssertEqual(li.phone, "0510-1234567")
            let han = try Check.unwrap(try await User.query(on: app.db).filter(\.$username == "han.meimei").first())
            XCTAssertEqual(han.roleSet, [.office, .auditor])
            XCTAssertEqual(han.unitID, fixtures.zone)
            for (username, password) in [("li.lei", "Meihua-Garden-88"), ("han.meimei", "Plum-Blossom-2026")] {
                let signIn = try await Browser(app).signIn(username, password: password)
                XCTAssertEqual(signIn.status, .seeOther, "\(username) signs in with the imported password")
            }
        }
    }

    func testEveryBadUserRowIsReportedWithoutItsPasswordAndNothingIsWritten() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.admin, app: app, fixtures: fixtures)
            let users = try await Probe.count(app, "users"), audits = try await Probe.count(app, "audit_log", where: "entity IN ('user', 'import') AND action <> 'sign_in'")
            let lines = [
                Self.header,
                "t-office,重名,ZS-SMJK,单位用户,,,Meihua-Garden-88",
                "wang.er,王二,不存在的单位,单位用户,,,Meihua-Garden-88",
                "zhang.san,张三,ZS-SMJK,老板,,,Meihua-Garden-88",
                "zhao.si,赵四,ZS-SMJK,单位用户,,,short-pw",
                "qian.wu,钱五,ZS-SMJK,单位用户,bad-email,,Meihua-Garden-88",
                "sun.liu,孙六,ZS-SMJK,单位用户,,,Meihua-Garden-88",
                "sun.liu,孙六二,ZS-SMJK,单位用户,,,Meihua-Garden-88",
                "zhou.qi,周七,ZS-SMJK,单位用户,,,zhou.qi-secret-1",
                "wu.ba,,ZS-SMJK,单位用户,,,Meihua-Garden-88",
            ]
            let (id, job) = try await driver.viaAPI("users", fileName: "有错误的用户.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(job["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(job), [
                E(2, "初始密码", "******", "初始密码只在新建时设置；修改密码由本人在“我的账号”操作，或由管理员在用户页重置"),
                E(3, "所属单位", "不存在的单位", "所属单位：找不到单位“不存在的单位”"),
                E(4, "角色", "老板", "角色“老板”不存在"),
                E(5, "初始密码", "******", "密码至少需要 10 个字符"),
                E(6, "邮箱", "bad-email", "邮箱格式不正确"),
                E(8, "用户名", "sun.liu", "与第 7 行重复"),
                E(9, "初始密码", "******", "密码不能与用户名相同或包含用户名"),
                E(10, "姓名", "", "请填写姓名"),
            ])
            XCTAssertEqual(job["message"] as? String, "发现 8 处问题，未写入任何数据。请修改后重新导入。")
            Check.equal(try await Probe.count(app, "users"), users)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity IN ('user', 'import') AND action <> 'sign_in'"), audits)
            let errors = try await driver.browser.get(Site.jobErrors(id, format: "csv"))
            XCTAssertFalse(errors.text.contains("short-pw"), "passwords never appear in the error file")
            XCTAssertFalse(errors.text.contains("zhou.qi-secret-1"))
        }
    }

    func testOnlyAdministratorsImportUsers() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let jobs = try await Probe.count(app, "jobs")
            let data = ImportDriver.csv([Self.header, "li.lei,李雷,ZS-SMJK,单位用户,,,Meihua-Garden-88"])
            let page = try await office.browser.upload(Site.importUpload("users"), fileName: "u.csv", data: data)
            XCTAssertEqual(page.status, .forbidden)
            let api = try await office.api.upload(Site.API.importUpload("users"), fileName: "u.csv", data: data)
            XCTAssertEqual(try SeenAPIError(api).code, "forbidden")
            let imports = try await office.browser.get(Site.imports)
            XCTAssertTrue(imports.text.contains("action=\"\(Site.importUpload("units"))\""))
            XCTAssertFalse(imports.text.contains("action=\"\(Site.importUpload("users"))\""), "office sees only the registers it may write")
            Check.equal(try await Probe.count(app, "jobs"), jobs)
            Check.equal(try await Probe.count(app, "users", where: "username = 'li.lei'"), 0)
            let leader = Browser(app)
            try await leader.signIn(as: .leader)
            Check.equal(try await leader.get(Site.imports).status, .forbidden)
        }
    }
}
