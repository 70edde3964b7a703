import XCTest
@testable import GaoxinSheets

final class CellReferenceTests: XCTestCase {
    func testColumnNames() {
        XCTAssertEqual(CellReference.columnName(0), "A")
        XCTAssertEqual(CellReference.columnName(25), "Z")
        XCTAssertEqual(CellReference.columnName(26), "AA")
        XCTAssertEqual(CellReference.columnName(701), "ZZ")
        XCTAssertEqual(CellReference.columnName(16_383), "XFD")
        for index in 0 ..< 16_384 {
            XCTAssertEqual(CellReference.parse(CellReference.name(row: 0, column: index))?.column, index)
        }
    }

    func testParsing() {
        XCTAssertTrue(CellReference.parse("B7")! == (6, 1))
        XCTAssertTrue(CellReference.parse("$C$3")! == (2, 2))
        XCTAssertTrue(CellReference.parse("xfd1048576")! == (1_048_575, 16_383))
        for bad in ["", "A", "7", "A0", "7A", "ABCD1", "XFE1", "A1048577", "A-1", "A1:B2", "A12345678"] {
            XCTAssertNil(CellReference.parse(bad), bad)
        }
    }
}
