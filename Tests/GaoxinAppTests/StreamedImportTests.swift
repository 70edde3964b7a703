import Foundation
@testable import GaoxinApp
import GaoxinDomain
import GaoxinSheets
import Vapor
import XCTest

/// A CSV file of monthly figures is read, checked and written a slice at a time inside one
/// transaction (issue 11.3): what reaches the database is the whole file or nothing, a month
/// repeated in a later slice is named with the row that gave it first, and every bad row is
/// reported wherever it is. Slices of 4 rows stand for the 50,000 of a real import.
final class StreamedImportTests: XCTestCase {
    static let header = "统一社会信用代码,月份,营业收入（万元）,从业人员（人）"
    static let months = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]

    /// Three enterprises of the team; their codes.
    func enterprises(_ app: Application, _ fixtures: Fixtures) async throws -> [String] {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        var codes: [String] = []
        for number in 9701...9703 {
            _ = try await api.createEnterprise("分片导入企业\(number)", code: USCC.numbered(number), unit: fixtures.team)
            codes.append(USCC.numbered(number))
        }
        return codes
    }

    /// 18 rows: every enterprise's six months, revenue 100 × its place.
    func lines(_ codes: [String]) -> [String] {
        var lines: [String] = []
        for (index, code) in codes.enumerated() {
            for (month, period) in Self.months.enumerated() { lines.append("\(code),\(period),\((index + 1) * 100 + month),\(10 + index)") }
        }
        return lines
    }

    func run(_ app: Application, _ fixtures: Fixtures, _ lines: [String]) async throws -> JobOutcome {
        try await ImportJob.run(register: IndicatorRegister(), source: .data(ImportDriver.csv([Self.header] + lines)), fileName: "月度.csv",
                                limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 4)
    }

    static func errors(_ outcome: JobOutcome) -> [ImportRowError] {
        guard case .failed(_, let json?) = outcome else { return [] }
        return (try? JSONDecoder().decode(ImportResult.self, from: Data(json.utf8)))?.errors ?? []
    }

    func testAFileOfManySlicesIsWrittenWholeOrNotAtAll() async throws {
        try await withApp { app, fixtures in
            let codes = try await enterprises(app, fixtures)
            let audits = try await Probe.auditCount(app)

            // The second row's month again, in the fifth slice: nothing of the four slices before stays.
            var repeated = lines(codes)
            repeated.append("\(codes[0]),2024-01,999,1")
            let refused = try await run(app, fixtures, repeated)
            guard case .failed(let message, _) = refused else { return XCTFail("a repeated month refuses the file: \(refused)") }
            XCTAssertEqual(message, "发现 1 处问题，未写入任何数据。请修改后重新导入。")
            XCTAssertEqual(Self.errors(refused), [ImportRowError(row: 20, column: "月份", value: "2024-01", reason: "与第 2 行是同一企业同一月份")])
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 0, "the slices written before the repeat were rolled back")
            Check.equal(try await Probe.auditCount(app), audits, "nor audited")

            // The file without the repeat: every slice; new months are audited by the import's own row.
            guard case .succeeded(let written, _) = try await run(app, fixtures, lines(codes)) else { return XCTFail("the good file imports") }
            XCTAssertEqual(written, "已导入 18 条企业月度指标")
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 18)
            Check.equal(try await Probe.count(app, "enterprise_indicators", where: "period = '2024-06' AND revenue = 305 AND employees = 12"), 1)
            Check.equal(try await Probe.auditCount(app, entity: "enterprise_indicator"), 0, "a month reported for the first time has no row of its own")
            Check.equal(try await Probe.auditCount(app, entity: "import"), 1)
            // The import's own row names the file by its checksum and counts its rows.
            let record = try await Probe.importRecord(app)
            let file = ImportDriver.csv([Self.header] + lines(codes))
            XCTAssertEqual(record["sha256"] as? String, Probe.sha256(file))
            XCTAssertEqual(record["bytes"] as? Int, file.count)
            XCTAssertEqual(record["rows"] as? Int, 18)
            XCTAssertEqual(record["written"] as? Int, 18)
            XCTAssertEqual(record["file"] as? String, "月度.csv")
            let (kept, summed) = try await MonthlyFiguresTests.rollupAndResum(app)
            XCTAssertEqual(kept, summed, "the roll-up counts every slice")

            // The same file again changes nothing.
            guard case .succeeded(let again, _) = try await run(app, fixtures, lines(codes)) else { return XCTFail("a second import runs") }
            XCTAssertEqual(again, "已导入 0 条企业月度指标（共 18 行，其余 18 行与现有数据相同，未改动）")
        }
    }

    /// After the first bad row the rest is still checked: each bad row is reported, at its number
    /// in the file (a blank line and a quoted line break counted as the whole-file reading counts them).
    func testEveryBadRowIsReportedWhereverItsSliceIs() async throws {
        try await withApp { app, fixtures in
            let codes = try await enterprises(app, fixtures)
            var file = lines(codes)
            file[2] = "\(codes[0]),2024-03,三百,10"
            file.insert("", at: 5)
            file[9] = "\"\(codes[1])\",\"2024-\n04\",201,11"
            file.append("\(USCC.numbered(9799)),2024-01,5,1")
            let outcome = try await run(app, fixtures, file)
            let found = Self.errors(outcome).map { "\($0.row) \($0.column) \($0.reason)" }
            XCTAssertEqual(found, [
                "4 营业收入（万元） 应为数字",
                "11 月份 月份“2024-\n04”格式不对，应为 YYYY-MM，如 2025-03",
                "21 统一社会信用代码 该企业尚未登记，请先导入企业名录",
            ])
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 0)
        }
    }

    /// A file with thousands of bad rows lists the first 10,000 and counts them all.
    func testARefusalListsTheFirstTenThousandProblemsAndCountsAll() async throws {
        try await withApp { app, fixtures in
            let lines = (1...10_003).map { "坏代码\($0),2024-01,1,1" }
            let outcome = try await ImportJob.run(register: IndicatorRegister(), source: .data(ImportDriver.csv([Self.header] + lines)), fileName: "坏.csv",
                                                  limit: 1 << 24, context: fixtures.officeImportContext(app))
            guard case .failed(let message, _) = outcome else { return XCTFail("refused") }
            XCTAssertEqual(message, "发现 10003 处问题（列出前 10000 处），未写入任何数据。请修改后重新导入。")
            let errors = Self.errors(outcome)
            XCTAssertEqual(errors.count, 10_000)
            XCTAssertEqual(errors.first?.row, 2)
            XCTAssertEqual(errors.last?.row, 10_001)
        }
    }

    /// The enterprise register streams too (a province's million): a code repeated in a later slice
    /// is named with its first row and nothing is registered; the good file's enterprises, each
    /// slice's, are registered and found by a two-character search.
    func testEnterprisesStreamAcrossSlices() async throws {
        try await withApp { app, fixtures in
            let header = "企业名称,统一社会信用代码,行业代码,所属单位,规上"
            let rows = (1...5).map { "分片登记企业\($0)号有限公司,\(USCC.numbered(9710 + $0)),3973,ZS-JCDL,是" }
            let before = try await Probe.count(app, "enterprises")
            func run(_ lines: [String]) async throws -> JobOutcome {
                try await ImportJob.run(register: EnterpriseRegister(), source: .data(ImportDriver.csv([header] + lines)), fileName: "企业.csv",
                                        limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 2)
            }
            let refused = try await run(rows + ["另一家企业,\(USCC.numbered(9711)),3973,ZS-JCDL,否"])
            XCTAssertEqual(Self.errors(refused), [ImportRowError(row: 7, column: "统一社会信用代码", value: USCC.numbered(9711), reason: "与第 2 行的统一社会信用代码重复")])
            Check.equal(try await Probe.count(app, "enterprises"), before, "the two slices before the repeat were rolled back")

            guard case .succeeded(let message, _) = try await run(rows) else { return XCTFail("the good file imports") }
            XCTAssertEqual(message, "已导入 5 条企业名录")
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let found = try api.object(try await api.send(.GET, Site.API.enterprises + "?q=分片"))
            XCTAssertEqual(found["total"] as? Int, 5, "each slice's search postings were filed: \(found)")
        }
    }

    /// The months seen across slices: each enterprise's month remembers its first row, apart from
    /// every other month and enterprise, across the pages of 4,096 ids.
    func testFirstRowByMonthRemembersEachEnterprisesMonthApart() {
        var seen = FirstRowByMonth()
        let march = Period(year: 2025, month: 3)!, april = Period(year: 2025, month: 4)!, nextMarch = Period(year: 2026, month: 3)!
        for (id, row) in [(4_095, 2), (4_096, 3), (1, 4), (1_000_000, 5)] {
            XCTAssertNil(seen.earlier(MonthOf(enterpriseID: id, period: march), row: row), "enterprise \(id) is new in March")
        }
        for period in [april, nextMarch] {
            XCTAssertNil(seen.earlier(MonthOf(enterpriseID: 4_095, period: period), row: 10), "\(period) is another month")
        }
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 4_095, period: march), row: 20), 2)
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 4_096, period: march), row: 21), 3)
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 1_000_000, period: march), row: 22), 5)
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 4_095, period: april), row: 23), 10)
        XCTAssertNil(seen.earlier(MonthOf(enterpriseID: 2, period: march), row: 24), "a neighbour in the same page is its own")
        // A zone indicator's months are a series of their own.
        XCTAssertNil(seen.earlier(MonthOf(enterpriseID: 4_095, period: march), series: 7, row: 30), "indicator 7's March is not the figures' March")
        XCTAssertNil(seen.earlier(MonthOf(enterpriseID: 4_095, period: march), series: 8, row: 31))
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 4_095, period: march), series: 7, row: 32), 30)
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 4_095, period: march), row: 33), 2)
    }

    /// A page of ids turns dense once a quarter of it is given, and keeps every first row it had.
    func testFirstRowByMonthKeepsItsRowsWhenAPageTurnsDense() {
        var seen = FirstRowByMonth()
        let may = Period(year: 2025, month: 5)!
        // Ids 8,192… (one page), every third, past the point where the page turns dense.
        let ids = stride(from: 8_192, to: 8_192 + 4_096, by: 3).map { $0 }
        for (offset, id) in ids.enumerated() {
            XCTAssertNil(seen.earlier(MonthOf(enterpriseID: id, period: may), series: 2, row: offset + 2))
        }
        for (offset, id) in ids.enumerated() {
            XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: id, period: may), series: 2, row: 99_999), offset + 2, "id \(id)")
        }
        XCTAssertNil(seen.earlier(MonthOf(enterpriseID: 8_193, period: may), series: 2, row: 5), "an id not given is still new")
        XCTAssertEqual(seen.earlier(MonthOf(enterpriseID: 8_193, period: may), series: 2, row: 6), 5)
        XCTAssertNil(seen.earlier(MonthOf(enterpriseID: 8_192, period: may), series: 3, row: 7), "another series' page")
    }

    /// A UTF-16 file (which the slice reader leaves to the whole-file reading) of a streamed
    /// register still imports, read whole.
    func testAUTF16FileOfAStreamedRegisterIsReadWhole() async throws {
        try await withApp { app, fixtures in
            let codes = try await enterprises(app, fixtures)
            let text = ([Self.header] + lines(codes)).map { $0 + "\r\n" }.joined()
            let data = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            let outcome = try await ImportJob.run(register: IndicatorRegister(), source: .data(data), fileName: "月度.csv", limit: 1 << 20,
                                                  context: fixtures.officeImportContext(app), sliceRows: 4)
            guard case .succeeded(let message, _) = outcome else { return XCTFail("\(outcome)") }
            XCTAssertEqual(message, "已导入 18 条企业月度指标")
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 18)
        }
    }
}
