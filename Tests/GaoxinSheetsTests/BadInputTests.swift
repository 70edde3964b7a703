import XCTest
// Only to build hostile archives; GaoxinSheets itself links ZIPFoundation.
import ZIPFoundation
@testable import GaoxinSheets

/// Damaged, hostile and mistaken uploads end in a `SheetError` with a message for the
/// user — never a crash, a hang or unbounded memory.
final class BadInputTests: XCTestCase {
    private func assertReadFails(
        _ data: Data, limits: SheetLimits = .default, file: StaticString = #filePath, line: UInt = #line,
        _ check: (SheetError) -> Bool
    ) {
        XCTAssertThrowsError(try XLSXReader.read(data, limits: limits), file: file, line: line) { error in
            guard let sheetError = error as? SheetError else { return XCTFail("not a SheetError: \(error)", file: file, line: line) }
            XCTAssertTrue(check(sheetError), "unexpected \(sheetError)", file: file, line: line)
            XCTAssertTrue(sheetError.messageZh.unicodeScalars.contains { ColumnWidths.isWide($0) }, file: file, line: line)
        }
    }

    private func isMalformed(_ error: SheetError) -> Bool {
        if case .malformed = error { return true }
        return false
    }

    func testRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        for size in [1, 21, 22, 1000, 100_000] {
            let data = Data((0 ..< size).map { _ in UInt8.random(in: 0 ... 255, using: &generator) })
            assertReadFails(data) { $0 == .notAZip || $0 == .legacyExcelFormat }
        }
    }

    func testRandomBytesAfterAZipSignature() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 20 {
            let data = Data([0x50, 0x4B, 0x03, 0x04] + (0 ..< 5000).map { _ in UInt8.random(in: 0 ... 255, using: &generator) })
            XCTAssertThrowsError(try XLSXReader.read(data)) { XCTAssertTrue($0 is SheetError) }
        }
    }

    func testEmptyFile() {
        assertReadFails(Data()) { $0 == .empty }
    }

    func testTruncatedWorkbook() throws {
        let data = try XLSXWriter.write(SampleTables.all)
        assertReadFails(data.prefix(data.count / 2)) { $0 == .notAZip }
        // Every cut point, not only the middle: some leave the end record but lose data.
        for length in stride(from: 0, to: data.count, by: 97) {
            XCTAssertThrowsError(try XLSXReader.read(data.prefix(length))) { XCTAssertTrue($0 is SheetError) }
        }
    }

    func testCorruptedBytesNeverCrashOrHang() throws {
        let data = try XLSXWriter.write(SampleTables.all)
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 300 {
            var damaged = data
            for _ in 0 ..< Int.random(in: 1 ... 4, using: &generator) {
                let index = Int.random(in: 0 ..< damaged.count, using: &generator)
                damaged[index] = UInt8.random(in: 0 ... 255, using: &generator)
            }
            do {
                _ = try XLSXReader.read(damaged)
            } catch {
                XCTAssertTrue(error is SheetError, "\(error)")
            }
        }
    }

    func testDeflateStreamThatNeverEnds() throws {
        // A stored deflate block header that promises 65535 bytes the entry does not have:
        // ZIPFoundation 0.9.20's own Linux reader would spin forever on this (upstream #389).
        var deflated = Data([0x00, 0xFF, 0xFF, 0x00, 0x00])
        deflated.append(Data("<workbook/>".utf8))
        let entry = RawZip.Entry(path: "xl/workbook.xml", method: 8, payload: deflated, crc: 0, uncompressedSize: 70_000)
        assertReadFails(RawZip.build([entry])) { self.isMalformed($0) || $0 == .zipBomb }
    }

    func testZipThatIsNoWorkbook() throws {
        let data = try ZipWriter.archive([("photos/1.txt", Data("不是表格".utf8))])
        assertReadFails(data) { $0 == .missingPart("xl/workbook.xml") }
    }

    func testWordDocumentIsNoWorkbook() throws {
        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
        let data = try ZipWriter.archive([
            ("_rels/.rels", Data(rels.utf8)),
            ("word/document.xml", Data("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>".utf8)),
        ])
        assertReadFails(data) { $0 == .missingPart("xl/workbook.xml") }
    }

    func testWorksheetPartMissing() throws {
        var data = try XLSXWriter.write([SampleTables.projects])
        // Rename the sheet's entry in place (same length), so the relationship points nowhere.
        let name = Data("xl/worksheets/sheet1.xml".utf8)
        while let range = data.range(of: name) { data.replaceSubrange(range, with: Data("xl/worksheets/sheetX.xml".utf8)) }
        assertReadFails(data) { $0 == .missingPart("xl/worksheets/sheet1.xml") }
    }

    func testOldExcelFormat() {
        let ole2 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 512))
        assertReadFails(ole2) { $0 == .legacyExcelFormat }
    }

    func testOversizedFile() throws {
        let data = try XLSXWriter.write(SampleTables.all)
        assertReadFails(data, limits: SheetLimits(maxFileBytes: data.count - 1)) { $0 == .tooLarge(limit: data.count - 1) }
        XCTAssertNoThrow(try XLSXReader.read(data, limits: SheetLimits(maxFileBytes: data.count)))
        XCTAssertEqual(SheetError.tooLarge(limit: 50 * 1024 * 1024).messageZh, "文件超过 50 MB 上限，请拆分后再上传。")
    }

    func testZipBombByCompressionRatio() throws {
        // 300 MB of zeros deflate to about 300 KB: a ratio near 1000, far above the 200 limit,
        // while the declared size alone (300 MB) would be under the 500 MB default.
        let size = 300 * 1024 * 1024
        let bomb = try Self.zerosArchive(path: "xl/worksheets/sheet1.xml", size: size)
        XCTAssertLessThan(bomb.count, 1024 * 1024)
        assertReadFails(bomb) { $0 == .zipBomb }
    }

    func testZipBombByTotalSize() throws {
        let bomb = try Self.zerosArchive(path: "xl/workbook.xml", size: 3 * 1024 * 1024)
        assertReadFails(bomb, limits: SheetLimits(maxUncompressedBytes: 2 * 1024 * 1024, maxCompressionRatio: 10_000)) {
            $0 == .zipBomb
        }
    }

    func testZipBombThatUnderstatesItsSize() throws {
        // The headers claim 1000 bytes; inflating produces megabytes. Counting the output
        // stops it at the declared size instead of trusting the header.
        var bomb = try Self.zerosArchive(path: "xl/workbook.xml", size: 5 * 1024 * 1024)
        Self.patchUInt32(&bomb, signature: [0x50, 0x4B, 0x03, 0x04], fieldOffset: 22, value: 1000)
        Self.patchUInt32(&bomb, signature: [0x50, 0x4B, 0x01, 0x02], fieldOffset: 24, value: 1000)
        assertReadFails(bomb) { $0 == .zipBomb }
    }

    func testChecksumMismatch() throws {
        var data = try ZipWriter.archive([("xl/workbook.xml", Data("<workbook/>".utf8))])
        Self.patchUInt32(&data, signature: [0x50, 0x4B, 0x01, 0x02], fieldOffset: 16, value: 0x1234_5678)
        assertReadFails(data) { self.isMalformed($0) }
    }

    func testEveryErrorHasAChineseAndAnEnglishMessage() {
        let errors: [SheetError] = [
            .empty, .tooLarge(limit: 1024), .notAZip, .legacyExcelFormat, .malformed("x"), .missingPart("xl/workbook.xml"),
            .zipBomb, .tooManyRows(limit: 1_000_000), .tooManyColumns(limit: 1000), .unsupportedEncoding,
            .cellTooLong(sheet: "S", row: 1, column: 28),
        ]
        for error in errors {
            XCTAssertTrue(error.messageZh.unicodeScalars.contains { ColumnWidths.isWide($0) }, "\(error)")
            XCTAssertFalse(error.messageEn.isEmpty)
            XCTAssertFalse(error.messageEn.unicodeScalars.contains { ColumnWidths.isWide($0) && $0 != "S" }, "\(error)")
        }
        XCTAssertEqual(SheetError.tooManyRows(limit: 1_000_000).messageZh, "工作表超过 1,000,000 行的上限，请拆分后再处理。")
        XCTAssertTrue(SheetError.cellTooLong(sheet: "S", row: 1, column: 28).messageZh.contains("AB 列"))
        XCTAssertEqual(SheetError.tooLarge(limit: 300 * 1024).messageEn, "The file exceeds the 300 KB limit; please split it and upload again.")
    }

    // MARK: - Building hostile archives

    /// A one-entry archive of `size` zero bytes, deflated by ZIPFoundation from a stream
    /// (the zeros are never held in memory at once).
    static func zerosArchive(path: String, size: Int) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let chunk = Data(count: 1024 * 1024)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { _, length in
            chunk.prefix(length)
        }
        return try XCTUnwrap(archive.data)
    }

    /// Overwrites a little-endian field of the first record with the given signature.
    static func patchUInt32(_ data: inout Data, signature: [UInt8], fieldOffset: Int, value: UInt32) {
        guard let range = data.range(of: Data(signature)) else { return XCTFail("record not found") }
        for index in 0 ..< 4 {
            data[range.lowerBound + fieldOffset + index] = UInt8(value >> (8 * index) & 0xFF)
        }
    }
}
