import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// What moving enterprises onto the declaration added to the machinery, seen from outside: list
/// facts only in lists (never on a record's own JSON or in its audit row), a flag written as
/// 规上/规下 in a file, an industry's name beside its code, the `unit` role offered only its own
/// units for the owning one, and the record's actions beside its fields, above its long sections.
final class EnterpriseDeclarationTests: XCTestCase {
    func testListFactsAreInTheListOnlyNeverOnTheRecordOrInItsAudit() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("事实列测试有限公司", code: USCC.numbered(7_301), unit: fixtures.team)
            try await AssertAsync.equal(try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2025-05"), body: ["revenue": 4_200]).status, .ok)
            let found = try await api.send(.GET, Site.API.enterprises + "?q=%E4%BA%8B%E5%AE%9E%E5%88%97")
            let listed = try XCTUnwrap((try parseJSONObject(found)["items"] as? [[String: Any]])?.first, found.text)
            XCTAssertEqual(listed["recentRevenue"] as? Int, 4_200)
            XCTAssertEqual(listed["revenueThrough"] as? String, "2025-05")
            XCTAssertTrue(listed.keys.contains("clusterNames"), "a fact with no value is null in a list item")
            let shown = try parseJSONObject(try await api.send(.GET, Site.API.enterprise(id)))
            for key in ["recentRevenue", "revenueThrough", "clusterNames", "nodeNames"] { XCTAssertNil(shown[key], "the record's own JSON has no \(key)") }
            XCTAssertEqual(shown["industryName"] as? String, "光电子器件制造", "an industry's name beside its code")
            try await AssertAsync.equal(try await api.send(.PATCH, Site.API.enterprise(id), body: ["note": "改备注"]).status, .ok)
            let updates = try await Stored.audit(app, entity: "enterprise", action: "update", entityID: id)
            let audit = try XCTUnwrap(updates.last)
            let after = try parseJSONObject(audit.afterJSON)
            XCTAssertEqual(after["note"] as? String, "改备注")
            XCTAssertNil(after["recentRevenue"], "figures are not the register's record: a new month is no change to audit")
        }
    }

    func testAFileMayWriteAboveScaleAs规上Or规下() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let file = ImportDriver.csv(["企业名称,统一社会信用代码,行业代码,所属单位,规上",
                                         "规上写法有限公司,\(USCC.numbered(7_311)),3976,ZS-JCDL,规上",
                                         "规下写法有限公司,\(USCC.numbered(7_312)),3976,ZS-JCDL,规下",
                                         "乱写规模有限公司,\(USCC.numbered(7_313)),3976,ZS-JCDL,大型"])
            let (_, refused) = try await driver.viaAPI("enterprises", fileName: "规模.csv", data: file)
            XCTAssertEqual(refused["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(refused).map(\.row), [4], "规上 and 规下 are read; 大型 is not")
            let (_, job) = try await driver.viaAPI("enterprises", fileName: "规模.csv", data: ImportDriver.csv(
                ["企业名称,统一社会信用代码,行业代码,所属单位,规上",
                 "规上写法有限公司,\(USCC.numbered(7_311)),3976,ZS-JCDL,规上",
                 "规下写法有限公司,\(USCC.numbered(7_312)),3976,ZS-JCDL,规下"]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let stored = try await Enterprise.query(on: app.db).filter(\.$name ~~ ["规上写法有限公司", "规下写法有限公司"]).all()
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: stored.map { ($0.name, $0.aboveScale) }), ["规上写法有限公司": true, "规下写法有限公司": false])
        }
    }

    func testTheUnitRoleIsOfferedItsOwnUnitsAndTheRecordsActionsComeBeforeItsSections() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("本单位选项有限公司", code: USCC.numbered(7_321), unit: fixtures.team)
            let team = try await Browser.signedIn(app, as: .unit)
            let form = try await team.get(Site.enterpriseNew)
            let options = HTMLProbe.section(form.text, from: "name=\"unitId\"", to: "</select>")
            XCTAssertTrue(options.contains("value=\"\(fixtures.team)\""), options)
            XCTAssertFalse(options.contains("value=\"\(fixtures.otherTeam)\""), "another team's unit is not offered: \(options)")
            let office = try await Browser.signedIn(app, as: .office)
            let page = try await office.get(Site.enterprise(id))
            let edit = try XCTUnwrap(page.text.range(of: "href=\"\(Site.enterpriseEdit(id))\""))
            let months = try XCTUnwrap(page.text.range(of: "id=\"figures\""))
            XCTAssertLessThan(edit.lowerBound, months.lowerBound, "编辑 beside the fields, not below 36 months")
            let list = try await office.get(Site.enterprises)
            XCTAssertTrue(list.text.contains("href=\"\(Site.imports)\""), "the list offers the file import")
        }
    }
}
