import Foundation
@testable import GaoxinApp
import GaoxinDomain
import GaoxinSheets
import Vapor
import XCTest

/// Top-down cluster months imported as the statistics bureau's monthly table gives them: every bad
/// row reported and nothing written; a good file written and audited, a second import of the same
/// file changing nothing; the export in the same format imports back unchanged; a unit imports
/// only for the clusters it leads.
final class ClusterFigureImportTests: XCTestCase {
    func testTopDownMonthsImportAllOrNothingAndRoundTrip() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let api = office.api
            let topDown = try await api.object(try await api.send(.POST, Site.API.clusters, body: [
                "name": "物联网产业集群", "category": "emerging", "leadUnitId": fixtures.zone, "annualTarget": 20_000_000, "figuresSource": "top_down"]))["id"] as! Int
            _ = try await api.object(try await api.send(.POST, Site.API.clusters, body: [
                "name": "集成电路产业集群", "category": "emerging", "leadUnitId": fixtures.zone, "annualTarget": 100_000]))["id"] as! Int
            // Today is 2026-09-21 (Fixtures.startOfTest).
            let bad = ImportDriver.csv([
                "产业集群,月份,规上营收（万元）,备注",
                "物联网产业集群,2025-01,1500000,",
                "集成电路产业集群,2025-01,5,",
                "物联网产业集群,2026-12,1,",
                "物联网产业集群,2025-01,1600000,",
                "不存在的集群,2025-02,1,",
                "物联网产业集群,2025-03,12.5,",
            ])
            let (_, refused) = try await office.viaAPI("cluster-figures", fileName: "统计局月报.csv", data: bad)
            XCTAssertEqual(refused["status"] as? String, "failed")
            let errors = ImportDriver.errors(refused)
            XCTAssertEqual(errors.map(\.row), [3, 4, 5, 6, 7], "\(errors)")
            XCTAssertTrue(errors[0].reason.contains("自下而上"), errors[0].reason)
            XCTAssertTrue(errors[1].reason.contains("未来月份"), errors[1].reason)
            XCTAssertEqual(errors[2].reason, "与第 2 行是同一集群同一月份")
            XCTAssertEqual(errors[3].reason, "找不到产业集群“不存在的集群”")
            XCTAssertEqual(errors[4].column, "规上营收（万元）")
            try await AssertAsync.equal(try await Stored.count(app, "cluster_reported_figures"), 0)

            let good = ImportDriver.csv(["产业集群,月份,规上营收（万元）", "物联网产业集群,2025-01,1500000", "物联网产业集群,2025-02,1300000"])
            let (_, done) = try await office.viaPage("cluster-figures", fileName: "统计局月报.csv", data: good)
            XCTAssertEqual(done["status"] as? String, "succeeded", "\(done)")
            let audits = try await Stored.audit(app, entity: ClusterFigureWrites.entity).count
            XCTAssertEqual(audits, 2)
            let ytd = try api.json(try await api.send(.GET, Site.API.cluster(topDown) + "/figures?month=2025-02"))
            XCTAssertEqual(ytd["yearToDate"] as? Int, 2_800_000, "\(ytd)")

            // The same file again changes nothing; the export imports back unchanged.
            _ = try await office.viaAPI("cluster-figures", fileName: "again.csv", data: good)
            try await AssertAsync.equal(try await Stored.audit(app, entity: ClusterFigureWrites.entity).count, 2)
            let exported = try await office.browser.get(Site.importData("cluster-figures", format: "csv"))
            XCTAssertEqual(exported.status, .ok)
            let table = try CSVFormat.read(exported.bodyData)
            XCTAssertEqual(table.rows.count, 3, "a header and the two months")
            XCTAssertEqual(table.rows[1].map(\.text), ["物联网产业集群", "2025-01", "1500000", ""])
            let (_, back) = try await office.viaAPI("cluster-figures", fileName: "导出.csv", data: exported.bodyData)
            XCTAssertEqual(back["status"] as? String, "succeeded", "\(back)")
            try await AssertAsync.equal(try await Stored.audit(app, entity: ClusterFigureWrites.entity).count, 2)

            // A note is kept by a file without the 备注 column, and cleared only by an empty cell of one.
            _ = try await office.viaAPI("cluster-figures", fileName: "备注.csv", data: ImportDriver.csv(["产业集群,月份,规上营收（万元）,备注", "物联网产业集群,2025-01,1500000,快报数"]))
            _ = try await office.viaAPI("cluster-figures", fileName: "无备注.csv", data: ImportDriver.csv(["产业集群,月份,规上营收（万元）", "物联网产业集群,2025-01,1510000"]))
            let january = try await ClusterFigureWrites.find(topDown, "2025-01", on: app.db)
            XCTAssertEqual(january?.revenue, 1_510_000)
            XCTAssertEqual(january?.note, "快报数", "a file without 备注 leaves the note alone")

            // A unit that does not lead the cluster is refused at the row it changes…
            let ownCluster = try await api.object(try await api.send(.POST, Site.API.clusters, body: [
                "name": "招商团队示范集群", "category": "future", "leadUnitId": fixtures.team, "annualTarget": 1_000, "figuresSource": "top_down"]))["id"] as! Int
            let team = try await ImportDriver.signedIn(.unit, app: app, fixtures: fixtures)
            let (_, foreign) = try await team.viaAPI("cluster-figures", fileName: "越权.csv", data: ImportDriver.csv(["产业集群,月份,规上营收（万元）", "物联网产业集群,2025-03,1"]))
            XCTAssertEqual(foreign["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(foreign).first?.reason, "“物联网产业集群”不由本单位牵头，不能填报")
            // …but the whole export, with its own cluster's month added, imports: other units' rows are unchanged.
            var everything = try CSVFormat.read(try await office.browser.get(Site.importData("cluster-figures", format: "csv")).bodyData)
            everything.rows.append([.text("招商团队示范集群"), .text("2025-02"), .text("900"), .empty])
            let (_, own) = try await team.viaAPI("cluster-figures", fileName: "全部.csv", data: CSVFormat.write(everything))
            XCTAssertEqual(own["status"] as? String, "succeeded", "\(own)")
            let added = try await ClusterFigureWrites.find(ownCluster, "2025-02", on: app.db)
            XCTAssertEqual(added?.revenue, 900)
            let kept = try await ClusterFigureWrites.find(topDown, "2025-01", on: app.db)
            XCTAssertEqual(kept?.note, "快报数")
        }
    }
}
