import XCTest
@testable import GaoxinSheets

/// The reader on constructs that Excel, WPS, LibreOffice and openpyxl write, built by hand
/// so each one is pinned down independently of any tool being installed.
final class XLSXReaderTests: XCTestCase {
    private func read(_ sheets: [HandmadeWorkbook.Sheet], sharedStrings: String? = nil, styles: String? = nil,
                      date1904: Bool = false, limits: SheetLimits = .default) throws -> [SheetTable] {
        try XLSXReader.read(HandmadeWorkbook.build(sheets, sharedStrings: sharedStrings, styles: styles, date1904: date1904),
                            limits: limits)
    }

    private func rows(_ sheetData: String, sharedStrings: String? = nil, styles: String? = nil,
                      date1904: Bool = false) throws -> [[SheetCell]] {
        try read([.init(name: "S", xml: HandmadeWorkbook.worksheet(sheetData))],
                 sharedStrings: sharedStrings, styles: styles, date1904: date1904)[0].rows
    }

    func testSheetsComeInWorkbookOrderThroughTheRelationships() throws {
        let tables = try read([
            .init(name: "第一", xml: HandmadeWorkbook.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")),
            .init(name: "第二", xml: HandmadeWorkbook.worksheet("<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>"), hidden: true),
            .init(name: "第三", xml: HandmadeWorkbook.worksheet("<row r=\"1\"><c r=\"A1\"><v>3</v></c></row>")),
        ])
        XCTAssertEqual(tables.map(\.name), ["第一", "第二", "第三"])
        XCTAssertEqual(tables.map { $0.rows[0][0] }, [.integer(1), .integer(2), .integer(3)])
    }

    func testSharedStringsWithRichTextRunsWithoutPhoneticGuides() throws {
        let strings = HandmadeWorkbook.sharedStrings([
            "<t>无锡</t>",
            "<r><t>粗体</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> 和普通</t></r>",
            "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/>",
            "<t>第一行_x000D_\n第二行</t>",
            "<t></t>",
        ])
        let sheet = (0 ..< 5).map { "<c r=\"\(CellReference.columnName($0))1\" t=\"s\"><v>\($0)</v></c>" }.joined()
        XCTAssertEqual(try rows("<row r=\"1\">\(sheet)</row>", sharedStrings: strings), [[
            .text("无锡"), .text("粗体 和普通"), .text("東京"), .text("第一行\r\n第二行"),
            // The empty string in E1 is no value, so the table ends at D.
        ]])
    }

    func testInlineStringsFormulaResultsBooleansErrorsAndIsoDates() throws {
        let data = """
        <row r="1">
          <c r="A1" t="inlineStr"><is><t>内联</t></is></c>
          <c r="B1" t="inlineStr"><is><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r></is></c>
          <c r="C1" t="str"><f>A1&amp;"!"</f><v>内联!</v></c>
          <c r="D1" t="b"><v>1</v></c>
          <c r="E1" t="b"><v>0</v></c>
          <c r="F1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
          <c r="G1" t="d"><v>2024-03-15T00:00:00</v></c>
          <c r="H1" t="str"><f>""</f><v></v></c>
        </row>
        """
        XCTAssertEqual(try rows(data), [[
            .text("内联"), .text("富文本"), .text("内联!"), .bool(true), .bool(false), .text("#DIV/0!"),
            .date(year: 2024, month: 3, day: 15),
            // H1, a formula whose result is the empty text, is empty: the table ends at G.
        ]])
    }

    /// A formula saved without its result (openpyxl writes `<f>` and an empty `<v>`) has no
    /// value to import; reading it as empty or 0 would import a figure nobody entered.
    func testAFormulaWithoutItsResultIsRefusedByCell() throws {
        for cell in [#"<c r="B2"><f>500*2</f></c>"#, #"<c r="B2"><f>500*2</f><v></v></c>"#] {
            XCTAssertThrowsError(try rows(#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2">"# + cell + "</row>")) { error in
                XCTAssertEqual(error as? SheetError, .formulaWithoutValue(sheet: "S", row: 2, column: 2))
                XCTAssertEqual((error as? SheetError)?.messageZh, "工作表“S”的 B2 单元格是公式但没有保存计算结果，请在 Excel 或 WPS 中打开并保存后再上传。")
            }
        }
    }

    /// A code typed as a number into a cell formatted `0000` shows as 0011: it is read as that text.
    func testZeroPaddedNumberFormatsKeepTheLeadingZeros() throws {
        let styles = HandmadeWorkbook.styles(cellFormats: [0, 164, 165], codes: [164: "0000", 165: "0.00"])
        let data = #"<row r="1"><c r="A1" s="1"><v>11</v></c><c r="B1"><v>11</v></c><c r="C1" s="1"><v>12345</v></c><c r="D1" s="2"><v>7</v></c></row>"#
        XCTAssertEqual(try rows(data, styles: styles), [[.text("0011"), .integer(11), .text("12345"), .integer(7)]])
        XCTAssertEqual(StylesPart.zeroPadWidth(formatCode: "000000"), 6)
        XCTAssertEqual(StylesPart.zeroPadWidth(formatCode: "0"), 0)
        XCTAssertEqual(StylesPart.zeroPadWidth(formatCode: "#,##0"), 0)
    }

    func testIntegersAndNumbers() throws {
        let values = ["12", "-7", "1.2E1", "3.0", "0.5", "-3.25", "12345678901234567", "1e20", " 8 "]
        let cells = values.enumerated().map { "<c r=\"\(CellReference.columnName($0.offset))1\"><v>\($0.element)</v></c>" }
        XCTAssertEqual(try rows("<row r=\"1\">\(cells.joined())</row>"), [[
            .integer(12), .integer(-7), .integer(12), .integer(3), .number(0.5), .number(-3.25),
            .integer(12_345_678_901_234_567), .number(1e20), .integer(8),
        ]])
    }

    func testMissingReferencesFollowThePreviousRowAndCell() throws {
        let data = """
        <row><c><v>1</v></c><c><v>2</v></c></row>
        <row><c r="C2"><v>3</v></c><c><v>4</v></c></row>
        <row r="5"><c><v>5</v></c></row>
        <row><c r="B6" t="inlineStr"><is><t>x</t></is></c></row>
        """
        XCTAssertEqual(try rows(data), [
            [.integer(1), .integer(2), .empty, .empty],
            [.empty, .empty, .integer(3), .integer(4)],
            [.empty, .empty, .empty, .empty],
            [.empty, .empty, .empty, .empty],
            [.integer(5), .empty, .empty, .empty],
            [.empty, .text("x"), .empty, .empty],
        ])
    }

    func testStyledEmptyCellsNeitherWidenNorLengthenTheTable() throws {
        let data = """
        <row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row>
        <row r="1048576"><c r="A1048576" s="1"/></row>
        """
        XCTAssertEqual(try rows(data), [[.integer(1)]])
    }

    func testDatesFollowTheNumberFormatOfTheCellStyle() throws {
        let styles = HandmadeWorkbook.styles(
            cellFormats: [0, 14, 22, 164, 165, 31, 20, 166, 167, 168, 49],
            codes: [164: "yyyy\\-mm\\-dd", 165: "yyyy\"年\"m\"月\"d\"日\"", 166: "h:mm", 167: "[$-804]mmm;@", 168: "0.00\" days\""]
        )
        let cells = (0 ..< 11).map { "<c r=\"\(CellReference.columnName($0))1\" s=\"\($0)\"><v>45366.75</v></c>" }
        let date = SheetCell.date(year: 2024, month: 3, day: 15)
        XCTAssertEqual(try rows("<row r=\"1\">\(cells.joined())</row>", styles: styles), [[
            .number(45366.75),  // General
            date,  // built-in 14
            date,  // built-in 22, date and time: the time of day is dropped
            date,  // custom with escaped dashes (LibreOffice)
            date,  // custom Chinese
            date,  // built-in 31, Chinese Excel's yyyy年m月d日, not declared
            .number(45366.75),  // built-in 20 h:mm, a time
            .number(45366.75),  // custom h:mm
            date,  // month name with locale tag
            .number(45366.75),  // quoted "days" is no date
            .number(45366.75),  // 49 is text format; a number stays a number
        ]])
    }

    func testDateSystem1904() throws {
        let styles = HandmadeWorkbook.styles(cellFormats: [14])
        XCTAssertEqual(try rows("<row r=\"1\"><c r=\"A1\"><v>0</v></c></row>", styles: styles, date1904: true),
                       [[.date(year: 1904, month: 1, day: 1)]])
        XCTAssertEqual(try rows("<row r=\"1\"><c r=\"A1\"><v>43904</v></c></row>", styles: styles, date1904: true),
                       [[.date(year: 2024, month: 3, day: 15)]])
    }

    func testTextInADateStyledCellStaysText() throws {
        let styles = HandmadeWorkbook.styles(cellFormats: [14])
        XCTAssertEqual(try rows("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>待定</t></is></c></row>", styles: styles),
                       [[.text("待定")]])
    }

    func testPrefixedElementNames() throws {
        let sheet = "<x:worksheet xmlns:x=\"\(HandmadeWorkbook.main)\"><x:sheetData><x:row r=\"1\">"
            + "<x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is></x:c><x:c r=\"B1\"><x:v>2</x:v></x:c>"
            + "</x:row></x:sheetData></x:worksheet>"
        XCTAssertEqual(try read([.init(name: "P", xml: sheet)])[0].rows, [[.text("前缀"), .integer(2)]])
    }

    func testChartSheetsAreSkipped() throws {
        let data = try HandmadeWorkbook.build(
            [.init(name: "数据", xml: HandmadeWorkbook.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))],
            extraWorkbookRelationships: "<Relationship Id=\"rIdC\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>",
            extraSheetEntries: "<sheet name=\"图表\" sheetId=\"9\" r:id=\"rIdC\"/>"
        )
        XCTAssertEqual(try XLSXReader.read(data).map(\.name), ["数据"])
    }

    func testMissingRootRelationshipsFallBackToTheConventionalWorkbook() throws {
        let data = try HandmadeWorkbook.build(
            [.init(name: "S", xml: HandmadeWorkbook.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))],
            rootRelationships: false
        )
        XCTAssertEqual(try XLSXReader.read(data)[0].rows, [[.integer(1)]])
    }

    func testWorksheetOfMoreThanTenMegabytes() throws {
        // libxml2 refuses a single input chunk over 10 MB; see XMLPartParser.
        let count = 120_000
        var data = ""
        data.reserveCapacity(count * 110)
        for row in 1 ... count {
            data += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>无锡高新区企业名称</t></is></c><c r=\"B\(row)\"><v>\(row)</v></c></row>"
        }
        XCTAssertGreaterThan(data.utf8.count, 11_000_000)
        let rows = try rows(data)
        XCTAssertEqual(rows.count, count)
        XCTAssertEqual(rows[count - 1], [.text("无锡高新区企业名称"), .integer(Int64(count))])
    }

    func testZip64Records() throws {
        // Streaming writers (and some .NET and Java libraries) mark sizes and offsets as
        // zip64 even in small files. Rebuild one of our workbooks that way.
        let original = try XLSXWriter.write(SampleTables.all)
        var package = try ZipExtractor(data: original, limits: .default)
        let entries = try package.directory.entries.map { entry in
            RawZip.Entry.stored(entry.path, try XCTUnwrap(package.contents(of: entry.path)))
        }
        XCTAssertEqual(try XLSXReader.read(RawZip.build(entries, zip64: true)), SampleTables.all)
        XCTAssertEqual(try XLSXReader.read(RawZip.build(entries, zip64: false)), SampleTables.all)
    }

    func testEmptySheetReadsAsNoRows() throws {
        XCTAssertEqual(try rows(""), [])
    }

    func testRowAndColumnLimits() throws {
        let sheet = [HandmadeWorkbook.Sheet(name: "S", xml: HandmadeWorkbook.worksheet(
            "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"E1\"><v>1</v></c></row><row r=\"3\"><c r=\"A3\"><v>1</v></c></row>"))]
        XCTAssertThrowsError(try read(sheet, limits: SheetLimits(maxRows: 2))) {
            XCTAssertEqual($0 as? SheetError, .tooManyRows(limit: 2))
        }
        XCTAssertThrowsError(try read(sheet, limits: SheetLimits(maxColumns: 4))) {
            XCTAssertEqual($0 as? SheetError, .tooManyColumns(limit: 4))
        }
        XCTAssertEqual(try read(sheet, limits: SheetLimits(maxRows: 3, maxColumns: 5))[0].rows.count, 3)
    }

    func testSharedStringIndexOutOfRangeIsMalformed() {
        let strings = HandmadeWorkbook.sharedStrings(["<t>a</t>"])
        XCTAssertThrowsError(try rows("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>", sharedStrings: strings)) {
            guard case .malformed = $0 as? SheetError else { return XCTFail("\($0)") }
        }
    }

    func testDocumentTypeDeclarationsAreRefused() {
        // An external entity would read a server file into a cell; entity expansion would
        // exhaust memory. Neither gets as far as the XML parser.
        let sheet = "<?xml version=\"1.0\"?><!-- a comment first --><!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
            + "<worksheet xmlns=\"\(HandmadeWorkbook.main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row></sheetData></worksheet>"
        XCTAssertThrowsError(try read([.init(name: "S", xml: sheet)])) {
            guard case .malformed(let reason) = $0 as? SheetError else { return XCTFail("\($0)") }
            XCTAssertTrue(reason.contains("DOCTYPE"))
        }
    }

    func testDocumentTypeDetectionLooksOnlyAtTheProlog() {
        XCTAssertFalse(XMLPartParser.declaresDocumentType(Data("<?xml version=\"1.0\"?><a><!-- <!DOCTYPE --></a>".utf8)))
        XCTAssertTrue(XMLPartParser.declaresDocumentType(Data("<?xml version=\"1.0\"?>\n<!-- <a> --><!DOCTYPE a><a/>".utf8)))
        let utf16 = Data([0xFF, 0xFE] + Array("<!DOCTYPE a><a/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertTrue(XMLPartParser.declaresDocumentType(utf16))
    }

    func testRelationshipTargetsResolveLikeURIs() {
        XCTAssertEqual(PackageRelationships.resolve("worksheets/sheet1.xml", from: "xl/"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(PackageRelationships.resolve("/xl/worksheets/sheet1.xml", from: "xl/"), "xl/worksheets/sheet1.xml")
        XCTAssertEqual(PackageRelationships.resolve("../xl/./a%20b.xml", from: "xl/"), "xl/a b.xml")
        XCTAssertEqual(PackageRelationships.partName(for: "xl/workbook.xml"), "xl/_rels/workbook.xml.rels")
        XCTAssertEqual(PackageRelationships.partName(for: ""), "_rels/.rels")
    }
}
