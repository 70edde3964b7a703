import Foundation
@testable import GaoxinDomain
import XCTest

/// `trimming(_:)` gives what Foundation's `trimmingCharacters(in:)` gives, for texts with and
/// without anything to trim, in both sets the checks use.
final class TrimmingTests: XCTestCase {
    func testItTrimsAsFoundationDoes() {
        let texts = ["", " ", "\n", "无锡", " 无锡", "无锡 ", "\u{3000}无锡\u{3000}", "\t无 锡\n", "a\r\n", "\u{A0}x", "𠀀", " 𠀀 ", "中 间", "x \u{301}", " \u{301}x", "\u{301} "]
        for set in [CharacterSet.whitespaces, .whitespacesAndNewlines] {
            for text in texts {
                XCTAssertEqual(text.trimming(set), text.trimmingCharacters(in: set), "\(text.debugDescription)")
                XCTAssertEqual(text[...].trimming(set), text.trimmingCharacters(in: set), "a substring: \(text.debugDescription)")
            }
        }
        XCTAssertEqual("\n无锡\n".trimming(.whitespaces), "\n无锡\n", "a line break is not a space")
    }
}
