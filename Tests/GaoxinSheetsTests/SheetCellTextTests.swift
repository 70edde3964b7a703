import XCTest
@testable import GaoxinSheets

final class SheetCellTextTests: XCTestCase {
    func testCanonicalForms() {
        XCTAssertEqual(SheetCell.empty.text, "")
        XCTAssertEqual(SheetCell.text("  0011 ").text, "  0011 ", "nothing is trimmed")
        XCTAssertEqual(SheetCell.integer(12).text, "12")
        XCTAssertEqual(SheetCell.integer(-9_223_372_036_854_775_808).text, "-9223372036854775808")
        XCTAssertEqual(SheetCell.date(year: 2024, month: 3, day: 5).text, "2024-03-05")
        XCTAssertEqual(SheetCell.date(year: 987, month: 1, day: 1).text, "0987-01-01")
        XCTAssertEqual(SheetCell.bool(true).text, "TRUE")
        XCTAssertEqual(SheetCell.bool(false).text, "FALSE")
    }

    func testNumbersHaveNoTrailingZeroAndRoundTrip() {
        XCTAssertEqual(SheetCell.number(3).text, "3")
        XCTAssertEqual(SheetCell.number(-0.0).text, "0")
        XCTAssertEqual(SheetCell.number(120_000).text, "120000")
        XCTAssertEqual(SheetCell.number(1e18).text, "1000000000000000000")
        XCTAssertEqual(SheetCell.number(-3.25).text, "-3.25")
        XCTAssertEqual(SheetCell.number(0.1).text, "0.1")
        XCTAssertEqual(SheetCell.number(0.1 + 0.2).text, "0.30000000000000004")
        XCTAssertEqual(SheetCell.number(1e20).text, "1e+20")
        for value in [0.1, 1234.5678, -0.000123, 1.0 / 3.0, 6.02214076e23] {
            XCTAssertEqual(Double(SheetCell.number(value).text), value)
        }
    }
}
