import XCTest
@testable import GaoxinSheets

/// The streamed reading gives exactly the rows (and row numbers) of the whole-file reading,
/// wherever the slices fall: inside quotes, between CR and LF, inside a Chinese character.
final class CSVSliceReaderTests: XCTestCase {
    /// Quoted commas, doubled quotes, quoted CRLF and LF, a quote inside an unquoted field, CR,
    /// LF and CRLF line ends, blank lines between rows and at the end, ragged rows.
    static let awkward = "企业名称,代码,备注\r\n江阴\"某\"厂,0011,\"1,2\"\r\n\"他说\"\"好\"\"\",0012,\"第一行\r\n第二行\n第三行\"\r\n\r\n"
        + "宜兴,0013\rx,y,z,多余\n\n\n无锡高新区集成电路产业集群有限公司,0014,\"\"\r\n,,\r\n\r\n\n"

    /// Rows with content as the whole-file reading numbers them (blank rows count, are not kept).
    static func wholeReading(_ data: Data) throws -> [CSVSliceReader.Row] {
        try CSVFormat.read(data).rows.enumerated().compactMap { index, cells in
            cells.allSatisfy { $0 == .empty } ? nil : CSVSliceReader.Row(number: index + 1, cells: cells)
        }
    }

    static func sliced(_ reader: CSVSliceReader) throws -> [CSVSliceReader.Row] {
        var rows: [CSVSliceReader.Row] = []
        while let slice = try reader.next() { rows += slice }
        return rows
    }

    /// `CSVFormat` pads short rows to the heading's width; the slices keep them as they are.
    static func unpadded(_ rows: [CSVSliceReader.Row]) -> [CSVSliceReader.Row] {
        rows.map { row in
            var cells = row.cells
            while cells.count > 1, cells.last == .empty { cells.removeLast() }
            return CSVSliceReader.Row(number: row.number, cells: cells)
        }
    }

    func testEverySliceSizeGivesTheWholeReadingsRows() throws {
        for data in [Data(Self.awkward.utf8), Data([0xEF, 0xBB, 0xBF] + Array(Self.awkward.utf8))] {
            let expected = Self.unpadded(try Self.wholeReading(data))
            XCTAssertEqual(expected.map(\.number), [1, 2, 3, 5, 6, 9], "the whole reading's numbering, blank and quoted lines included")
            for size in [1, 2, 3, 5, 7, 13, 64, 4 << 20] {
                let rows = try Self.sliced(CSVSliceReader(data: data, sliceBytes: size))
                XCTAssertEqual(Self.unpadded(rows), expected, "slices of \(size) bytes")
            }
        }
    }

    func testAFileOnDiskReadsAsItsBytes() throws {
        let path = NSTemporaryDirectory() + "gaoxin-slices-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.awkward.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVSliceReader(path: path, sliceBytes: 9)
        XCTAssertEqual(try Self.sliced(reader), try Self.sliced(CSVSliceReader(data: Data(Self.awkward.utf8), sliceBytes: 9)))
        XCTAssertEqual(reader.bytesRead, Self.awkward.utf8.count)
        XCTAssertEqual(reader.totalBytes, Self.awkward.utf8.count)
    }

    func testGB18030IsReadWhereverTheSlicesFall() throws {
        let text = "企业名称,所在园区\r\n" + (1...40).map { "无锡高新区第\($0)号集成电路企业,新吴区\r\n" }.joined()
        let gb = try XCTUnwrap(try CSVReadTests.iconv(text, to: "GB18030"))
        let expected = try Self.wholeReading(Data(text.utf8))
        for size in [1, 3, 17, 100, 4 << 20] {
            XCTAssertEqual(try Self.sliced(CSVSliceReader(data: gb, sliceBytes: size)), expected, "slices of \(size) bytes")
        }
        // ASCII first, GBK later: the encoding is settled by the first slice that is not ASCII.
        let late = Data("code,name\r\n0011,x\r\n".utf8) + gb
        XCTAssertEqual(try Self.sliced(CSVSliceReader(data: late, sliceBytes: 8)).last?.cells.first, .text("无锡高新区第40号集成电路企业"))
    }

    func testBadFilesAreRefusedAsTheWholeReadingRefusesThem() throws {
        let unclosed = Data("名称,代码,备注\r\n江阴,0011,说明\r\n\"未闭合,0012,说明\r\n宜兴,0013,\r\n".utf8)
        for size in [4, 4 << 20] {
            XCTAssertThrowsError(try Self.sliced(CSVSliceReader(data: unclosed, sliceBytes: size))) { error in
                XCTAssertEqual(error as? SheetError, .unclosedQuote(line: 3))
            }
        }
        XCTAssertThrowsError(try Self.sliced(CSVSliceReader(data: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])))) {
            XCTAssertEqual($0 as? SheetError, .legacyExcelFormat)
        }
        XCTAssertThrowsError(try Self.sliced(CSVSliceReader(data: Data("a,b\r\n1,\0\r\n".utf8)))) { XCTAssertEqual($0 as? SheetError, .unsupportedEncoding) }
        // UTF-8 first, then bytes that are not: one file is one encoding.
        XCTAssertThrowsError(try Self.sliced(CSVSliceReader(data: Data("名称\r\n".utf8) + Data([0xC3, 0xFB, 0x0D, 0x0A]), sliceBytes: 4))) {
            XCTAssertEqual($0 as? SheetError, .unsupportedEncoding)
        }
        XCTAssertThrowsError(try Self.sliced(CSVSliceReader(data: Data()))) { XCTAssertEqual($0 as? SheetError, .empty) }
        XCTAssertFalse(CSVSliceReader.reads(start: Data([0xFF, 0xFE, 0x41, 0])), "UTF-16 is the whole reading's")
        XCTAssertTrue(CSVSliceReader.reads(start: Data("名称".utf8)))
    }

    /// The whole reading stops at `maxRows`; the slices have no row limit (memory is bounded by
    /// the slice), but still refuse a row wider than `maxColumns`.
    func testNoRowLimitButTheColumnLimitHolds() throws {
        let text = "a,b\n" + (1...50).map { "\($0),x\n" }.joined()
        var limits = SheetLimits.default
        limits.maxRows = 10
        XCTAssertThrowsError(try CSVFormat.read(Data(text.utf8), limits: limits))
        XCTAssertEqual(try Self.sliced(CSVSliceReader(data: Data(text.utf8), sliceBytes: 16, limits: limits)).count, 51)
        limits.maxColumns = 1
        XCTAssertThrowsError(try Self.sliced(CSVSliceReader(data: Data(text.utf8), limits: limits))) {
            XCTAssertEqual($0 as? SheetError, .tooManyColumns(limit: 1))
        }
    }
}
