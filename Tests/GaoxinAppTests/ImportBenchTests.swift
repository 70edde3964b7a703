import Fluent
import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTVapor
import XCTest

/// `gaoxin bench import` times the bulk imports (enterprises, monthly figures, zone-indicator
/// values, qualifications, leads) on the database as it is and leaves no trace: the imports run
/// whole (checks, writes, postings, roll-ups, audit) and are rolled back.
final class ImportBenchTests: XCTestCase {
    func testTheImportBenchReportsBothImportsAndLeavesTheDatabaseAsItWas() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for serial in 0..<3 {
                try await api.createEnterprise("基准测试企业\(serial)有限公司", code: USCC.numbered(8_800 + serial), unit: fixtures.zone)
            }
            let indicator = try await api.send(.POST, RegisterDeclaration.zoneIndicators.apiPath, body: ["code": "ZB-01", "name": "专利授权数", "unit": "件", "kind": "count"])
            XCTAssertEqual(indicator.status, .created, indicator.text)
            let source = try await AttractionRequests.source(api)
            _ = try AttractionRequests.created(try await AttractionRequests.lead(api, "XS-0001", "样板线索科技有限公司", source: source, unit: fixtures.team))
            let sql = app.db as! any SQLDatabase
            func counts() async throws -> [Int] {
                var counts: [Int] = []
                for table in ["enterprises", "enterprise_indicators", "audit_log", "search_grams", "search_grams_recent", "search_filings", "monthly_figures", "enterprise_counts",
                              "enterprise_custom_figures", "enterprise_qualifications", "leads", "register_links"] {
                    counts.append(try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self) ?? -1)
                }
                return counts
            }
            let before = try await counts()

            let run = try CLITests.gaoxin(["bench", "import", "--rows", "250", "--as", Fixtures.username(.admin)], databaseURL: app.gaoxinConfig.databaseURL)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("| 企业名录 (enterprises) | 250 |"), run.output)
            XCTAssertTrue(run.output.contains("| 月度指标 (monthly figures) | 3 |"), "one month of each enterprise there is: \(run.output)")
            XCTAssertTrue(run.output.contains("| 企业自定义指标 (zone-indicator values) | 3 |"), run.output)
            XCTAssertTrue(run.output.contains("| 企业资质 (qualifications) | 3 |"), run.output)
            XCTAssertTrue(run.output.contains("| 招商线索 (leads, a declared register) | 250 |"), "leads of the first lead's team and source: \(run.output)")
            XCTAssertTrue(run.output.contains("bare INSERT"), run.output)
            // The merge of the 250 enterprises' postings is timed apart and rolled back with the rest.
            let merged = try XCTUnwrap(run.output.components(separatedBy: "search postings afterwards").last?.split(separator: ":").dropFirst().first,
                                       run.output)
            let postings = Int(merged.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") ?? 0
            XCTAssertGreaterThan(postings, 250 * 10, "each bench name files more than ten grams: \(run.output)")
            XCTAssertTrue(run.output.contains("(0 waiting before)"), run.output)

            try await AssertAsync.equal(try await counts(), before, "rolled back: no enterprise, month, audit row, posting or roll-up left")
            let bench = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises WHERE substr(credit_code, 9, 1) = 'B'").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(bench, 0)
        }
    }

    func testTheBenchsCreditCodesAreValidAndNotTheSeeds() {
        let codes = (0..<500).map { ImportBench.code(city: $0 % 13, serial: $0) }
        XCTAssertEqual(Set(codes).count, codes.count)
        let seeded = Set((0..<500).map { ProvinceSeeder.code(city: $0 % 13, serial: $0) })
        for code in codes {
            guard case .success = CreditCode.parse(code) else { return XCTFail("not a valid credit code: \(code)") }
            XCTAssertFalse(seeded.contains(code), code)
            XCTAssertEqual(Array(code)[8], "B", code)
        }
    }

    /// The bench's leads are as many companies as rows: a lead of the same company (by its key,
    /// which drops places and the legal form) would be refused as a repeat, as 11 of 100,000
    /// generated names once were.
    func testTheBenchsLeadCompaniesAreAllDifferentCompanies() {
        let names = ImportBench.leadCompanies(20_000)
        XCTAssertEqual(names.count, 20_000)
        XCTAssertEqual(Set(names.map(CompanyNameKey.of)).count, names.count)
        // The seeder's 300,000 leads are all of the first legal form (…有限公司), whose keys end in
        // an industry word; the bench's are of the last (…实业有限公司), whose keys end in 实业.
        XCTAssertGreaterThan(ProvinceNames.perRound, 300_000)
        XCTAssertEqual(ProvinceNames.forms.first, "有限公司")
        XCTAssertTrue(names.allSatisfy { CompanyNameKey.of($0).hasSuffix("实业") }, "every bench company is of the last legal form")
        XCTAssertFalse(ProvinceNames.industries.contains { $0.word.hasSuffix("实业") })
        let seeded = Set((0..<2_000).map { CompanyNameKey.of(ProvinceNames.enterprise($0).name) })
        XCTAssertTrue(names.allSatisfy { !seeded.contains(CompanyNameKey.of($0)) }, "none is a company the seeder's leads follow")
    }
}
