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
                if case .text(let text) = cell { return .text(SpreadsheetTextGuard.forCSV(text)) }
                return cell == .empty ? .empty : .text(cell.text)
            }
        }
        let rows = try CSVFormat.read(data).rows
        XCTAssertEqual(rows, expected)
        XCTAssertEqual(rows[4][1], .text("'=SUM(A1)"))
        XCTAssertEqual(rows[1][3], .text("-3.25"))
    }

    func testTheFormulaGuardComesOffOnTheWayBack() {
        XCTAssertEqual(SpreadsheetTextGuard.unguarded("'=HYPERLINK(1)"), "=HYPERLINK(1)")
        XCTAssertEqual(SpreadsheetTextGuard.unguarded("'-5"), "-5")
        XCTAssertEqual(SpreadsheetTextGuard.unguarded("'s Hertogenbosch"), "'s Hertogenbosch", "an apostrophe before ordinary text is text")
        XCTAssertEqual(SpreadsheetTextGuard.unguarded("江阴"), "江阴")
    }

    /// Text that itself begins with an apostrophe before a formula sign (or another apostrophe)
    /// gets one more, so the import's unguarding gives it back exactly (issue 9.4).
    func testTheGuardIsReversibleForHostileText() {
        XCTAssertEqual(SpreadsheetTextGuard.forCSV("=abc"), "'=abc")
        XCTAssertEqual(SpreadsheetTextGuard.forCSV("'=abc"), "''=abc", "no longer exported like =abc")
        XCTAssertEqual(SpreadsheetTextGuard.forXLSX("=abc"), "=abc", "xlsx stores text as text")
        XCTAssertEqual(SpreadsheetTextGuard.forXLSX("'=abc"), "''=abc")
        XCTAssertEqual(SpreadsheetTextGuard.forCSV("'s Hertogenbosch"), "'s Hertogenbosch")
        let signs = ["=", "+", "-", "@", "\t", "\r", "'", "''", "'''", "a", "江", " ", ""]
        var hostile: [String] = []
        for first in signs { for second in signs { for tail in ["", "abc", "=1+1", "HYPERLINK(\"x\")", "'"] { hostile.append(first + second + tail) } } }
        for text in hostile {
            XCTAssertEqual(SpreadsheetTextGuard.unguarded(SpreadsheetTextGuard.forCSV(text)), text, "CSV: \(text.debugDescription)")
            XCTAssertEqual(SpreadsheetTextGuard.unguarded(SpreadsheetTextGuard.forXLSX(text)), text, "xlsx: \(text.debugDescription)")
            XCTAssertFalse(SpreadsheetTextGuard.startsLikeFormula(SpreadsheetTextGuard.forCSV(text)), "a CSV cell never starts like a formula: \(text.debugDescription)")
        }
    }

    func testFilesRoundTripHostileTextThroughTheReaders() throws {
        let names = ["'=abc", "=abc", "''x", "'-5", "@SUM(1)", "'", "'s Hertogenbosch", "+86 510", "-负号开头科技有限公司"]
        let table = SheetTable(name: "T", rows: names.map { [.text($0)] })
        let back = try CSVFormat.read(CSVFormat.write(table)).rows.map { SpreadsheetTextGuard.unguarded($0[0].text) }
        XCTAssertEqual(back, names)
        let xlsx = try XLSXReader.read(try XLSXWriter.write([table]))
        XCTAssertEqual(xlsx.first?.rows.map { SpreadsheetTextGuard.unguarded($0[0].text) }, names)
    }
}
