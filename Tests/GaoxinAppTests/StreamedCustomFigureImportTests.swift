import Foundation
@testable import GaoxinApp
import GaoxinDomain
import Vapor
import XCTest

/// A CSV file of zone-indicator values is streamed as the built-in figures are (issue 11.3): read,
/// checked and written a slice at a time in one transaction, so it is all or nothing, a row
/// repeating an earlier slice's enterprise, month and indicator is named with that row, and values
/// are written in bulk — a correction audited before → after, an unchanged value left alone.
/// Slices of 4 rows stand for the 50,000 of a real import.
final class StreamedCustomFigureImportTests: XCTestCase {
    static let header = "统一社会信用代码,月份,指标,数值"
    static let months = ["2024-01", "2024-02", "2024-03"]

    /// Two indicators and three enterprises of the team; the enterprises' codes.
    func prepare(_ app: Application, _ fixtures: Fixtures) async throws -> [String] {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        for (code, name, unit, kind) in [("ZB-11", "专利授权数", "件", "count"), ("ZB-12", "技术改造投入", "万元", "money")] {
            let created = try await api.send(.POST, RegisterDeclaration.zoneIndicators.apiPath, body: ["code": code, "name": name, "unit": unit, "kind": kind])
            XCTAssertEqual(created.status, .created, created.text)
        }
        var codes: [String] = []
        for number in 9711...9713 {
            _ = try await api.createEnterprise("分片自定义指标企业\(number)", code: USCC.numbered(number), unit: fixtures.team)
            codes.append(USCC.numbered(number))
        }
        return codes
    }

    /// 18 rows: every enterprise's three months of both indicators (the second by its code).
    func lines(_ codes: [String], plus: Int = 0) -> [String] {
        var lines: [String] = []
        for (index, code) in codes.enumerated() {
            for (month, period) in Self.months.enumerated() {
                lines.append("\(code),\(period),专利授权数,\(index * 10 + month + plus)")
                lines.append("\(code),\(period),ZB-12,\(1_000 * (index + 1) + month)")
            }
        }
        return lines
    }

    func run(_ app: Application, _ fixtures: Fixtures, _ lines: [String]) async throws -> JobOutcome {
        try await ImportJob.run(register: CustomFigureRegister(), source: .data(ImportDriver.csv([Self.header] + lines)), fileName: "自定义.csv",
                                limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 4)
    }

    func testAFileOfManySlicesIsWrittenWholeOrNotAtAllAndCorrectionsAreAudited() async throws {
        try await withApp { app, fixtures in
            let codes = try await prepare(app, fixtures)
            XCTAssertTrue(try ImportSource.data(ImportDriver.csv([Self.header] + lines(codes))).streams(for: CustomFigureRegister(), fileName: "自定义.csv"),
                          "a CSV of zone-indicator values is streamed")
            let audits = try await Probe.auditCount(app)

            // The third row's value again in the fifth slice (the indicator by its name there, its
            // code here): nothing of the slices before it stays.
            var repeated = lines(codes)
            repeated.append("\(codes[0]),2024-02,专利授权数,9")
            repeated.append("\(codes[1]),2024-03,ZB-12,9")
            let refused = try await run(app, fixtures, repeated)
            guard case .failed(let message, _) = refused else { return XCTFail("a repeated value refuses the file: \(refused)") }
            XCTAssertEqual(message, "发现 2 处问题，未写入任何数据。请修改后重新导入。")
            XCTAssertEqual(StreamedImportTests.errors(refused).map(\.row), [20, 21])
            XCTAssertEqual(StreamedImportTests.errors(refused).map(\.reason), ["与第 4 行是同一企业、同一月份、同一指标", "与第 13 行是同一企业、同一月份、同一指标"])
            Check.equal(try await Probe.count(app, "enterprise_custom_figures"), 0, "the slices written before the repeat were rolled back")
            Check.equal(try await Probe.auditCount(app), audits, "nor audited")

            // The good file: every slice, no row of its own for a new value, the import's row.
            guard case .succeeded(let written, _) = try await run(app, fixtures, lines(codes)) else { return XCTFail("the good file imports") }
            XCTAssertEqual(written, "已导入 18 条企业自定义指标")
            Check.equal(try await Probe.count(app, "enterprise_custom_figures"), 18)
            Check.equal(try await Probe.count(app, "enterprise_custom_figures", where: "period = '2024-01' AND value = 3000"), 1)
            Check.equal(try await Probe.auditCount(app, entity: "enterprise_custom_figure"), 0)
            Check.equal(try await Probe.auditCount(app, entity: "import"), 1)

            // Again: nothing written. Then the first indicator raised by 5 in every row: nine
            // corrections, each audited with its value before and after, the others untouched.
            guard case .succeeded(let again, _) = try await run(app, fixtures, lines(codes)) else { return XCTFail("a second import runs") }
            XCTAssertEqual(again, "已导入 0 条企业自定义指标（共 18 行，其余 18 行与现有数据相同，未改动）")
            guard case .succeeded(let corrected, _) = try await run(app, fixtures, lines(codes, plus: 5)) else { return XCTFail("a correction imports") }
            XCTAssertEqual(corrected, "已导入 9 条企业自定义指标（共 18 行，其余 9 行与现有数据相同，未改动）")
            Check.equal(try await Probe.count(app, "enterprise_custom_figures"), 18)
            let entries = try await Stored.audit(app, entity: "enterprise_custom_figure")
            XCTAssertEqual(entries.count, 9)
            XCTAssertEqual(Set(entries.map(\.action)), ["update"])
            let second = try XCTUnwrap(entries.first { $0.summary.contains("分片自定义指标企业9712") && $0.summary.contains("2024-02") })
            XCTAssertEqual(try parseJSONObject(second.beforeJSON)["value"] as? Int, 11)
            XCTAssertEqual(try parseJSONObject(second.afterJSON)["value"] as? Int, 16)
            Check.equal(try await Probe.count(app, "enterprise_custom_figures", where: "value BETWEEN 5 AND 27"), 9, "the new values stored")
        }
    }
}
