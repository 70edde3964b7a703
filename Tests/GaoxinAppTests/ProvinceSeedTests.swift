import Fluent
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTest

/// `seed-demo --scale province` at a small size: realistic, distinct names with valid credit
/// codes of their city, the city and board tree, the months of figures for every enterprise, the
/// clusters with chains, one audit row — the same rows on every run.
final class ProvinceSeedTests: XCTestCase {
    func testAProvinceIsGeneratedDeterministicallyWithValidCodesAndRealisticNames() async throws {
        var first: [String] = []
        for run in 0..<2 {
            try await withApp { app, _ in
                let options = ProvinceSeeder.Options(enterprises: 3_000, months: 3, lastMonth: Period(year: 2025, month: 2)!, clusters: 40)
                let summary = try await ProvinceSeeder.seed(app, options: options) { _ in }
                XCTAssertEqual(summary.enterprises, 3_000)
                XCTAssertEqual(summary.clusters, 40)
                let sql = app.db as! any SQLDatabase
                let rows = try await sql.raw("SELECT credit_code, name, industry_code, name_sort FROM enterprises WHERE credit_code LIKE '91%P%' ORDER BY id").all()
                XCTAssertEqual(rows.count, 3_000)
                var names: [String] = []
                for row in rows {
                    let code = try row.decode(column: "credit_code", as: String.self), name = try row.decode(column: "name", as: String.self)
                    XCTAssertNoThrow(try CreditCode.parse(code).get(), code)
                    XCTAssertTrue(IndustryCatalogue.standard.isKnown(try row.decode(column: "industry_code", as: String.self)))
                    XCTAssertEqual(try row.decode(column: "name_sort", as: String.self), PinyinSortKey.key(for: name))
                    XCTAssertNil(name.range(of: #"\d"#, options: .regularExpression), "no numbered placeholder names: \(name)")
                    XCTAssertTrue(name.hasSuffix("公司"), name)
                    names.append(name)
                }
                XCTAssertEqual(Set(names).count, names.count, "every generated name is distinct")
                XCTAssertGreaterThan(Set(names.map { String($0.prefix(2)) }).count, 20, "names start with many regions and trade names")
                let figures = try await sql.raw("""
                    SELECT COUNT(*) AS n, MIN(period) AS first, MAX(period) AS last FROM enterprise_indicators i
                    JOIN enterprises e ON e.id = i.enterprise_id WHERE e.credit_code LIKE '91%P%'
                    """).first()
                XCTAssertEqual(try figures?.decode(column: "n", as: Int.self), 9_000)
                XCTAssertEqual(try figures?.decode(column: "first", as: String.self), "2024-12")
                XCTAssertEqual(try figures?.decode(column: "last", as: String.self), "2025-02")
                let cities = try await OrgUnit.query(on: app.db).filter(\.$parentID == nil).filter(\.$kind == UnitKind.city.rawValue).count()
                XCTAssertEqual(cities, 13)
                let attached = try await sql.raw("SELECT COUNT(*) AS n FROM chain_node_enterprises").first(decodingColumn: "n", as: Int.self) ?? 0
                XCTAssertGreaterThan(attached, 40, "the clusters' chains hold enterprises")
                // Every generated cluster is in the province's structure, once, in its category's group.
                let structured = try await sql.raw("""
                    SELECT g.name AS grp, COUNT(*) AS n FROM cluster_structure_members m JOIN cluster_structure_groups g ON g.id = m.group_id
                    JOIN cluster_structures s ON s.id = m.structure_id WHERE s.name = '全省产业集群体系（省级规模演示）' GROUP BY g.name
                    """).all().map { (try $0.decode(column: "grp", as: String.self), try $0.decode(column: "n", as: Int.self)) }
                XCTAssertEqual(structured.map(\.1).reduce(0, +), 40)
                XCTAssertEqual(Set(structured.map(\.0)), Set(ClusterCategory.allCases.map(\.nameZh)))
                try await AssertAsync.equal(try await Stored.audit(app, entity: "import", action: "import").count, 1, "one audit row for the whole seed")
                if run == 0 { first = names } else { XCTAssertEqual(names, first, "the same rows on every run") }
                do {
                    _ = try await ProvinceSeeder.seed(app, options: options) { _ in }
                    XCTFail("a second province seed is refused")
                } catch {}
            }
        }
    }
}
