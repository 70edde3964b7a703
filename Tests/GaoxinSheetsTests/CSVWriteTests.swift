import XCTest
@testable import GaoxinSheets

final class CSVWriteTests: XCTestCase {
    func testUTF8WithByteOrderMarkCRLFAndQuotingOnlyWhenNeeded() {
        let table = SheetTable(name: "T", rows: [
            [.text("名称"), .text("备注")],
            [.text("无锡,高新区"), .text("他说\"好\"")],
            [.text("多行\n文本"), .text("plain")],
        ])
        let data = CSVFormat.write(table)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: data.dropFirst(3), as: UTF8.self),
                       "名称,备注\r\n\"无锡,高新区\",\"他说\"\"好\"\"\"\r\n\"多行\n文本\",plain\r\n")
        XCTAssertEqual(String(decoding: CSVFormat.write(table, bom: false).prefix(6), as: UTF8.self), "名称")
    }

    func testTypedCellsUseTheirCanonicalText() {
        let table = SheetTable(name: "T", rows: [[
            .integer(-5), .number(-3.5), .number(2), .date(year: 2024, month: 3, day: 5), .bool(true), .empty, .text("0011"),
        ]])
        XCTAssertEqual(String(decoding: CSVFormat.write(table, bom: false), as: UTF8.self), "-5,-3.5,2,2024-03-05,TRUE,,0011\r\n")
    }

    func testTextThatLooksLikeAFormulaIsDefused() {
        let texts = ["=HYPERLINK(\"http://x\",\"点我\")", "+86 510 8888", "-5", "@SUM(A1)", "\tx", "\rx", "=a,b", "普通"]
        let table = SheetTable(name: "T", rows: [texts.map { .text($0) }])
        let written = String(decoding: CSVFormat.write(table, bom: false), as: UTF8.self)
        XCTAssertEqual(written, "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",'+86 510 8888,'-5,'@SUM(A1),'\tx,\"'\rx\",\"'=a,b\",普通\r\n")
    }

    func testNumbersAreNeverPrefixed() {
        let table = SheetTable(name: "T", rows: [[.integer(-1), .number(-0.5)]])
        XCTAssertEqual(String(decoding: CSVFormat.write(table, bom: false), as: UTF8.self), "-1,-0.5\r\n")
    }

    func testWrittenCSVReadsBackAsText() throws {
        let data = CSVFormat.write(SampleTables.enterprises)
        let expected = SampleTables.enterprises.rows.map { row in
            row.map { cell -> SheetCell in
                if case .text(let text) = cell, CSVFormat.startsLikeFormula(text) { return .text("'" + text) }
                return cell == .empty ? .empty : .text(cell.text)
            }
        }
        let rows = try CSVFormat.read(data).rows
        XCTAssertEqual(rows, expected)
        XCTAssertEqual(rows[4][1], .text("'=SUM(A1)"))
        XCTAssertEqual(rows[1][3], .text("-3.25"))
    }

    func testTheFormulaGuardComesOffOnTheWayBack() {
        XCTAssertEqual(CSVFormat.unguarded("'=HYPERLINK(1)"), "=HYPERLINK(1)")
        XCTAssertEqual(CSVFormat.unguarded("'-5"), "-5")
        XCTAssertEqual(CSVFormat.unguarded("'s Hertogenbosch"), "'s Hertogenbosch", "an apostrophe before ordinary text is text")
        XCTAssertEqual(CSVFormat.unguarded("江阴"), "江阴")
    }
}
