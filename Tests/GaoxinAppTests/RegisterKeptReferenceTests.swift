import Foundation
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A record that refers to something deactivated since keeps that reference through an edit of
/// its other fields (the edit form posts every field); choosing a deactivated target is refused.
final class RegisterKeptReferenceTests: XCTestCase {
    func testAnEditKeepsAReferenceDeactivatedSinceButCannotChooseOne() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            func unit(_ name: String) async throws -> Int {
                let created = try await admin.send(.POST, Site.API.units, json: "{\"name\":\"\(name)\",\"kind\":\"taskForce\",\"parentId\":\(fixtures.zone)}")
                XCTAssertEqual(created.status, .created, created.text)
                return try XCTUnwrap(try parseJSONObject(created)["id"] as? Int)
            }
            let lead = try await unit("临时产业专班"), other = try await unit("已撤销专班")
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let made = try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"低空经济\",\"category\":\"future\",\"leadUnitId\":\(lead)}")
            let cluster = try XCTUnwrap(try parseJSONObject(made)["id"] as? Int)
            for id in [lead, other] { try await AssertAsync.equal(try await admin.send(.POST, Site.API.unit(id) + "/deactivate").status, .ok) }

            let kept = try await office.send(.PATCH, Site.API.cluster(cluster), json: "{\"leadUnitId\":\(lead),\"note\":\"专班撤销后待调整\"}")
            XCTAssertEqual(kept.status, .ok, kept.text)
            let browser = try await Browser.signedIn(app, as: .office)
            let edit = try await browser.get(Site.clusterEdit(cluster))
            XCTAssertTrue(edit.text.contains("value=\"\(lead)\" selected=\"selected\">临时产业专班（已停用）</option>"),
                          "the edit form offers the kept lead unit, marked, and selected")
            XCTAssertFalse(edit.text.contains("已撤销专班"), "not other deactivated units")
            let form = try await browser.post(Site.cluster(cluster), [("name", "低空经济"), ("category", "future"), ("leadUnitId", "\(lead)"), ("note", "表单保存")])
            XCTAssertEqual(form.status, .seeOther, "the edit form saves with the stored lead unit: \(form.text)")
            try await AssertAsync.equal(try await RegisterStore.find(.clusters, id: cluster, on: app.db)?.values["note"], .text("表单保存"))

            let chosen = try await office.send(.PATCH, Site.API.cluster(cluster), json: "{\"leadUnitId\":\(other)}")
            XCTAssertEqual(chosen.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(chosen)["field"] as? String, "leadUnitId")
            XCTAssertTrue((try apiErrorObject(chosen)["message"] as? String ?? "").contains("已停用"))
            let created = try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"商业航天\",\"category\":\"future\",\"leadUnitId\":\(lead)}")
            XCTAssertEqual(created.status, .unprocessableEntity, "a new record may not choose it either")
        }
    }
}

/// The cluster registry's export names a lead unit by its code (unit names repeat across the
/// tree), an older export's extra column and English heading still import, and a blank cell of a
/// never-empty field keeps the stored value instead of resetting it.
final class ClusterExportKeyTests: XCTestCase {
    func testUnitsWithTheSameNameRoundTripByCodeAndBlankCellsKeepNeverEmptyFields() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            var twins: [Int] = []
            for (code, parent) in [("JFJ-A", fixtures.zone), ("JFJ-B", fixtures.team)] {
                let created = try await admin.send(.POST, Site.API.units, json: "{\"name\":\"经济发展局\",\"kind\":\"department\",\"code\":\"\(code)\",\"parentId\":\(parent)}")
                XCTAssertEqual(created.status, .created, created.text)
                twins.append(try XCTUnwrap(try parseJSONObject(created)["id"] as? Int))
            }
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let body = "{\"name\":\"生物医药\",\"category\":\"emerging\",\"leadUnitId\":\(twins[1]),\"figuresSource\":\"top_down\",\"sortOrder\":7}"
            let made = try await office.send(.POST, Site.API.clusters, json: body)
            let id = try XCTUnwrap(try parseJSONObject(made)["id"] as? Int)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let exported = try await driver.browser.get(Site.clustersExport + "?format=csv")
            let text = String(decoding: exported.bodyData, as: UTF8.self)
            XCTAssertTrue(text.contains("JFJ-B"), "the lead unit by its code: \(text)")
            let (_, back) = try await driver.viaPage("clusters", fileName: "产业集群.csv", data: exported.bodyData)
            XCTAssertEqual(back["status"] as? String, "succeeded", "\(back)")
            try await AssertAsync.equal(try await Stored.audit(app, entity: "cluster", action: "update").count, 0, "nothing changed")

            let older = ImportDriver.csv([
                "Name,类别,牵头部门,Annual target (10k yuan),营收口径,排序号,产业链",
                "生物医药,战略性新兴产业,JFJ-B,3000000,,,2",
            ])
            let (_, job) = try await driver.viaPage("clusters", fileName: "旧版导出.csv", data: older)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let stored = try await RegisterStore.find(.clusters, id: id, on: app.db)
            XCTAssertEqual(stored?.values["annualTarget"], .integer(3_000_000), "the old English heading")
            XCTAssertEqual(stored?.values["figuresSource"], .text("top_down"), "a blank cell keeps a never-empty field's value")
            XCTAssertEqual(stored?.values["sortOrder"], .integer(7))
        }
    }
}
