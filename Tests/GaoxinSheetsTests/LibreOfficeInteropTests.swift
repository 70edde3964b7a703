import XCTest
@testable import GaoxinSheets

/// LibreOffice (what many Linux and government desktops use in place of Excel) writes
/// xlsx that we read, and opens ours: converted to CSV and re-saved as xlsx, the values
/// are unchanged.
final class LibreOfficeInteropTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder?.remove()
    }

    private func soffice() throws -> String {
        try requireTool(LibreOffice.executable, "LibreOffice (soffice)", install: "apt-get install -y libreoffice-calc")
    }

    func testReadsAWorkbookLibreOfficeConvertedFromCSV() throws {
        let soffice = try soffice()
        let csv = folder.file("import.csv")
        let text = "名称,数量,金额,日期,代码,备注\r\n"
            + "无锡高新区集成电路产业集群,12,-3.25,2024-03-15,0011,\"A & B <C>, \"\"引号\"\"\"\r\n"
            + "江阴,,0.1,2023-12-31,0020,\"多行\n文本\"\r\n"
        try Data(text.utf8).write(to: csv)
        // 44 comma, 34 double quote, 76 UTF-8, start at line 1; column 5 as text (5/2) so
        // that LibreOffice keeps the leading zeros, as a user would set it in the dialog.
        let xlsx = try LibreOffice.convert(soffice, csv, filter: "xlsx", extension: "xlsx",
                                           inputFilter: "CSV:44,34,76,1,5/2", into: folder.url)
        let tables = try XLSXReader.read(Data(contentsOf: xlsx))
        XCTAssertEqual(tables.count, 1)
        XCTAssertEqual(tables[0].rows, [
            [.text("名称"), .text("数量"), .text("金额"), .text("日期"), .text("代码"), .text("备注")],
            [.text("无锡高新区集成电路产业集群"), .integer(12), .number(-3.25), .date(year: 2024, month: 3, day: 15),
             .text("0011"), .text("A & B <C>, \"引号\"")],
            [.text("江阴"), .empty, .number(0.1), .date(year: 2023, month: 12, day: 31), .text("0020"), .text("多行\n文本")],
        ])
    }

    func testLibreOfficeConvertsOurWorkbookToTheSameCSV() throws {
        let soffice = try soffice()
        let xlsx = folder.file("export.xlsx")
        try XLSXWriter.write([SampleTables.enterprises]).write(to: xlsx)
        let csv = try LibreOffice.convert(soffice, xlsx, filter: "csv:Text - txt - csv (StarCalc):44,34,76", extension: "csv",
                                          into: folder.url)
        let table = try CSVFormat.read(Data(contentsOf: csv))
        let expected = SampleTables.enterprises.rows.map { row in row.map { $0 == .empty ? SheetCell.empty : .text($0.text) } }
        XCTAssertEqual(table.rows, expected)
    }

    func testLibreOfficeResavesOurWorkbookWithoutChangingValues() throws {
        let soffice = try soffice()
        let ours = folder.file("ours.xlsx")
        try XLSXWriter.write(SampleTables.all).write(to: ours)
        let resavedFolder = folder.file("resaved")
        try FileManager.default.createDirectory(at: resavedFolder, withIntermediateDirectories: true)
        let resaved = try LibreOffice.convert(soffice, ours, filter: "xlsx", extension: "xlsx", into: resavedFolder)
        XCTAssertEqual(try XLSXReader.read(Data(contentsOf: resaved)), SampleTables.all)
    }
}
