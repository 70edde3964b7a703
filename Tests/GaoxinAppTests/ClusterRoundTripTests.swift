import Foundation
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Issue 10: the cluster list's export is the import's format — exported, edited in a spreadsheet
/// and imported back, only the edit changes (CSV and xlsx); the shown-only columns are skipped.
final class ClusterRoundTripTests: XCTestCase {
    func testTheClusterExportImportsBackUnchangedAndCarriesAnEdit() async throws {
        for format in ["csv", "xlsx"] {
            try await withApp { app, fixtures in
                let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
                for (name, extra) in [("集成电路", ["liaisonLeader": "张副区长", "annualTarget": 25_000_000, "sortOrder": 10, "note": "地标产业"] as [String: Any]),
                                      ("生命健康", ["figuresSource": "top_down", "sortOrder": 20] as [String: Any]),
                                      ("=公式样名称", [:] as [String: Any])] {
                    let body = ["name": name, "category": "emerging", "leadUnitId": fixtures.team].merging(extra) { $1 }
                    let created = try await office.send(.POST, Site.API.clusters, body: body)
                    XCTAssertEqual(created.status, .created, "\(name): \(created.text)")
                }
                let listed = try await office.send(.GET, Site.API.clusters + "?per=100")
                let before = try parseJSONObject(listed)["items"] as? [[String: Any]]
                let audits = try await Stored.count(app, "audit_log", where: "entity = 'cluster'")
                let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
                let exported = try await driver.browser.get(Site.clustersExport + "?format=\(format)")
                XCTAssertEqual(exported.status, .ok)
                let (_, job) = try await driver.viaPage("clusters", fileName: "产业集群.\(format)", data: exported.bodyData)
                XCTAssertEqual(job["status"] as? String, "succeeded", "\(format): \(job)")
                let relisted = try await office.send(.GET, Site.API.clusters + "?per=100")
                let after = try parseJSONObject(relisted)["items"] as? [[String: Any]]
                XCTAssertEqual(after?.map { $0 as NSDictionary }, before?.map { $0 as NSDictionary }, "\(format): export → import changes nothing")
                try await AssertAsync.equal(try await Stored.count(app, "audit_log", where: "entity = 'cluster'"), audits, "nothing rewritten")

                // One target edited in the file: that cluster alone changes.
                var table = try SpreadsheetEdits.open(exported.bodyData, format: format)
                let targetColumn = try XCTUnwrap(table.rows[0].firstIndex { $0.text == "年度营收目标（万元）" })
                let chip = try XCTUnwrap(table.rows.firstIndex { $0.first?.text == "集成电路" })
                table.rows[chip][targetColumn] = .text("30000000")
                let edited = try SpreadsheetEdits.save(table, format: format)
                let (_, second) = try await driver.viaPage("clusters", fileName: "产业集群（改）.\(format)", data: edited)
                XCTAssertEqual(second["status"] as? String, "succeeded", "\(second)")
                try await AssertAsync.equal(try await Stored.audit(app, entity: "cluster", action: "create").count, 3, "\(format): no cluster created by the edited file")
                let changed = try await Stored.audit(app, entity: "cluster", action: "update")
                XCTAssertEqual(changed.count, 1, "only the edited cluster is written")
                XCTAssertEqual(try parseJSONObject(changed.first?.afterJSON)["annualTarget"] as? Int, 30_000_000)
                XCTAssertEqual(try parseJSONObject(changed.first?.afterJSON)["liaisonLeader"] as? String, "张副区长", "the rest kept")
            }
        }
    }
}
