import Fluent
import Foundation
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Issue 10: the user list's export is the import's format. Exported and imported back (CSV and
/// xlsx) it changes nothing; edited cells change those accounts alone (matched by username), a new
/// row with a password creates an account, and a changed role ends that user's sessions at once.
final class UserRoundTripTests: XCTestCase {
    func testTheUserExportImportsBackUnchangedAndCarriesAnEdit() async throws {
        for format in ["csv", "xlsx"] {
            try await withApp { app, fixtures in
                let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
                let created = try await admin.send(.POST, Site.API.users, body: ["username": "zhao.liu", "displayName": "赵六", "unitId": fixtures.team,
                                                                                 "roles": ["leader", "unit"], "email": "zhao@example.cn", "phone": "0510-1234567",
                                                                                 "password": "Taihu-Lake-2026!"])
                XCTAssertEqual(created.status, .created, created.text)
                func listed() async throws -> [NSDictionary] {
                    let response = try await admin.send(.GET, Site.API.users + "?per=200&sort=username")
                    return (try parseJSONObject(response)["items"] as? [[String: Any]] ?? []).map { $0 as NSDictionary }
                }
                let driver = try await ImportDriver.signedIn(.admin, app: app, fixtures: fixtures)
                let before = try await listed()
                let audits = try await Stored.count(app, "audit_log", where: "entity = 'user' AND action <> 'sign_in'")
                let exported = try await driver.browser.get(Site.usersExport + "?format=\(format)&sort=username")
                XCTAssertEqual(exported.status, .ok)
                let (_, job) = try await driver.viaPage("users", fileName: "用户.\(format)", data: exported.bodyData)
                XCTAssertEqual(job["status"] as? String, "succeeded", "\(format): \(job)")
                try await AssertAsync.equal(try await listed(), before, "\(format): export → import changes nothing")
                try await AssertAsync.equal(try await Stored.count(app, "audit_log", where: "entity = 'user' AND action <> 'sign_in'"), audits, "nothing rewritten")

                // The leader signs in; then the file takes 领导 away from 赵六 and renames the unit user.
                let zhao = Browser(app)
                try await AssertAsync.equal(try await zhao.signIn("zhao.liu", password: "Taihu-Lake-2026!").status, .seeOther)
                var table = try SpreadsheetEdits.open(exported.bodyData, format: format)
                let heading = table.rows[0].map(\.text)
                let roles = try XCTUnwrap(heading.firstIndex(of: "角色")), name = try XCTUnwrap(heading.firstIndex(of: "姓名"))
                let zhaoRow = try XCTUnwrap(table.rows.firstIndex { $0.first?.text == "zhao.liu" })
                let unitRow = try XCTUnwrap(table.rows.firstIndex { $0.first?.text == "t-unit" })
                XCTAssertEqual(table.rows[zhaoRow].map(\.text).prefix(6), ["zhao.liu", "赵六", "ZS-JCDL", "单位用户、领导", "zhao@example.cn", "0510-1234567"])
                table.rows[zhaoRow][roles] = .text("单位用户")
                table.rows[unitRow][name] = .text("单位用户（改名）")
                var added = heading.map { _ in SheetCell.empty }
                added[0] = .text("qian.qi"); added[name] = .text("钱七"); added[heading.firstIndex(of: "所属单位")!] = .text("ZS-SMJK")
                added[roles] = .text("领导")
                let withPassword = heading + ["初始密码"]
                table.rows[0] = withPassword.map { .text($0) }
                table.rows = table.rows.enumerated().map { index, row in index == 0 ? row : row + [.empty] }
                table.rows.append(added + [.text("Plum-Blossom-2026")])
                let edited = try SpreadsheetEdits.save(table, format: format)
                let (_, second) = try await driver.viaPage("users", fileName: "用户（改）.\(format)", data: edited)
                XCTAssertEqual(second["status"] as? String, "succeeded", "\(second)")
                let updates = try await Stored.audit(app, entity: "user", action: "update")
                XCTAssertEqual(Set(updates.map(\.entityID)), ["\(fixtures.users[.unit]!)", "\(try XCTUnwrap(try parseJSONObject(created)["id"] as? Int))"])
                let zhaoAfter = try await AssertAsync.unwrap(try await User.query(on: app.db).filter(\.$username == "zhao.liu").first())
                XCTAssertEqual(zhaoAfter.roleSet, [.unit])
                XCTAssertEqual(zhaoAfter.email, "zhao@example.cn", "the rest kept")
                try await AssertAsync.equal(try await zhao.get(Site.home).status, .seeOther, "the changed role ended the session")
                let qian = try await AssertAsync.unwrap(try await User.query(on: app.db).filter(\.$username == "qian.qi").first())
                XCTAssertEqual(qian.unitID, fixtures.otherTeam)
                try await AssertAsync.equal(try await Browser(app).signIn("qian.qi", password: "Plum-Blossom-2026").status, .seeOther)
            }
        }
    }
}
