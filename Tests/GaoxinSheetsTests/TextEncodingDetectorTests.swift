import XCTest
@testable import GaoxinSheets

final class TextEncodingDetectorTests: XCTestCase {
    func testEncodingsAreRecognised() throws {
        XCTAssertEqual(try TextEncodingDetector.decode(Data("abc".utf8)).encoding, .utf8)
        XCTAssertEqual(try TextEncodingDetector.decode(Data([0xEF, 0xBB, 0xBF, 0xE6, 0xB1, 0x9F])).text, "江")
        XCTAssertEqual(try TextEncodingDetector.decode(Data([0xBD, 0xAD, 0xD2, 0xF5])).text, "江阴")
        XCTAssertEqual(try TextEncodingDetector.decode(Data([0xFF, 0xFE, 0x5F, 0x6C])).text, "江")
        XCTAssertEqual(try TextEncodingDetector.decode(Data([0xFE, 0xFF, 0x6C, 0x5F])).encoding, .utf16BigEndian)
    }

    func testGB18030FourByteSequencesOutsideGBK() throws {
        // U+20000 (𠀀) exists only in GB18030's four-byte range: 95 32 82 36.
        XCTAssertEqual(try TextEncodingDetector.decode(Data([0x95, 0x32, 0x82, 0x36])).text, "\u{20000}")
    }

    func testInvalidInputIsRefusedNotReplaced() {
        let cases: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF, 0xFF],  // BOM says UTF-8, bytes are not
            [0xFF, 0xFE, 0x41],  // odd UTF-16 length
            [0xFF, 0xFE, 0x00, 0xD8],  // unpaired surrogate
            [0x41, 0x00, 0x42, 0x00],  // UTF-16 without BOM (or binary)
            [0xBD],  // GBK lead byte cut off
            [0x80, 0xFF],
        ]
        for bytes in cases {
            XCTAssertThrowsError(try TextEncodingDetector.decode(Data(bytes)), "\(bytes)") {
                XCTAssertEqual($0 as? SheetError, .unsupportedEncoding)
            }
        }
    }
}
