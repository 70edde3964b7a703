import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The enterprise service file (issue 12 item 6): one liaison per enterprise (its import key),
/// visits, and service items that show as overdue once past their deadline unless done — on the
/// registers' lists and API and on the enterprise's page.
final class EnterpriseServiceTests: XCTestCase {
    func testAServiceItemPastItsDeadlineIsOverdueUntilItIsDone() async throws {
        try await withApp { app, fixtures in
            let items = RegisterDeclaration.serviceItems
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let enterprise = try await office.createEnterprise("服务测试半导体有限公司", code: USCC.numbered(71), unit: fixtures.team)
            // Today is 2026-09-21 (Fixtures.startOfTest).
            var ids: [String: Int] = [:]
            for (code, due, status) in [("YQYC-1", "2026-09-20", "in_progress"), ("YQYC-2", "2026-09-25", "open"), ("YQYC-3", "2026-12-31", "open")] {
                let created = try await office.send(.POST, items.apiPath, body: ["code": code, "title": "事项\(code)", "enterpriseId": enterprise,
                                                                               "owningUnitId": fixtures.team, "dueOn": due, "status": status])
                XCTAssertEqual(created.status, .created, created.text)
                ids[code] = try parseJSONObject(created)["id"] as? Int
            }
            let list = try parseJSONObject(try await office.send(.GET, items.apiPath))
            XCTAssertEqual((list["items"] as? [[String: Any]])?.map { $0["timeliness"] as? String }, ["expired", "expiring", "valid"], "sorted by deadline")
            let overdue = try parseJSONObject(try await office.send(.GET, items.apiPath + "?timeliness=expired"))
            XCTAssertEqual((overdue["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["YQYC-1"])

            // Marking it done needs the day it was done; then it is done, not overdue, and leaves the overdue filter.
            let missingDay = try await office.send(.PATCH, items.apiPath(ids["YQYC-1"]!), body: ["status": "done"])
            XCTAssertEqual(missingDay.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(missingDay)["field"] as? String, "doneOn")
            XCTAssertEqual(try apiErrorObject(missingDay)["message"] as? String, "已办结的事项须填写办结日期")
            let done = try await office.send(.PATCH, items.apiPath(ids["YQYC-1"]!), body: ["status": "done", "doneOn": "2026-09-21"])
            XCTAssertEqual(done.status, .ok, done.text)
            XCTAssertEqual(try parseJSONObject(done)["timeliness"] as? String, "settled")
            let afterwards = try parseJSONObject(try await office.send(.GET, items.apiPath + "?timeliness=expired"))
            XCTAssertEqual((afterwards["items"] as? [[String: Any]])?.count, 0)
            let settled = try parseJSONObject(try await office.send(.GET, items.apiPath + "?timeliness=settled"))
            XCTAssertEqual((settled["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["YQYC-1"])
            let openWithDay = try await office.send(.PATCH, items.apiPath(ids["YQYC-2"]!), body: ["doneOn": "2026-09-21"])
            XCTAssertEqual(try apiErrorObject(openWithDay)["field"] as? String, "doneOn", "only a done item has a done day")
            try await AssertAsync.equal(try await office.send(.GET, items.apiPath + "?timeliness=bogus").status, .badRequest)

            // A week later the item due on the 25th is overdue, with nothing written.
            app.clock.advance(by: 7 * 86_400)
            let later = try parseJSONObject(try await office.send(.GET, items.apiPath + "?timeliness=expired"))
            XCTAssertEqual((later["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["YQYC-2"])
            let browser = try await Browser.signedIn(app, as: .leader)
            let listPage = try await browser.get(items.path + "?timeliness=expired")
            XCTAssertTrue(HTMLProbe.tableBody(listPage.text).contains("已逾期"), "the list says overdue")
            let page = try await browser.get(Site.enterprise(enterprise))
            XCTAssertTrue(page.text.contains("一企一策服务事项"), "the enterprise page lists its service items")
            XCTAssertTrue(page.text.contains("已逾期 1"), "and counts the overdue one")
        }
    }

    func testAnEnterpriseHasOneLiaisonAndAnImportUpdatesItByTheEnterprise() async throws {
        try await withApp { app, fixtures in
            let liaisons = RegisterDeclaration.enterpriseLiaisons
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let enterprise = try await office.api.createEnterprise("挂钩测试装备有限公司", code: USCC.numbered(72), unit: fixtures.team)
            let first = try await office.api.send(.POST, liaisons.apiPath, body: ["official": "王建国", "enterpriseId": enterprise, "owningUnitId": fixtures.team])
            XCTAssertEqual(first.status, .created, first.text)
            let second = try await office.api.send(.POST, liaisons.apiPath, body: ["official": "李四", "enterpriseId": enterprise, "owningUnitId": fixtures.team])
            XCTAssertEqual(second.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(second)["field"] as? String, "enterpriseId")
            XCTAssertEqual(try apiErrorObject(second)["message"] as? String, "该企业已有挂钩联系记录“王建国”")

            // The enterprise named by its credit code updates the one record; naming it twice in a file is refused.
            let file = ImportDriver.csv(["挂钩领导,企业,所在单位,职务", "陈立新,\(USCC.numbered(72)),ZS-JCDL,专班副组长"])
            let (_, job) = try await office.viaAPI(liaisons.key, fileName: "挂钩联系.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let stored = try parseJSONObject(try await office.api.send(.GET, liaisons.apiPath))["items"] as? [[String: Any]]
            XCTAssertEqual(stored?.count, 1)
            XCTAssertEqual(stored?.first?["official"] as? String, "陈立新")
            XCTAssertEqual(stored?.first?["position"] as? String, "专班副组长")
            let twice = ImportDriver.csv(["挂钩领导,企业,所在单位", "甲,挂钩测试装备有限公司,ZS-JCDL", "乙,\(USCC.numbered(72)),ZS-JCDL"])
            let (_, refused) = try await office.viaAPI(liaisons.key, fileName: "挂钩联系.csv", data: twice)
            XCTAssertEqual(refused["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(refused).map(\.row), [3], "\(ImportDriver.errors(refused))")
            XCTAssertTrue(ImportDriver.errors(refused).first?.reason.contains("与第 2 行重复") ?? false, "\(ImportDriver.errors(refused))")
            let unchanged = try parseJSONObject(try await office.api.send(.GET, liaisons.apiPath))["items"] as? [[String: Any]]
            XCTAssertEqual(unchanged?.first?["official"] as? String, "陈立新", "the refused file wrote nothing")

            // A cell holding the enterprise's id names it as well.
            let (_, byID) = try await office.viaAPI(liaisons.key, fileName: "挂钩联系.csv", data: ImportDriver.csv(["挂钩领导,企业,所在单位", "陈立新,\(enterprise),ZS-JCDL"]))
            XCTAssertEqual(byID["status"] as? String, "succeeded", "\(byID)")
            try await AssertAsync.equal(try await Stored.count(app, liaisons.table), 1)

            let page = try await office.browser.get(Site.enterprise(enterprise))
            XCTAssertTrue(page.text.contains("挂钩联系") && page.text.contains("陈立新"), "the enterprise page names its liaison")
        }
    }

    func testAVisitIsListedNewestFirstAndItsFollowUpCannotPrecedeIt() async throws {
        try await withApp { app, fixtures in
            let visits = RegisterDeclaration.enterpriseVisits
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let enterprise = try await office.createEnterprise("走访测试材料有限公司", code: USCC.numbered(73), unit: fixtures.team)
            for (code, day) in [("ZF-1", "2026-03-01"), ("ZF-2", "2026-08-15")] {
                let created = try await office.send(.POST, visits.apiPath, body: ["code": code, "subject": "走访\(code)", "enterpriseId": enterprise, "visitedOn": day,
                                                                                "visitors": "张三", "owningUnitId": fixtures.team, "content": "了解经营情况"])
                XCTAssertEqual(created.status, .created, created.text)
            }
            let list = try parseJSONObject(try await office.send(.GET, visits.apiPath + "?enterpriseId=\(enterprise)"))
            XCTAssertEqual((list["items"] as? [[String: Any]])?.map { $0["code"] as? String }, ["ZF-2", "ZF-1"])
            let early = try await office.send(.POST, visits.apiPath, body: ["code": "ZF-3", "subject": "走访", "enterpriseId": enterprise, "visitedOn": "2026-09-01",
                                                                          "visitors": "张三", "owningUnitId": fixtures.team, "content": "回访", "followUpBy": "2026-08-01"])
            XCTAssertEqual(early.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(early)["field"] as? String, "followUpBy")
            try await AssertAsync.equal(try await Stored.count(app, visits.table), 2)

            // The enterprise page names the visits newest first, with their dates.
            let browser = try await Browser.signedIn(app, as: .leader)
            let page = try await browser.get(Site.enterprise(enterprise)).text
            XCTAssertTrue(page.contains("2026-08-15 <a") && page.contains("2026-03-01 <a"), "each visit with its day")
            let newer = try XCTUnwrap(page.range(of: ">走访ZF-2<")), older = try XCTUnwrap(page.range(of: ">走访ZF-1<"))
            XCTAssertLessThan(newer.lowerBound, older.lowerBound)
        }
    }
}
