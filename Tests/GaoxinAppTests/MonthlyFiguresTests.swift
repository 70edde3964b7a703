import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// The monthly roll-up of the enterprises' figures (issue 11: pages never sum raw rows): kept equal
/// to a resum of the raw rows by every write path on both engines — figures reported and corrected,
/// enterprises moved to another unit, industry or scale, deactivated, figure rows removed — read by
/// the regions × industries matrix, and made again by `gaoxin recompute`.
final class MonthlyFiguresTests: XCTestCase {
    struct Group: Hashable, Decodable {
        var period: String; var unitId: Int; var industryCode: String; var aboveScale: Bool; var active: Bool
        var reports: Int; var revenueReports: Int; var revenue: Int; var tax: Int; var employees: Int
    }

    /// The roll-up's groups that hold rows, and the same groups summed from the raw rows.
    static func rollupAndResum(_ app: Application) async throws -> (Set<Group>, Set<Group>) {
        let sql = app.db as! any SQLDatabase
        let kept = try await sql.raw("""
            SELECT period, unit_id, industry_code, above_scale, active, reports, revenue_reports, revenue, tax, employees
            FROM monthly_figures WHERE reports <> 0
            """).all(decoding: Group.self, with: ListRunner.decoder)
        let summed = try await sql.raw("""
            SELECT i.period AS period, e.unit_id AS unit_id, e.industry_code AS industry_code, e.above_scale AS above_scale, e.active AS active,
                   COUNT(*) AS reports, COUNT(i.revenue) AS revenue_reports, CAST(COALESCE(SUM(i.revenue), 0) AS BIGINT) AS revenue,
                   CAST(COALESCE(SUM(i.tax), 0) AS BIGINT) AS tax, CAST(COALESCE(SUM(i.employees), 0) AS BIGINT) AS employees
            FROM enterprise_indicators i JOIN enterprises e ON e.id = i.enterprise_id
            GROUP BY i.period, e.unit_id, e.industry_code, e.above_scale, e.active
            """).all(decoding: Group.self, with: ListRunner.decoder)
        return (Set(kept), Set(summed))
    }

    func testEveryWritePathKeepsTheRollupEqualToAResum() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let first = try await api.createEnterprise("月度汇总企业甲", code: USCC.numbered(9501), industry: "3976", unit: fixtures.team)
            let second = try await api.createEnterprise("月度汇总企业乙", code: USCC.numbered(9502), industry: "3976", unit: fixtures.team, aboveScale: true)
            for (id, period, body) in [(first, "2025-01", ["revenue": 1200, "tax": 30, "employees": 40]),
                                       (first, "2025-02", ["revenue": 1300, "employees": 41]),
                                       (second, "2025-01", ["revenue": 5000, "tax": 200]),
                                       (second, "2025-02", ["tax": 90, "employees": 300])] as [(Int, String, [String: Any])] {
                let put = try await api.send(.PUT, "/api/v1/enterprises/\(id)/indicators/\(period)", body: body)
                XCTAssertEqual(put.status, .ok, put.body.string)
            }
            var (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertEqual(summed.reduce(0) { $0 + $1.revenue }, 7500)
            XCTAssertEqual(summed.reduce(0) { $0 + $1.revenueReports }, 3)

            // A correction replaces a month's figures.
            let corrected = try await api.send(.PUT, "/api/v1/enterprises/\(first)/indicators/2025-01", body: ["revenue": 1250, "tax": 31, "employees": 40])
            XCTAssertEqual(corrected.status, .ok, corrected.body.string)
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertEqual(summed.reduce(0) { $0 + $1.revenue }, 7550)

            // An enterprise moved to another unit, industry and scale carries its months; then one is deactivated.
            let patched = try await api.send(.PATCH, "/api/v1/enterprises/\(first)", body: ["unitId": fixtures.otherTeam, "industryCode": "2710", "aboveScale": true])
            XCTAssertEqual(patched.status, .ok, patched.body.string)
            let deactivated = try await api.send(.POST, "/api/v1/enterprises/\(second)/deactivate", body: [:])
            XCTAssertEqual(deactivated.status, .ok, deactivated.body.string)
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertEqual(Set(summed.filter { $0.unitId == fixtures.otherTeam }.map(\.industryCode)), ["2710"])
            XCTAssertEqual(summed.filter { !$0.active }.reduce(0) { $0 + $1.revenue }, 5000)

            // An import of figures, and figure rows removed behind the application (as a restore clears them).
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("indicators", fileName: "月度.csv", data: ImportDriver.csv([
                "统一社会信用代码,月份,营业收入（万元）",
                "\(USCC.numbered(9501)),2025-03,1400",
                "\(USCC.numbered(9501)),2025-02,1333",
            ]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertEqual(summed.filter { $0.period == "2025-03" }.reduce(0) { $0 + $1.revenue }, 1400)
            try await (app.db as! any SQLDatabase).raw("DELETE FROM enterprise_indicators WHERE period = '2025-01'").run()
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertFalse(summed.contains { $0.period == "2025-01" })

            // A rebuild one enterprise per statement: groups that span statements are added together.
            for number in [9511, 9512] {
                let id = try await api.createEnterprise("同组企业\(number)", code: USCC.numbered(number), industry: "3976", unit: fixtures.team)
                let put = try await api.send(.PUT, "/api/v1/enterprises/\(id)/indicators/2025-04", body: ["revenue": number])
                XCTAssertEqual(put.status, .ok, put.body.string)
            }
            try await MonthlyFigures.rebuild(on: app.db as! any SQLDatabase, enterprisesPerStatement: 1)
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertTrue(summed.contains { $0.reports > 1 }, "some group sums several enterprises: \(summed)")
            // The engine's own way (PostgreSQL: one statement over every enterprise), after the roll-up was falsified.
            try await (app.db as! any SQLDatabase).raw("UPDATE monthly_figures SET revenue = revenue + 7").run()
            try await MonthlyFigures.rebuild(on: app.db as! any SQLDatabase)
            let (rebuilt, resummed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(rebuilt, resummed)
            XCTAssertEqual(rebuilt, summed)
        }
    }

    /// The matrix reads the roll-up: falsifying it changes the matrix's sums, so no raw rows are summed.
    func testTheZoneMatrixReadsTheRollupAndRecomputeRestoresIt() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("矩阵汇总企业", code: USCC.numbered(9601), industry: "3976", unit: fixtures.team)
            for (period, revenue) in [("2024-11", 100), ("2024-12", 120), ("2025-01", 90)] {
                let put = try await api.send(.PUT, "/api/v1/enterprises/\(id)/indicators/\(period)", body: ["revenue": revenue])
                XCTAssertEqual(put.status, .ok, put.body.string)
            }
            let sql = app.db as! any SQLDatabase
            let options = ZoneMatrix.Options(fromYear: 2024, toYear: 2025, level: 4, aboveScaleOnly: false)
            let sums = try await ZoneMatrix.sums(options, on: sql).filter { $0.unitId == fixtures.team && $0.industryCode == "3976" }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: sums.map { ($0.year, $0.revenue) }), ["2024": 220, "2025": 90])
            XCTAssertEqual(sums.map(\.enterprises), [1, 1])
            XCTAssertEqual(Set(sums.map(\.lastMonth)), ["2024-12", "2025-01"])

            try await sql.raw("UPDATE monthly_figures SET revenue = revenue + 1000 WHERE period = '2024-12'").run()
            let falsified = try await ZoneMatrix.sums(options, on: sql).filter { $0.unitId == fixtures.team && $0.year == "2024" && $0.industryCode == "3976" }
            XCTAssertEqual(falsified.map(\.revenue), [1220])

            let run = try CLITests.gaoxin(["recompute"], databaseURL: app.gaoxinConfig.databaseURL)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("月度指标汇总"), run.output)
            let (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
        }
    }
}
