import GaoxinDomain
import XCTest

/// Figures of zone indicators: decimals kept exactly as whole steps, and numbers that only make
/// sense in another unit refused with the conversion spelled out.
final class KpiMeasureTests: XCTestCase {
    func testDecimalsParseExactlyAndReadBackAsTyped() throws {
        XCTAssertEqual(try ScaledDecimal.parse("3.25", places: 2).get().scaled, 325)
        XCTAssertEqual(try ScaledDecimal.parse("1,200", places: 2).get().scaled, 120_000)
        XCTAssertEqual(try ScaledDecimal.parse("-0.5", places: 2).get().scaled, -50)
        XCTAssertEqual(try ScaledDecimal.parse("1.50", places: 1).get().scaled, 15, "a trailing zero is not a third decimal")
        XCTAssertEqual(ScaledDecimal.parse("1.234", places: 2), .failure(.tooManyPlaces(2)))
        XCTAssertEqual(ScaledDecimal.parse("1.5", places: 0), .failure(.tooManyPlaces(0)))
        for bad in ["", ".", "1e3", "八十", "80万", "1.2.3", "--1"] {
            XCTAssertEqual(ScaledDecimal.parse(bad, places: 2), .failure(.notANumber), bad)
        }
        XCTAssertEqual(ScaledDecimal(scaled: 120_000, places: 2).text, "1200")
        XCTAssertEqual(ScaledDecimal(scaled: 152, places: 2).text, "1.52")
        XCTAssertEqual(ScaledDecimal(scaled: 150, places: 2).text, "1.5")
        XCTAssertEqual(ScaledDecimal(scaled: -5, places: 2).text, "-0.05")
        XCTAssertEqual(ScaledDecimal(scaled: 123_456_789, places: 2).groupedText, "1,234,567.89")
        XCTAssertEqual(ScaledDecimal.rounded(3.14159, places: 2).scaled, 314)
        XCTAssertEqual(ScaledDecimal.rounded(0.125, places: 2).scaled, 13, "half away from zero")
    }

    func testANumberInAnotherUnitIsRefusedWithTheConversion() {
        XCTAssertEqual(KpiMeasure.tenThousandSquareMetres.problem(with: 800_000)?.zh, "以“万平方米”计：800000 平方米 应填 80")
        XCTAssertEqual(KpiMeasure.tenThousandPersons.problem(with: 16_000)?.zh, "以“万人”计：16000 人 应填 1.6")
        XCTAssertEqual(KpiMeasure.yi.problem(with: 4_500_000)?.zh, "以“亿元”计：4500000 万元应填 450 亿元")
        XCTAssertEqual(KpiMeasure.percent.problem(with: 320)?.zh, "以 % 计，应在 0–100 之间（如 3.2% 填 3.2）")
        XCTAssertEqual(KpiMeasure.firms.problem(with: 12.5)?.zh, "以“家”计，应为整数")
        XCTAssertEqual(KpiMeasure.items.problem(with: -1)?.zh, "不能为负数")
        for (measure, value) in [(KpiMeasure.tenThousandSquareMetres, 80.0), (.tenThousandPersons, 1.6), (.yi, 450), (.percent, 3.2), (.firms, 1200), (.perTenThousand, 85.3)] {
            XCTAssertNil(measure.problem(with: value), "\(measure) \(value)")
        }
    }
}
