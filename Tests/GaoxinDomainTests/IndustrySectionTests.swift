import GaoxinDomain
import XCTest

final class IndustrySectionTests: XCTestCase {
    func testEverySectionADivisionImpliesHasANameInBothLanguages() {
        for division in 1...97 {
            guard let letter = IndustryCode.section(ofDivision: division) else { continue }
            let section = IndustrySection(letter: letter)
            XCTAssertNotNil(section, "division \(division) → \(letter)")
            XCTAssertFalse(section?.nameZh.isEmpty ?? true)
            XCTAssertFalse(section?.nameEn.isEmpty ?? true)
        }
        XCTAssertEqual(IndustrySection.all.count, 20)
        XCTAssertEqual(IndustrySection(letter: "C")?.nameZh, "制造业")
        XCTAssertEqual(IndustrySection(letter: "C")?.nameEn, "Manufacturing")
        XCTAssertEqual(IndustrySection(letter: "I")?.nameEn, "Information transmission, software and information technology services")
        XCTAssertNil(IndustrySection(letter: "Z"))
    }
}
