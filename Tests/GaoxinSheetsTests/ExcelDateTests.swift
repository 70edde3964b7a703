import XCTest
@testable import GaoxinSheets

final class ExcelDateTests: XCTestCase {
    func testKnownSerials() {
        XCTAssertEqual(ExcelDate.serial(year: 1900, month: 1, day: 1), 1)
        XCTAssertEqual(ExcelDate.serial(year: 1900, month: 2, day: 28), 59)
        XCTAssertEqual(ExcelDate.serial(year: 1900, month: 3, day: 1), 61)  // 60 is Excel's 1900-02-29
        XCTAssertEqual(ExcelDate.serial(year: 2024, month: 3, day: 15), 45366)
        XCTAssertEqual(ExcelDate.serial(year: 9999, month: 12, day: 31), ExcelDate.maxSerial)
    }

    func testDatesExcelCannotStore() {
        XCTAssertNil(ExcelDate.serial(year: 1899, month: 12, day: 31))
        XCTAssertNil(ExcelDate.serial(year: 2023, month: 2, day: 29))
        XCTAssertNil(ExcelDate.serial(year: 2024, month: 13, day: 1))
        XCTAssertNil(ExcelDate.serial(year: 10_000, month: 1, day: 1))
        XCTAssertNil(ExcelDate.date(serial: 60, date1904: false))
        XCTAssertNil(ExcelDate.date(serial: 0.5, date1904: false))
        XCTAssertNil(ExcelDate.date(serial: -1, date1904: true))
        XCTAssertNil(ExcelDate.date(serial: .infinity, date1904: false))
        XCTAssertNil(ExcelDate.date(serial: Double(ExcelDate.maxSerial + 1), date1904: false))
    }

    func testEverySerialRoundTrips() {
        for serial in stride(from: 1, through: ExcelDate.maxSerial, by: 1) where serial != 60 {
            guard let date = ExcelDate.date(serial: Double(serial) + 0.99, date1904: false) else { return XCTFail("\(serial)") }
            XCTAssertEqual(ExcelDate.serial(year: date.year, month: date.month, day: date.day), serial)
        }
    }

    func test1904System() {
        XCTAssertTrue(ExcelDate.date(serial: 0, date1904: true)! == (1904, 1, 1))
        XCTAssertTrue(ExcelDate.date(serial: 43904, date1904: true)! == (2024, 3, 15))
    }

    func testLeapYears() {
        XCTAssertTrue(ExcelDate.isValid(year: 2000, month: 2, day: 29))
        XCTAssertFalse(ExcelDate.isValid(year: 1900, month: 2, day: 29))
        XCTAssertTrue(ExcelDate.isValid(year: 2024, month: 2, day: 29))
        XCTAssertFalse(ExcelDate.isValid(year: 2024, month: 4, day: 31))
    }
}
