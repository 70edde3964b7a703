import Fluent
import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTVapor
import XCTest

/// `gaoxin bench import` times both bulk imports on the database as it is and leaves no trace:
/// the imports run whole (checks, writes, postings, roll-ups, audit) and are rolled back.
final class ImportBenchTests: XCTestCase {
    func testTheImportBenchReportsBothImportsAndLeavesTheDatabaseAsItWas() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for serial in 0..<3 {
                try await api.createEnterprise("基准测试企业\(serial)有限公司", code: USCC.numbered(8_800 + serial), unit: fixtures.zone)
            }
            let sql = app.db as! any SQLDatabase
            func counts() async throws -> [Int] {
                var counts: [Int] = []
                for table in ["enterprises", "enterprise_indicators", "audit_log", "search_grams", "search_filings", "monthly_figures", "enterprise_counts"] {
                    counts.append(try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self) ?? -1)
                }
                return counts
            }
            let before = try await counts()

            let run = try CLITests.gaoxin(["bench", "import", "--rows", "250", "--as", Fixtures.username(.admin)], databaseURL: app.gaoxinConfig.databaseURL)
            XCTAssertEqual(run.status, 0, run.output)
            XCTAssertTrue(run.output.contains("| 企业名录 (enterprises) | 250 |"), run.output)
            XCTAssertTrue(run.output.contains("| 月度指标 (monthly figures) | 3 |"), "one month of each enterprise there is: \(run.output)")
            XCTAssertTrue(run.output.contains("bare INSERT"), run.output)

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
}
