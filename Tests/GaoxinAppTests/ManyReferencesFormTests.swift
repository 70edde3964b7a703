import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTVapor
import XCTest

/// A several-valued reference whose target has more records than boxes can be ticked
/// (`RegisterOptions.selectLimit`): the form takes names or codes typed one a line, looked up on
/// saving — full names, codes and a part of one name — refuses what names nothing at the field
/// writing nothing, and shows the stored references back as names.
final class ManyReferencesFormTests: XCTestCase {
    /// More active clusters than a form ticks: 集群0000 … 集群0500.
    static func manyClusters(_ app: Application, _ fixtures: Fixtures) async throws {
        let sql = app.db as! any SQLDatabase
        for start in stride(from: 0, through: RegisterOptions.selectLimit, by: 100) {
            let insert = sql.insert(into: "clusters").columns("name", "name_sort", "category", "lead_unit_id", "sort_order", "active")
            for n in start..<min(start + 100, RegisterOptions.selectLimit + 1) {
                let name = String(format: "集群%04d", n)
                insert.values(SQLBind(name), SQLBind(PinyinSortKey.key(for: name)), SQLBind("emerging"), SQLBind(fixtures.zone), SQLBind(n), SQLBind(true))
            }
            try await insert.run()
        }
    }

    func clusterIDs(_ app: Application, named names: [String]) async throws -> Set<Int> {
        let rows = try await (app.db as! any SQLDatabase).raw("SELECT id FROM clusters WHERE name IN (\(binds: names))").all()
        return Set(try rows.map { try $0.decode(column: "id", as: Int.self) })
    }

    func testTypedNamesCodesAndPartsOfANameAreLookedUpOnSaving() async throws {
        try await withApp { app, fixtures in
            try await Self.manyClusters(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            let form = try await browser.get("/funds/new")
            XCTAssertEqual(form.status, .ok)
            XCTAssertTrue(form.text.contains("<textarea id=\"clusterIdsNames\" name=\"clusterIdsNames\""), "typed, not 501 boxes")
            XCTAssertFalse(form.text.contains("集群0001"), "the clusters are not listed in the form")
            XCTAssertTrue(form.text.contains("每行填写一个产业集群的全称或编码"))

            // Full names, one a line or separated by 、, and a part of one name only (集群0499 is the one holding 0499).
            let created = try await browser.post("/funds", [("name", "多集群基金"), ("owningUnitId", "\(fixtures.zone)"),
                                                            ("clusterIdsNames", "集群0007\r\n集群0123、0499")])
            XCTAssertEqual(created.status, .seeOther, created.text)
            let location = try XCTUnwrap(created.headers.first(name: .location))
            let id = try XCTUnwrap(Int(location.split(separator: "/").last?.split(separator: "?").first ?? ""))
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let fund = try parseJSONObject(try await api.send(.GET, "/api/v1/funds/\(id)"))
            let stored = Set(try XCTUnwrap(fund["clusterIds"] as? [Int]))
            let expected = try await clusterIDs(app, named: ["集群0007", "集群0123", "集群0499"])
            XCTAssertEqual(stored, expected)

            // The edit form shows them back as names.
            let edit = try await browser.get("/funds/\(id)/edit")
            XCTAssertTrue(edit.text.contains("集群0007\n集群0123\n集群0499") || edit.text.contains("集群0007&#10;集群0123&#10;集群0499"), edit.text)

            // A name that names nothing, and a part naming several, are refused at the field; nothing is written.
            let before = try await Stored.count(app, "funds")
            let unknown = try await browser.post("/funds", [("name", "错集群基金"), ("owningUnitId", "\(fixtures.zone)"), ("clusterIdsNames", "集群0007\n不存在的集群")])
            XCTAssertEqual(unknown.status, .unprocessableEntity)
            XCTAssertTrue(unknown.text.contains("找不到产业集群“不存在的集群”"), unknown.text)
            XCTAssertTrue(unknown.text.contains("clusterIds-error"), "the message stands beside the field")
            XCTAssertTrue(unknown.text.contains("不存在的集群</textarea>"), "what was typed comes back")
            let several = try await browser.post("/funds", [("name", "错集群基金"), ("owningUnitId", "\(fixtures.zone)"), ("clusterIdsNames", "集群01")])
            XCTAssertEqual(several.status, .unprocessableEntity)
            XCTAssertTrue(several.text.contains("名称包含“集群01”"), several.text)
            try await AssertAsync.equal(try await Stored.count(app, "funds"), before)
        }
    }
}
