import Foundation
import XCTest
@testable import GaoxinComplexity

/// The byte-level reader: CSV details, and the parallel path against the streaming one.
final class CSVReadingTests: XCTestCase {
    private func write(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testBOMQuotesCRLFAndBlankLines() throws {
        let text = "year,\"loc\",prod,val\r\n2020,\"A, Inc.\",x,1\r\n\r\n2020,\"B \"\"b\"\"\",x,2\r\n2020,\"A, Inc.\",y,3\r\n2020,\"B \"\"b\"\"\",y, 4 \r\n"
        let path = try write([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let rows = try ObservationCSVReader.readStreaming(path: path, policy: .strict)
        XCTAssertEqual(rows.locations.strings, ["A, Inc.", "B \"b\""])
        XCTAssertEqual(rows.values, [1, 2, 3, 4])
        XCTAssertEqual(rows.lines, [2, 4, 5, 6], "the blank line still counts")
    }

    func testQuotedLineBreakCountsLines() throws {
        let path = try write(Array("year,loc,prod,val\n2020,\"two\nlines\",x,1\n2020,B,x,zz\n".utf8))
        XCTAssertThrowsError(try ObservationCSVReader.readStreaming(path: path, policy: .strict)) {
            XCTAssertEqual($0 as? ComplexityInputError, .nonNumeric(line: 4, column: "val", text: "zz"))
        }
    }

    func testColumnsInAnyOrderAndExtraColumnsIgnored() throws {
        let path = try write(Array("Val , note,PROD,loc,year\n5,hello,0011,007,2020\n".utf8))
        let rows = try ObservationCSVReader.readStreaming(path: path, policy: .strict)
        XCTAssertEqual(rows.products.strings, ["0011"])
        XCTAssertEqual(rows.locations.strings, ["007"])
        XCTAssertEqual(rows.values, [5])
    }

    func testNumbers() throws {
        let cases: [(String, Double)] = [("1", 1), ("0.1", 0.1), ("1e3", 1000), ("+2.50", 2.5), ("000.000", 0),
                                         ("12345678901234567890", 12345678901234567168), ("1.7976931348623157e308", .greatestFiniteMagnitude),
                                         ("4.9e-324", .leastNonzeroMagnitude), (".5", 0.5), ("5.", 5), ("0.30000000000000004", 0.30000000000000004)]
        for (text, expected) in cases {
            var text = text
            let result = text.withUTF8 { DecimalParser.parse(UnsafeRawBufferPointer($0)) }
            XCTAssertEqual(result, .number(expected), text)
        }
        for bad in ["1,5", "1e", "e5", "--1", "0x10", "1 2", "."] {
            var bad = bad
            XCTAssertEqual(bad.withUTF8 { DecimalParser.parse(UnsafeRawBufferPointer($0)) }, .notNumber, bad)
        }
    }

    /// Random decimals: the fast path and strtod agree with Swift's correctly rounded parser.
    func testRandomDecimalsAreCorrectlyRounded() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<100_000 {
            let digits = Int.random(in: 1...20, using: &generator)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...digits, using: &generator)
            text.insert(".", at: text.index(text.startIndex, offsetBy: point))
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -30...30, using: &generator))" }
            let result = text.withUTF8 { DecimalParser.parse(UnsafeRawBufferPointer($0)) }
            if text == "." { continue }
            XCTAssertEqual(result, .number(Double(text)!), text)
        }
    }

    /// The parallel reader gives the streaming reader's rows, ids and line numbers.
    func testParallelReaderMatchesStreaming() throws {
        var lines = ["year,loc,prod,val"]
        var generator = SeededGenerator(seed: 5)
        for row in 0..<5_000 {
            if row % 977 == 0 { lines.append("") }
            lines.append("20\(20 + row % 3),L\(Int.random(in: 0..<60, using: &generator)),P\(row % 41),\(generator.tradeValue())")
        }
        let path = try write(Array(lines.joined(separator: "\n").utf8))
        let streaming = try ObservationCSVReader.readStreaming(path: path, policy: .strict)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue
        let parallel = try XCTUnwrap(ParallelObservationReader(path: path, size: size, workers: 3).read(policy: .strict))
        XCTAssertEqual(parallel.lines, streaming.lines)
        XCTAssertEqual(parallel.values, streaming.values)
        XCTAssertEqual(parallel.yearIds.map { parallel.years.string(Int($0)) }, streaming.yearIds.map { streaming.years.string(Int($0)) })
        XCTAssertEqual(parallel.locationIds.map { parallel.locations.string(Int($0)) },
                       streaming.locationIds.map { streaming.locations.string(Int($0)) })
    }

    func testParallelReaderReportsTheEarliestBadLine() throws {
        var lines = ["year,loc,prod,val"]
        for row in 0..<3_000 { lines.append("2020,L\(row % 50),P\(row / 50),\(row)") }
        lines[2_500] = "2020,L9,P9,bad"
        lines[2_900] = "2020,L9,P9,-1"
        let path = try write(Array(lines.joined(separator: "\n").utf8))
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as! NSNumber).intValue
        XCTAssertThrowsError(try ParallelObservationReader(path: path, size: size, workers: 4).read(policy: .strict)) {
            XCTAssertEqual($0 as? ComplexityInputError, .nonNumeric(line: 2_501, column: "val", text: "bad"))
        }
    }

    func testFileWithQuotesIsLeftToTheStreamingReader() throws {
        let path = try write(Array("year,loc,prod,val\n2020,\"A\",x,1\n".utf8))
        XCTAssertNil(try ParallelObservationReader(path: path, size: 31, workers: 2).read(policy: .strict))
    }
}
