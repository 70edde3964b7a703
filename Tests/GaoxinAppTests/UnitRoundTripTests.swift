import Foundation
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Issue 10: the unit list's export is the import's format. Exported and imported back (CSV and
/// xlsx) it changes nothing; an edited cell changes that unit alone (a row names its unit by the
/// exported 系统编号); a row added without one creates a unit; a changed parent is refused (moving
/// is the unit page's), and the whole file with it.
final class UnitRoundTripTests: XCTestCase {
    func testTheUnitExportImportsBackUnchangedAndCarriesAnEdit() async throws {
        for format in ["csv", "xlsx"] {
            try await withApp { app, fixtures in
                let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
                var created: [String: Int] = [:]
                for (name, extra) in [("海外商务中心（硅谷）", ["kind": "overseasCentre", "parentId": fixtures.zone, "code": "HW-SV", "sortOrder": 3, "note": "含逗号, 与\"引号\""] as [String: Any]),
                                      ("=公式样单位", ["kind": "department", "parentId": fixtures.zone, "sortOrder": 7] as [String: Any])] {
                    let response = try await admin.send(.POST, Site.API.units, body: ["name": name].merging(extra) { $1 })
                    XCTAssertEqual(response.status, .created, "\(name): \(response.text)")
                    created[name] = try XCTUnwrap(try parseJSONObject(response)["id"] as? Int)
                }
                let child = try await admin.send(.POST, Site.API.units, body: ["name": "一组", "kind": "attractionTeam", "parentId": created["=公式样单位"]!])
                XCTAssertEqual(child.status, .created, child.text)
                func listed() async throws -> [NSDictionary] {
                    let response = try await admin.send(.GET, Site.API.units + "?per=200&sort=id")
                    return (try parseJSONObject(response)["items"] as? [[String: Any]] ?? []).map { $0 as NSDictionary }
                }
                let before = try await listed()
                let audits = try await Stored.count(app, "audit_log", where: "entity = 'unit'")
                let driver = try await ImportDriver.signedIn(.admin, app: app, fixtures: fixtures)
                let exported = try await driver.browser.get(Site.unitsExport + "?format=\(format)")
                XCTAssertEqual(exported.status, .ok)
                let (_, job) = try await driver.viaPage("units", fileName: "组织单位.\(format)", data: exported.bodyData)
                XCTAssertEqual(job["status"] as? String, "succeeded", "\(format): \(job)")
                let after = try await listed()
                XCTAssertEqual(after, before, "\(format): export → import changes nothing")
                try await AssertAsync.equal(try await Stored.count(app, "audit_log", where: "entity = 'unit'"), audits, "nothing rewritten")

                var table = try SpreadsheetEdits.open(exported.bodyData, format: format)
                let heading = table.rows[0].map(\.text)
                let noteColumn = try XCTUnwrap(heading.firstIndex(of: "备注")), parentColumn = try XCTUnwrap(heading.firstIndex(of: "上级单位"))
                let sortColumn = try XCTUnwrap(heading.firstIndex(of: "排序号"))
                let team = try XCTUnwrap(table.rows.firstIndex { $0.first?.text == "一组" })
                let silicon = try XCTUnwrap(table.rows.firstIndex { $0.first?.text == "海外商务中心（硅谷）" })
                XCTAssertEqual(table.rows[team][parentColumn].text, "=公式样单位", "a parent without a code is named")
                XCTAssertEqual(table.rows[silicon][noteColumn].text, "含逗号, 与\"引号\"")

                // Two cells edited and a row added: two units change and one is created.
                table.rows[team][noteColumn] = .text("改过的备注")
                table.rows[silicon][sortColumn] = .text("5")
                table.rows.append(heading.map { column -> SheetCell in
                    switch column {
                    case "单位名称": return .text("三组")
                    case "单位类型": return .text("招商团队")
                    case "上级单位": return .text("HW-SV")
                    default: return .empty
                    }
                })
                let edited = try SpreadsheetEdits.save(table, format: format)
                let (_, second) = try await driver.viaPage("units", fileName: "组织单位（改）.\(format)", data: edited)
                XCTAssertEqual(second["status"] as? String, "succeeded", "\(second)")
                let changed = try await Stored.audit(app, entity: "unit", action: "update")
                XCTAssertEqual(Set(changed.map(\.entityID)), ["\(try XCTUnwrap(try parseJSONObject(child)["id"] as? Int))", "\(created["海外商务中心（硅谷）"]!)"],
                               "only the two edited units are written")
                let silicons = try parseJSONObject(try await admin.send(.GET, Site.API.unit(created["海外商务中心（硅谷）"]!)))
                XCTAssertEqual(silicons["sortOrder"] as? Int, 5)
                XCTAssertEqual(silicons["code"] as? String, "HW-SV", "the rest kept")
                let added = try await Stored.audit(app, entity: "unit", action: "create")
                XCTAssertEqual(added.last.flatMap { try? parseJSONObject($0.afterJSON)["name"] as? String }, "三组")
                XCTAssertEqual(added.last.flatMap { try? parseJSONObject($0.afterJSON)["parentId"] as? Int }, created["海外商务中心（硅谷）"])
                try await AssertAsync.equal(try await listed().count, before.count + 1, "the added row alone is created")
                table.rows.removeLast()

                // Moving by import is refused, and an unknown 系统编号, each at its row; nothing is written.
                table.rows[team][parentColumn] = .text("HW-SV")
                let idColumn = try XCTUnwrap(heading.firstIndex(of: "系统编号"))
                table.rows[silicon][idColumn] = .text("999999")
                let moved = try SpreadsheetEdits.save(table, format: format)
                let (_, third) = try await driver.viaPage("units", fileName: "组织单位（移动）.\(format)", data: moved)
                XCTAssertEqual(third["status"] as? String, "failed", "\(third)")
                XCTAssertEqual(Set(ImportDriver.errors(third).map { "\($0.row) \($0.column) \($0.reason)" }),
                               ["\(team + 1) 上级单位 导入不调整上级单位（单位“一组”在原上级单位下）；请在单位页面使用“移动”",
                                "\(silicon + 1) 系统编号 找不到该单位（新建单位请留空）"])
                try await AssertAsync.equal(try await Stored.count(app, "audit_log", where: "entity = 'unit' AND action IN ('update', 'create')"), changed.count + added.count)
            }
        }
    }
}
