import GaoxinDomain
import XCTest

/// Money typed in 亿元 (as a form shows it) becomes exact 万元: "900" is 900 亿元, never 0.09.
final class WanParsingTests: XCTestCase {
    private func wan(_ text: String) -> Int64? { try? Wan.parse(yi: text).get().value }

    func testYiTextBecomesExactWan() {
        XCTAssertEqual(wan("900"), 9_000_000, "a target typed as 900 is 900 亿元")
        XCTAssertEqual(wan("12.35"), 123_500)
        XCTAssertEqual(wan("0.01"), 100, "one hundredth of 亿 is 100 万")
        XCTAssertEqual(wan("1,234.5"), 12_345_000)
        XCTAssertEqual(wan(" 450 亿元 "), 4_500_000)
        XCTAssertEqual(wan("-3"), -30_000)
    }

    func testBadAmountsAreRefusedWithTheirReason() {
        XCTAssertEqual(Wan.parse(yi: "12.345"), .failure(.tooManyDecimals), "three decimals of 亿 is refused, not rounded")
        XCTAssertEqual(Wan.parse(yi: "abc"), .failure(.notANumber))
        XCTAssertEqual(Wan.parse(yi: "1."), .failure(.notANumber))
        XCTAssertEqual(Wan.parse(yi: ""), .failure(.notANumber))
        XCTAssertEqual(Wan.parse(yi: "1e5"), .failure(.notANumber))
        XCTAssertEqual(Wan.parse(yi: "9999999999999"), .failure(.outOfRange))
    }

    func testTheFormShowsWhatItTakes() {
        for value: Int64 in [0, 100, 123_500, 9_000_000, 12_345_600] {
            XCTAssertEqual(wan(Wan(value).yiInput), value, "\(value) round-trips through the form")
        }
        XCTAssertEqual(Wan(9_000_000).yiInput, "900")
        XCTAssertEqual(Wan(123_500).yiInput, "12.35")
    }
}
