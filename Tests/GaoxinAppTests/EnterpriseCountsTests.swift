import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// The enterprise roll-up (issue 11: pages never count raw rows): kept equal to a recount by every
/// write path on both engines, read by the dashboard and by the register's usual totals, and made
/// again by `gaoxin recompute`.
final class EnterpriseCountsTests: XCTestCase {
    struct Group: Hashable, Decodable { var unitId: Int; var division: String; var active: Bool; var aboveScale: Bool; var n: Int }

    /// The roll-up's non-empty groups, and the same groups counted from the enterprises.
    static func rollupAndRecount(_ app: Application) async throws -> (Set<Group>, Set<Group>) {
        let sql = app.db as! any SQLDatabase
        let kept = try await sql.raw("SELECT unit_id, division, active, above_scale, n FROM enterprise_counts WHERE n <> 0")
            .all(decoding: Group.self, with: ListRunner.decoder)
        let counted = try await sql.raw("""
            SELECT unit_id, substr(industry_code, 1, 2) AS division, active, above_scale, COUNT(*) AS n FROM enterprises GROUP BY 1, 2, 3, 4
            """).all(decoding: Group.self, with: ListRunner.decoder)
        return (Set(kept), Set(counted))
    }

    func testEveryWritePathKeepsTheRollupEqualToARecount() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var ids: [Int] = []
            for n in 1...3 {
                ids.append(try await api.createEnterprise("汇总测试企业\(n)", code: USCC.numbered(9100 + n), industry: n == 1 ? "3976" : "2710",
                                                          unit: n == 3 ? fixtures.otherTeam : fixtures.team, aboveScale: n == 2))
            }
            var (kept, counted) = try await Self.rollupAndRecount(app)
            XCTAssertEqual(kept, counted)
            XCTAssertEqual(counted.reduce(0) { $0 + $1.n }, 3)

            // An edit that moves an enterprise to another unit, industry and scale, then deactivation.
            let patched = try await api.send(.PATCH, "/api/v1/enterprises/\(ids[0])", body: ["unitId": fixtures.otherTeam, "industryCode": "2710", "aboveScale": true])
            XCTAssertEqual(patched.status, .ok, patched.body.string)
            let deactivated = try await api.send(.POST, "/api/v1/enterprises/\(ids[1])/deactivate", body: [:])
            XCTAssertEqual(deactivated.status, .ok, deactivated.body.string)
            (kept, counted) = try await Self.rollupAndRecount(app)
            XCTAssertEqual(kept, counted)

            // An import: one new enterprise and one update by credit code.
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("enterprises", fileName: "汇总.csv", data: ImportDriver.csv([
                "企业名称,统一社会信用代码,行业代码,所属单位,规上",
                "汇总导入企业,\(USCC.numbered(9201)),3976,ZS-JCDL,是",
                "汇总测试企业2,\(USCC.numbered(9102)),3976,ZS-SMJK,否",
            ]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            (kept, counted) = try await Self.rollupAndRecount(app)
            XCTAssertEqual(kept, counted)
            XCTAssertEqual(counted.reduce(0) { $0 + $1.n }, 4)
        }
    }

    func testTheDashboardAndTheListTotalsReadTheRollup() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let office = try await Browser.signedIn(app, as: .office)
            for n in 1...4 {
                try await api.createEnterprise("总数企业\(n)", code: USCC.numbered(9300 + n), industry: n % 2 == 0 ? "3976" : "2710",
                                                      unit: n == 4 ? fixtures.otherTeam : fixtures.team, aboveScale: n <= 2)
            }
            // The list's totals for the filters the roll-up is kept by equal the rows' count.
            let cases: [(String, Int)] = [
                ("", 4), ("?aboveScale=1", 2), ("?unitId=\(fixtures.team)", 3), ("?unitId=\(fixtures.zone)&industryCode=C39", 2),
                ("?industryCode=27&aboveScale=0", 1), ("?active=0", 0), ("?industryCode=3976", 2),
                ("?industryCode=C&aboveScale=1", 2), ("?industryCode=I", 0),
            ]
            for (query, expected) in cases {
                let response = try await office.get("/api/v1/enterprises" + query)
                let total = try parseJSONObject(response)["total"] as? Int
                XCTAssertEqual(total, expected, query)
            }
            // The roll-up is what is read: a total from it differs from the rows once it is falsified.
            try await (app.db as! any SQLDatabase).raw("UPDATE enterprise_counts SET n = n + 100 WHERE active = \(bind: true) AND above_scale = \(bind: true) AND division = '27'").run()
            let falsified = try parseJSONObject(try await office.get("/api/v1/enterprises?aboveScale=1"))["total"] as? Int
            XCTAssertEqual(falsified, 102)
            let section = try parseJSONObject(try await office.get("/api/v1/enterprises?industryCode=C&aboveScale=1"))["total"] as? Int
            XCTAssertEqual(section, 102, "a section's total is summed over its divisions in the roll-up too")
            let home = try await office.get("/")
            XCTAssertTrue(home.body.string.contains(">104<"), "the dashboard's 在册企业 tile reads the roll-up")
            // A search is counted on the rows, whatever the roll-up says.
            let searched = try parseJSONObject(try await office.get("/api/v1/enterprises?q=%E6%80%BB%E6%95%B0"))["total"] as? Int
            XCTAssertEqual(searched, 4)
        }
    }

    func testRecomputeMakesTheDerivedTablesAgain() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            try await api.createEnterprise("重算企业", code: USCC.numbered(9401), unit: fixtures.team)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("DELETE FROM enterprise_counts").run()
            try await sql.raw("DELETE FROM search_grams").run()
            // The command runs as a second process on the same database, as an operator would.
            let run = try CLITests.gaoxin(["recompute"], databaseURL: app.gaoxinConfig.databaseURL)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("已重新计算"), run.output)
            let (kept, counted) = try await Self.rollupAndRecount(app)
            XCTAssertEqual(kept, counted)
            XCTAssertEqual(counted.reduce(0) { $0 + $1.n }, 1)
            let found = try await Probe.count(app, "search_grams", where: "tbl = 'enterprises'")
            XCTAssertGreaterThan(found, 0)
        }
    }
}
