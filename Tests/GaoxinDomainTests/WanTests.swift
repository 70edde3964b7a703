import GaoxinDomain
import XCTest

final class WanTests: XCTestCase {
    func testYiTextHasTwoDecimalsRoundedHalfAwayFromZero() {
        let cases: [(Int64, String)] = [
            (0, "0.00"), (1, "0.00"), (49, "0.00"), (50, "0.01"), (149, "0.01"), (150, "0.02"),
            (10_000, "1.00"), (123_449, "12.34"), (123_450, "12.35"), (123_456, "12.35"),
            (99_950, "10.00"), (999_999_950, "100,000.00"),
            (-49, "0.00"), (-50, "-0.01"), (-123_456, "-12.35"), (-10_000, "-1.00"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(Wan(value).yiText, text, "\(value) 万元")
        }
    }

    func testThousandsAreGroupedInTheWholePart() {
        XCTAssertEqual(Wan(10_000_000).yiText, "1,000.00")
        XCTAssertEqual(Wan(9_990_000).yiText, "999.00")
        XCTAssertEqual(Wan(123_456_789_000).yiText, "12,345,678.90")
    }

    func testExtremesDoNotOverflow() {
        XCTAssertEqual(Wan(Int64.max).yiText, "922,337,203,685,477.58")
        XCTAssertEqual(Wan(Int64.min).yiText, "-922,337,203,685,477.58")
    }

    func testComparesAndEncodesAsAPlainInteger() throws {
        XCTAssertLessThan(Wan(-1), Wan(0))
        XCTAssertEqual([Wan(3), Wan(1), Wan(2)].sorted(), [Wan(1), Wan(2), Wan(3)])
        let data = try JSONEncoder().encode(Wan(123_456))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "123456", "money is a bare integer of 万元 in JSON")
        XCTAssertEqual(try JSONDecoder().decode([Wan].self, from: Data("[-5,7]".utf8)), [Wan(-5), Wan(7)])
    }
}
