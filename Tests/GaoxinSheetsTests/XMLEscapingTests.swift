import XCTest
@testable import GaoxinSheets

final class XMLEscapingTests: XCTestCase {
    func testEscaping() {
        XCTAssertEqual(XMLEscaping.escape("普通文本"), "普通文本")
        XCTAssertEqual(XMLEscaping.escape("A & B <C> \"q\" 'x'"), "A &amp; B &lt;C&gt; &quot;q&quot; &apos;x&apos;")
        XCTAssertEqual(XMLEscaping.escape("a\u{0}b\u{8}c\td\ne\rf\u{FFFE}"), "abc\td\ne&#13;f")
        XCTAssertEqual(XMLEscaping.escape("_x000D_ and _x12_"), "_x005F_x000D_ and _x12_")
    }

    func testOOXMLEscapesDecode() {
        XCTAssertEqual(XMLEscaping.decodeOOXMLEscapes("a_x000D__x000A_b"), "a\r\nb")
        XCTAssertEqual(XMLEscaping.decodeOOXMLEscapes("_x005F_x000D_"), "_x000D_")
        XCTAssertEqual(XMLEscaping.decodeOOXMLEscapes("_x12_ _xZZZZ_ _x6c5F_"), "_x12_ _xZZZZ_ 江")
    }
}
