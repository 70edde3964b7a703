import XCTest
@testable import GaoxinSheets

final class XLSXRoundTripTests: XCTestCase {
    func testWrittenTablesReadBackUnchanged() throws {
        let data = try XLSXWriter.write(SampleTables.all)
        let tables = try XLSXReader.read(data)
        XCTAssertEqual(tables.map(\.name), ["企业名单", "项目", "Header only"])
        XCTAssertEqual(tables[0], SampleTables.enterprises)
        XCTAssertEqual(tables[0].rows[2][0].text.count, 200)
        // The all-empty middle row survives: row numbers must keep matching the sheet.
        XCTAssertEqual(tables[1], SampleTables.projects)
        XCTAssertEqual(tables[2], SampleTables.headerOnly)
    }

    func testLeadingZerosStayTextAndNumbersStayNumbers() throws {
        let table = SheetTable(name: "S", rows: [[.text("0011"), .integer(11), .number(2.5), .text("2.5")]])
        let row = try XLSXReader.read(XLSXWriter.write([table]))[0].rows[0]
        XCTAssertEqual(row, [.text("0011"), .integer(11), .number(2.5), .text("2.5")])
    }

    func testControlCharactersAreStrippedAndCarriageReturnsKept() throws {
        let table = SheetTable(name: "S", rows: [[.text("a\u{01}b\u{0B}c\u{1F}"), .text("line\r\nbreak"), .text("_x000D_ literal")]])
        let row = try XLSXReader.read(XLSXWriter.write([table]))[0].rows[0]
        XCTAssertEqual(row, [.text("abc"), .text("line\r\nbreak"), .text("_x000D_ literal")])
    }

    func testEmptyTextIsWrittenAsNoCell() throws {
        let table = SheetTable(name: "S", rows: [[.text("a"), .text(""), .text("c")]])
        XCTAssertEqual(try XLSXReader.read(XLSXWriter.write([table]))[0].rows[0], [.text("a"), .empty, .text("c")])
    }

    func testValuesExcelCannotHoldAsNumbersOrDatesBecomeText() throws {
        let table = SheetTable(name: "S", rows: [[
            .integer(1_234_567_890_123_456_789),  // more digits than Excel keeps
            .date(year: 1899, month: 12, day: 31),  // before Excel's calendar
            .date(year: 2023, month: 2, day: 29),  // not a date
            .number(.nan),
        ]])
        let row = try XLSXReader.read(XLSXWriter.write([table]))[0].rows[0]
        XCTAssertEqual(row, [.text("1234567890123456789"), .text("1899-12-31"), .text("2023-02-29"), .text("#NUM!")])
    }

    func testSheetNamesAreMadeValidAndUnique() throws {
        let tables = ["a/b", "A_B", String(repeating: "长", count: 40), "", "History", "'quoted'"].map {
            SheetTable(name: $0, rows: [[.integer(1)]])
        }
        let names = try XLSXReader.read(XLSXWriter.write(tables)).map(\.name)
        XCTAssertEqual(names, ["a_b", "A_B (2)", String(repeating: "长", count: 31), "Sheet4", "History_", "quoted"])
    }

    func testSameInputGivesSameBytes() throws {
        XCTAssertEqual(try XLSXWriter.write(SampleTables.all), try XLSXWriter.write(SampleTables.all))
    }

    func testWritingNoTablesIsAnError() {
        XCTAssertThrowsError(try XLSXWriter.write([])) { XCTAssertEqual($0 as? SheetError, .empty) }
    }

    func testOverlongCellTextIsRefusedWithItsPosition() {
        let table = SheetTable(name: "长文本", rows: [[.text("h")], [.empty, .text(String(repeating: "字", count: 32_768))]])
        XCTAssertThrowsError(try XLSXWriter.write([table])) { error in
            XCTAssertEqual(error as? SheetError, .cellTooLong(sheet: "长文本", row: 2, column: 2))
            XCTAssertTrue((error as? SheetError)?.messageZh.contains("第 2 行第 B 列") == true)
        }
    }

    func testPackageHasTheExpectedPartsAndHeaderStyling() throws {
        let data = try XLSXWriter.write([SampleTables.enterprises])
        var package = try ZipExtractor(data: data, limits: .default)
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"] {
            XCTAssertTrue(package.contains(part), part)
        }
        let sheet = String(decoding: try XCTUnwrap(package.contents(of: "xl/worksheets/sheet1.xml")), as: UTF8.self)
        XCTAssertTrue(sheet.contains("state=\"frozen\""))
        XCTAssertTrue(sheet.contains("<c r=\"A1\" s=\"2\" t=\"s\">"), "header cells are bold")
        XCTAssertTrue(sheet.contains("<c r=\"E2\" s=\"1\"><v>45366</v></c>"), "2024-03-15 is serial 45366 with the date style")
        // The 200-character Chinese name is capped at the maximum width; CJK counts double.
        XCTAssertTrue(sheet.contains("<col min=\"1\" max=\"1\" width=\"60.0\""))
        XCTAssertTrue(sheet.contains("<col min=\"6\" max=\"6\" width=\"7.0\""))
    }
}
