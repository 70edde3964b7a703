import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A common term (more matches than `SearchIndex.selectiveLimit`) in an order other than the
/// name's: PostgreSQL walks the first rows of the order and tests each (`ListRunner.commonTermPageIDs`),
/// the whole order where they hold too few; SQLite walks the order's index. The pages are the same
/// on both engines, in both directions and deep.
final class CommonTermOrderTests: XCTestCase {
    func testACommonTermPagesInTheListsOrder() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await AttractionRequests.source(office)
            let template = try await AttractionRequests.lead(office, "T-1", "模板线索科技有限公司", source: source, unit: fixtures.team, stage: "lead",
                                                             extra: ["nextStepOn": "2099-01-01", "nextStep": "回访"])
            let templateID = try XCTUnwrap(parseJSONObject(template)["id"] as? Int)
            // 2,400 leads named 批量线索10001…, each investment its number (the 7th without one), the
            // next step a day per ten of them.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2400)
                INSERT INTO leads (active, name_sort, created_at, updated_at, code, company_name, company_key, source_id, owning_unit_id, stage,
                                   estimated_investment, next_step, next_step_on)
                SELECT TRUE, 'p-' || CAST(10000 + i AS TEXT), l.created_at, l.updated_at, 'CL-' || CAST(10000 + i AS TEXT),
                       '批量线索' || CAST(10000 + i AS TEXT), 'key' || CAST(i AS TEXT), l.source_id, l.owning_unit_id, l.stage,
                       CASE WHEN i = 7 THEN NULL ELSE i END, l.next_step, '2098-' || CASE WHEN i / 10 % 12 + 1 < 10 THEN '0' ELSE '' END
                       || CAST(i / 10 % 12 + 1 AS TEXT) || '-' || CASE WHEN i % 28 + 1 < 10 THEN '0' ELSE '' END || CAST(i % 28 + 1 AS TEXT)
                FROM n, leads l WHERE l.id = \(bind: templateID)
                """).run()
            // 3,000 others that match nothing and come first by investment descending: walking that
            // order, the first rows hold no match and the whole order is walked instead.
            try await sql.raw("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
                INSERT INTO leads (active, name_sort, created_at, updated_at, code, company_name, company_key, source_id, owning_unit_id, stage,
                                   estimated_investment, next_step, next_step_on)
                SELECT TRUE, 'q-' || CAST(10000 + i AS TEXT), l.created_at, l.updated_at, 'OL-' || CAST(10000 + i AS TEXT),
                       '其他线索' || CAST(10000 + i AS TEXT), 'other' || CAST(i AS TEXT), l.source_id, l.owning_unit_id, l.stage,
                       100000 + i, l.next_step, '2099-06-01'
                FROM n, leads l WHERE l.id = \(bind: templateID)
                """).run()
            try await SearchSource.rebuild(SearchSource.all, on: sql)
            // The table's size estimate (PostgreSQL's `reltuples`) the walk is measured by.
            try await sql.raw("ANALYZE").run()
            let rows = try await sql.raw("""
                SELECT company_name, estimated_investment, next_step_on, id FROM leads WHERE company_name LIKE '批量%'
                """).all()
            struct Lead { let name: String; let investment: Int?; let nextStepOn: String; let id: Int }
            let leads = try rows.map {
                Lead(name: try $0.decode(column: "company_name", as: String.self), investment: try $0.decode(column: "estimated_investment", as: Int?.self),
                     nextStepOn: try $0.decode(column: "next_step_on", as: String.self), id: try $0.decode(column: "id", as: Int.self))
            }
            func listed(_ query: String) async throws -> [String] {
                let body = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.leads.apiPath + "?q=%E6%89%B9%E9%87%8F&per=50&" + query))
                XCTAssertGreaterThanOrEqual(body["total"] as? Int ?? 0, SearchIndex.selectiveLimit, query)
                return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["companyName"] as? String }
            }
            let byInvestmentDescending = leads.sorted { ($0.investment ?? Int.min, -$0.id) > ($1.investment ?? Int.min, -$1.id) }.map(\.name)
            try await AssertAsync.equal(try await listed("sort=-estimatedInvestment"), Array(byInvestmentDescending[0..<50]))
            try await AssertAsync.equal(try await listed("sort=-estimatedInvestment&page=48"), Array(byInvestmentDescending[2350..<2400]),
                                        "the last page ends with the one without an investment")
            let byInvestment = leads.sorted { ($0.investment ?? Int.max, $0.id) < ($1.investment ?? Int.max, $1.id) }.map(\.name)
            try await AssertAsync.equal(try await listed("sort=estimatedInvestment&page=3"), Array(byInvestment[100..<150]))
            let byNextStep = leads.sorted { ($0.nextStepOn, $0.id) < ($1.nextStepOn, $1.id) }.map(\.name)
            try await AssertAsync.equal(try await listed(""), Array(byNextStep[0..<50]), "the default order, the next step's")
            try await AssertAsync.equal(try await listed("page=7"), Array(byNextStep[300..<350]))
            try await AssertAsync.equal(try await listed("sort=-id&page=2"), Array(leads.sorted { $0.id > $1.id }.map(\.name)[50..<100]))
        }
    }

    /// The same for an order read from a joined table (an enterprise's twelve-month revenue).
    func testACommonTermPagesInAJoinedTablesOrder() async throws {
        try await withApp { app, fixtures in
            let options = ProvinceSeeder.Options(enterprises: 2_500, months: 1, lastMonth: Period(year: 2025, month: 2)!, clusters: 40)
            _ = try await ProvinceSeeder.seed(app, options: options) { _ in }
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("""
                SELECT e.name, rr.revenue, e.id FROM enterprises e JOIN enterprise_recent_revenue rr ON rr.enterprise_id = e.id
                WHERE e.name LIKE '%公司%'
                """).all()
            let enterprises = try rows.map { (name: try $0.decode(column: "name", as: String.self), revenue: try $0.decode(column: "revenue", as: Int64?.self),
                                              id: try $0.decode(column: "id", as: Int.self)) }
            XCTAssertGreaterThan(enterprises.count, SearchIndex.selectiveLimit)
            XCTAssertGreaterThan(enterprises.filter { $0.revenue == nil }.count + Set(enterprises.compactMap(\.revenue)).count, 100, "varied revenue")
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            func listed(_ query: String) async throws -> [String] {
                let body = try parseJSONObject(try await admin.send(.GET, "/api/v1/enterprises?q=%E5%85%AC%E5%8F%B8&per=50&" + query))
                return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
            }
            let descending = enterprises.sorted { ($0.revenue ?? Int64.min, -$0.id) > ($1.revenue ?? Int64.min, -$1.id) }.map(\.name)
            try await AssertAsync.equal(try await listed("sort=-revenue"), Array(descending[0..<50]))
            try await AssertAsync.equal(try await listed("sort=-revenue&page=5"), Array(descending[200..<250]))
            let ascending = enterprises.sorted { ($0.revenue ?? Int64.max, $0.id) < ($1.revenue ?? Int64.max, $1.id) }.map(\.name)
            try await AssertAsync.equal(try await listed("sort=revenue&page=2"), Array(ascending[50..<100]))
        }
    }

    /// The walk is sized by the table's estimated rows; a table PostgreSQL has not analysed yet
    /// (`reltuples` -1: a new or restored database until autovacuum runs) is sized by its largest
    /// id, so its first pages are walked short rather than over the whole order.
    func testATableNotYetAnalysedIsSizedByItsLargestID() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            guard sql.dialect.name == "postgresql" else { return }
            try await sql.raw("CREATE TABLE gx_size_probe (id BIGINT PRIMARY KEY, note TEXT)").run()
            try await sql.raw("INSERT INTO gx_size_probe (id, note) SELECT i, 'n' FROM generate_series(1, 700) i").run()
            try await sql.raw("DELETE FROM gx_size_probe WHERE id % 7 = 0").run()
            let never = try await sql.raw("SELECT CAST(reltuples AS BIGINT) AS n FROM pg_class WHERE oid = to_regclass('gx_size_probe')").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(never, -1, "a new table has no estimate")
            try await AssertAsync.equal(try await ListRunner.estimatedRows("gx_size_probe", on: sql), 699, "its largest id (700 was deleted)")
            try await sql.raw("ANALYZE gx_size_probe").run()
            try await AssertAsync.equal(try await ListRunner.estimatedRows("gx_size_probe", on: sql), 600, "PostgreSQL's own estimate once analysed")
        }
    }
}
