import XCTest
@testable import GaoxinSheets

final class NumberFormatTests: XCTestCase {
    func testFormatCodes() {
        let dates = ["yyyy-mm-dd", "yyyy\\-mm\\-dd", "m/d/yy", "d-mmm", "mmm-yy", "mmmm", "yyyy\"年\"m\"月\"d\"日\"",
                     "yyyy年m月d日", "[$-804]yyyy\"年\"m\"月\";@", "yyyy-mm-dd hh:mm:ss", "dddd", "[Red]yyyy/mm/dd;General"]
        let notDates = ["General", "0", "0.00", "#,##0", "h:mm", "hh:mm:ss", "[h]:mm:ss", "mm:ss", "mm:ss.0",
                        "h\"时\"mm\"分\"", "AM/PM h:mm", "0.00\" days\"", "@", "\"yyyy\"0", "0_);\\(0\\)", "#,##0;[Red]-#,##0"]
        for code in dates { XCTAssertTrue(NumberFormat.isDate(code: code), code) }
        for code in notDates { XCTAssertFalse(NumberFormat.isDate(code: code), code) }
    }

    func testBuiltInIdsAndOverrides() {
        XCTAssertTrue(NumberFormat.isDate(id: 14, declaredCodes: [:]))
        XCTAssertTrue(NumberFormat.isDate(id: 22, declaredCodes: [:]))
        XCTAssertTrue(NumberFormat.isDate(id: 31, declaredCodes: [:]))
        XCTAssertFalse(NumberFormat.isDate(id: 20, declaredCodes: [:]))
        XCTAssertFalse(NumberFormat.isDate(id: 46, declaredCodes: [:]))
        XCTAssertFalse(NumberFormat.isDate(id: 0, declaredCodes: [:]))
        XCTAssertFalse(NumberFormat.isDate(id: 164, declaredCodes: [:]))
        XCTAssertFalse(NumberFormat.isDate(id: 14, declaredCodes: [14: "0.00"]), "a declaration wins over the built-in")
        XCTAssertTrue(NumberFormat.isDate(id: 170, declaredCodes: [170: "yy/m/d"]))
    }
}
