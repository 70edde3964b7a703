import XCTest
@testable import GaoxinComplexity

/// Output numbers must read back to the same double; the fast writer must agree with Swift's
/// own shortest representation (which Python's repr also uses).
final class NumberTextTests: XCTestCase {
    private func text(_ value: Double) -> String {
        var buffer = TextBuffer(capacity: 64)
        defer { buffer.deallocate() }
        buffer.append(number: value)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    func testLayoutFollowsPythonRepr() {
        XCTAssertEqual(text(0.25), "0.25")
        XCTAssertEqual(text(1e-5), "1e-05")
        XCTAssertEqual(text(0.0001), "0.0001")
        XCTAssertEqual(text(1.0 / 3), "0.3333333333333333")
        XCTAssertEqual(text(-2.5e-7), "-2.5e-07")
        XCTAssertEqual(text(123.456), "123.456")
        XCTAssertEqual(text(1e16), "1e+16")
        XCTAssertEqual(text(1.5e17), "1.5e+17")
        XCTAssertEqual(text(.leastNonzeroMagnitude), "5e-324")
    }

    func testIntegersNaNAndZero() {
        XCTAssertEqual(text(0), "0")
        XCTAssertEqual(text(-0.0), "0")
        XCTAssertEqual(text(37), "37")
        XCTAssertEqual(text(-12), "-12")
        XCTAssertEqual(text(.nan), "")
        XCTAssertEqual(text(.infinity), "inf")
        XCTAssertEqual(text(9_007_199_254_740_992), "9007199254740992", "2⁵³ and above: all doubles are integers")
    }

    /// Random doubles over the whole range the outputs use (and beyond): every text reads back
    /// exactly, and has the digits of Swift's `description` (shortest, then closest).
    func testRandomValuesRoundTripAndAreShortest() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300_000 {
            let exponent = Double.random(in: -14...19, using: &generator)
            let value = Double.random(in: 1..<10, using: &generator) * pow(10, exponent.rounded(.down))
                * (Bool.random(using: &generator) ? 1 : -1)
            let written = text(value)
            XCTAssertEqual(Double(written), value, written)
            if value.rounded(.towardZero) != value {
                XCTAssertEqual(written, value.description, "\(value)")
            }
        }
    }

    /// Bit patterns next to powers of two and ten, where the rounding interval is lopsided or
    /// the shortest digits are on a boundary.
    func testBoundaryValues() {
        var values: [Double] = []
        for exponent in -40...60 {
            let power = pow(2, Double(exponent))
            values += [power, power.nextUp, power.nextDown]
        }
        for exponent in -10...17 {
            let power = pow(10, Double(exponent))
            values += [power, power.nextUp, power.nextDown, power * 0.5, power * 0.7]
        }
        for value in values {
            let written = text(value)
            XCTAssertEqual(Double(written), value, written)
            if value.rounded(.towardZero) != value { XCTAssertEqual(written, value.description) }
        }
    }
}
