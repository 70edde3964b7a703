import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// A file of monthly figures is written as a set (`StagedFigures`): each slice's months go in
/// with one upsert, and on SQLite the roll-ups are applied by grouped statements while the row
/// triggers stand aside. Whatever the file holds — new months, corrections, unchanged months,
/// enterprises in a cluster or not — every roll-up ends equal to its rebuild from the rows, the
/// triggers are back for the next edit, and a refused file changes no roll-up.
final class StagedFiguresTests: XCTestCase {
    static let header = "统一社会信用代码,月份,营业收入（万元）,税收（万元）"

    /// Every roll-up's rows as text, in a fixed order (groups that fell to no reports left out:
    /// readers skip them, and a rebuild does not make them).
    func rollups(_ app: Application) async throws -> [String] {
        let sql = app.db as! any SQLDatabase
        let monthly = try await sql.raw("""
            SELECT period, unit_id, industry_code, CASE WHEN above_scale THEN 1 ELSE 0 END AS above_scale, CASE WHEN active THEN 1 ELSE 0 END AS active,
                   reports, revenue_reports, revenue, output_value, tax, rd_expense, employees, invention_patents
            FROM monthly_figures WHERE reports <> 0 ORDER BY period, unit_id, industry_code, above_scale, active
            """).all().map { row in
            try ["period", "industry_code"].map { try row.decode(column: $0, as: String.self) }.joined(separator: " ") + " "
                + (try ["unit_id", "above_scale", "active", "reports", "revenue_reports", "revenue", "output_value", "tax", "rd_expense", "employees",
                        "invention_patents"].map { String(try row.decode(column: $0, as: Int64.self)) }.joined(separator: " "))
        }
        let clusters = try await sql.raw("""
            SELECT cluster_id, period, reports, revenue_reports, revenue, tax FROM cluster_figures WHERE reports <> 0 ORDER BY cluster_id, period
            """).all().map { row in
            "cluster \(try row.decode(column: "cluster_id", as: Int.self)) \(try row.decode(column: "period", as: String.self)) "
                + (try ["reports", "revenue_reports", "revenue", "tax"].map { String(try row.decode(column: $0, as: Int64.self)) }.joined(separator: " "))
        }
        let recent = try await sql.raw("SELECT enterprise_id, through_period, revenue, months FROM enterprise_recent_revenue ORDER BY enterprise_id").all().map { row in
            "recent \(try row.decode(column: "enterprise_id", as: Int.self)) \(try row.decode(column: "through_period", as: String?.self) ?? "-") "
                + "\(try row.decode(column: "revenue", as: Int64?.self).map(String.init) ?? "-") \(try row.decode(column: "months", as: Int64.self))"
        }
        return monthly + clusters + recent
    }

    func rebuilt(_ app: Application) async throws -> [String] {
        let sql = app.db as! any SQLDatabase
        try await MonthlyFigures.rebuild(on: sql)
        try await ClusterFigures.rebuild(on: sql)
        try await RecentRevenue.rebuild(on: sql)
        return try await rollups(app)
    }

    func run(_ app: Application, _ fixtures: Fixtures, _ lines: [String]) async throws -> JobOutcome {
        try await ImportJob.run(register: IndicatorRegister(), source: .data(ImportDriver.csv([Self.header] + lines)), fileName: "月度.csv",
                                limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 3)
    }

    func testAFileOfNewAndCorrectedMonthsKeepsEveryRollupEqualToItsRebuild() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try await api.object(try await api.send(.POST, Site.API.clusters, body: [
                "name": "智能装备", "category": "emerging", "leadUnitId": fixtures.zone]))["id"] as! Int
            let chain = try await api.object(try await api.send(.POST, Site.API.clusterChains(cluster), body: ["name": "工业机器人"]))["id"] as! Int
            let node = try await api.object(try await api.send(.POST, "/api/v1/chains/\(chain)/nodes", body: ["segment": "midstream", "name": "整机"]))["id"] as! Int
            let member = try await api.createEnterprise("集群成员企业", code: USCC.numbered(9801), unit: fixtures.team, aboveScale: true)
            let small = try await api.createEnterprise("规下成员企业", code: USCC.numbered(9802), unit: fixtures.team)
            _ = try await api.createEnterprise("集群外企业", code: USCC.numbered(9803), industry: "2710", unit: fixtures.otherTeam, aboveScale: true)
            for enterprise in [member, small] {
                let attach = try await api.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(enterprise)", body: [:])
                XCTAssertEqual(attach.status, .noContent, attach.text)
            }
            // Months already stored: one the file corrects, one it repeats unchanged, one it leaves alone.
            for (id, period, revenue) in [(member, "2025-01", 100), (member, "2025-02", 200), (member, "2024-12", 50)] {
                let put = try await api.send(.PUT, "/api/v1/enterprises/\(id)/indicators/\(period)", body: ["revenue": revenue, "tax": 5])
                XCTAssertEqual(put.status, .ok, put.text)
            }
            let audits = try await Probe.auditCount(app, entity: "enterprise_indicator")

            let file = [
                "\(USCC.numbered(9801)),2025-01,150,",  // a correction: revenue 100 → 150, tax 5 → none
                "\(USCC.numbered(9801)),2025-02,200,5",  // as stored
                "\(USCC.numbered(9802)),2025-01,40,1",
                "\(USCC.numbered(9802)),2025-02,41,1",
                "\(USCC.numbered(9803)),2025-01,900,30",
                "\(USCC.numbered(9803)),2025-02,910,31",
                "\(USCC.numbered(9801)),2025-03,300,6",  // the member again, two slices on
            ]
            guard case .succeeded(let message, _) = try await run(app, fixtures, file) else { return XCTFail("the file imports") }
            XCTAssertEqual(message, "已导入 6 条企业月度指标（共 7 行，其余 1 行与现有数据相同，未改动）")
            let kept = try await rollups(app)
            XCTAssertTrue(kept.contains("cluster \(cluster) 2025-01 1 1 150 0"), "the member's corrected month; the small one is not counted: \(kept)")
            XCTAssertTrue(kept.contains("cluster \(cluster) 2025-03 1 1 300 6"))
            XCTAssertTrue(kept.contains("recent \(member) 2025-03 700 4"), "2024-04 … 2025-03: 50 + 150 + 200 + 300")
            let afterRebuild = try await rebuilt(app)
            XCTAssertEqual(kept, afterRebuild)
            Check.equal(try await Probe.count(app, StagedFigures.deferrals), 0, "the triggers stand aside only inside the import")

            // The correction keeps its before → after; the five new months are the import's own row.
            let corrections = try await Probe.audits(app, entity: "enterprise_indicator", entityID: "\(member)/2025-01")
            XCTAssertEqual(corrections.map(\.action), ["create", "update"], "the hand entry, then the file's correction")
            XCTAssertEqual(try parseJSONObject(corrections.last?.beforeJSON)["revenue"] as? Int, 100)
            XCTAssertEqual(try parseJSONObject(corrections.last?.afterJSON)["revenue"] as? Int, 150)
            Check.equal(try await Probe.auditCount(app, entity: "enterprise_indicator"), audits + 1)
            let record = try await Probe.importRecord(app)
            XCTAssertEqual(record["written"] as? Int, 6)

            // The triggers are back: an edit by hand moves every roll-up as before.
            let put = try await api.send(.PUT, "/api/v1/enterprises/\(member)/indicators/2025-03", body: ["revenue": 333])
            XCTAssertEqual(put.status, .ok, put.text)
            let afterEdit = try await rollups(app)
            XCTAssertTrue(afterEdit.contains("recent \(member) 2025-03 733 4"), "\(afterEdit)")
            let afterEditRebuild = try await rebuilt(app)
            XCTAssertEqual(afterEdit, afterEditRebuild)

            // A refused file — its bad row in the last slice — leaves every roll-up as it was.
            let refused = try await run(app, fixtures, [
                "\(USCC.numbered(9801)),2025-04,400,1", "\(USCC.numbered(9802)),2025-04,44,1", "\(USCC.numbered(9803)),2025-04,940,1",
                "\(USCC.numbered(9801)),2025-05,500,1", "\(USCC.numbered(9801)),2025-06,许多,1",
            ])
            guard case .failed = refused else { return XCTFail("a bad row refuses the file: \(refused)") }
            let afterRefusal = try await rollups(app)
            XCTAssertEqual(afterRefusal, afterEdit)
            Check.equal(try await Probe.count(app, "enterprise_indicators", where: "period >= '2025-04'"), 0)
        }
    }
}
