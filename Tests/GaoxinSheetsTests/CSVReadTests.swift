import XCTest
@testable import GaoxinSheets

final class CSVReadTests: XCTestCase {
    private let expected: [[SheetCell]] = [
        [.text("名称"), .text("代码"), .text("备注")],
        [.text("江阴"), .text("0011"), .text("说明")],
    ]

    func testUTF8WithAndWithoutByteOrderMark() throws {
        let text = "名称,代码,备注\r\n江阴,0011,说明\r\n"
        XCTAssertEqual(try CSVFormat.read(Data(text.utf8)).rows, expected)
        XCTAssertEqual(try CSVFormat.read(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8))).rows, expected)
    }

    func testGBKBytesAsWrittenByExcelOnChineseWindows() throws {
        // "名称,代码" and "江阴" in GBK, written out by hand.
        let header: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xB4, 0xFA, 0xC2, 0xEB, 0x0D, 0x0A]
        let row: [UInt8] = [0xBD, 0xAD, 0xD2, 0xF5] + Array(",0011\r\n".utf8)
        XCTAssertEqual(try TextEncodingDetector.decode(Data(header + row)).encoding, .gb18030)
        XCTAssertEqual(try CSVFormat.read(Data(header + row)).rows, [[.text("名称"), .text("代码")], [.text("江阴"), .text("0011")]])
    }

    func testGB18030BytesMadeByIconv() throws {
        let text = "企业名称,所在园区\r\n无锡高新区集成电路产业集群,新吴区\r\n"
        let gb = try XCTUnwrap(Self.iconv(text, to: "GB18030"))
        XCTAssertNotEqual(gb, Data(text.utf8))
        XCTAssertEqual(try TextEncodingDetector.decode(gb).encoding, .gb18030)
        XCTAssertEqual(try CSVFormat.read(gb).rows, [
            [.text("企业名称"), .text("所在园区")],
            [.text("无锡高新区集成电路产业集群"), .text("新吴区")],
        ])
    }

    func testUTF16WithByteOrderMarks() throws {
        let text = "名称,代码,备注\r\n江阴,0011,说明\r\n"
        let little = Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let big = Data([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        XCTAssertEqual(try CSVFormat.read(little).rows, expected)
        XCTAssertEqual(try CSVFormat.read(big).rows, expected)
    }

    func testQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "a,b,c\n\"1,2\",\"他说\"\"好\"\"\",\"第一行\r\n第二行\"\n"
        XCTAssertEqual(try CSVFormat.read(Data(text.utf8)).rows, [
            [.text("a"), .text("b"), .text("c")],
            [.text("1,2"), .text("他说\"好\""), .text("第一行\r\n第二行")],
        ])
    }

    func testLineEndingsTrailingEmptyLinesAndRaggedRows() throws {
        let text = "a,b,c\rx\n\n1,2,3,4\r\n,,\r\n\r\n\n"
        XCTAssertEqual(try CSVFormat.read(Data(text.utf8)).rows, [
            [.text("a"), .text("b"), .text("c")],
            [.text("x"), .empty, .empty],
            [.empty, .empty, .empty],  // the empty line in the middle keeps its row number
            [.text("1"), .text("2"), .text("3"), .text("4")],  // extra cells are kept, not dropped
        ])
    }

    func testSpacesAreKept() throws {
        XCTAssertEqual(try CSVFormat.read(Data(" a , b \n".utf8)).rows, [[.text(" a "), .text(" b ")]])
    }

    func testEmptyAndBlankFilesAreEmpty() {
        for data in [Data(), Data("\r\n\n".utf8), Data([0xEF, 0xBB, 0xBF])] {
            XCTAssertThrowsError(try CSVFormat.read(data)) { XCTAssertEqual($0 as? SheetError, .empty) }
        }
    }

    func testLimits() {
        let data = Data("a,b,c\n1,2,3\n4,5,6\n\n\n".utf8)
        XCTAssertThrowsError(try CSVFormat.read(data, limits: SheetLimits(maxFileBytes: 10))) {
            XCTAssertEqual($0 as? SheetError, .tooLarge(limit: 10))
        }
        XCTAssertThrowsError(try CSVFormat.read(data, limits: SheetLimits(maxRows: 2))) {
            XCTAssertEqual($0 as? SheetError, .tooManyRows(limit: 2))
        }
        XCTAssertThrowsError(try CSVFormat.read(data, limits: SheetLimits(maxColumns: 2))) {
            XCTAssertEqual($0 as? SheetError, .tooManyColumns(limit: 2))
        }
        // Trailing empty lines do not count as rows.
        XCTAssertEqual(try CSVFormat.read(data, limits: SheetLimits(maxRows: 3)).rows.count, 3)
    }

    func testUndecodableBytesAreRefused() {
        // 0xFF is no lead byte in GB18030 or UTF-8.
        XCTAssertThrowsError(try CSVFormat.read(Data([0x61, 0x2C, 0xFF, 0xFF, 0x0A]))) {
            XCTAssertEqual($0 as? SheetError, .unsupportedEncoding)
            XCTAssertFalse(($0 as? SheetError)?.messageZh.isEmpty ?? true)
        }
    }

    func testLegacyExcelFileUnderACSVName() {
        let ole2 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 100))
        XCTAssertThrowsError(try CSVFormat.read(ole2)) { XCTAssertEqual($0 as? SheetError, .legacyExcelFormat) }
    }

    /// Encodes with the iconv command, an implementation independent of the one under test.
    static func iconv(_ text: String, to encoding: String) throws -> Data? {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = folder.file("in.txt")
        try Data(text.utf8).write(to: input)
        let script = "iconv -f UTF-8 -t \(encoding) '\(input.path)' > '\(folder.file("out.txt").path)'"
        let result = try ExternalProcess.run("/bin/sh", ["-c", script], timeout: 30)
        guard result.status == 0 else { return nil }
        return try Data(contentsOf: folder.file("out.txt"))
    }

    /// A quote that opens a field and never closes is named with its line, instead of the rest
    /// of the file becoming one cell; a quote inside an unquoted field opens nothing.
    func testAnUnclosedQuoteNamesItsLine() throws {
        let broken = "名称,代码,备注\r\n江阴,0011,说明\r\n\"未闭合,0012,说明\r\n宜兴,0013,\r\n"
        XCTAssertThrowsError(try CSVFormat.read(Data(broken.utf8))) { error in
            XCTAssertEqual(error as? SheetError, .unclosedQuote(line: 3))
            XCTAssertTrue((error as? SheetError)?.messageZh.contains("第 3 行的引号没有闭合") ?? false)
        }
        let fine = "名称,代码,备注\n\"多行\n\"\"备注\"\"\",0011,12\"屏\n宜兴,0013,\"\"\n"
        XCTAssertNil(CSVFormat.unclosedQuoteLine(fine))
        XCTAssertEqual(try CSVFormat.read(Data(fine.utf8)).rows.count, 3)
    }
}
