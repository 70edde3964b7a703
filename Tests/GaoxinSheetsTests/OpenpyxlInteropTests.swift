import XCTest
@testable import GaoxinSheets

/// Workbooks written by openpyxl (inline strings, rich text, datetime formats, ISO dates)
/// are read correctly, and openpyxl reads ours with every type intact.
final class OpenpyxlInteropTests: XCTestCase {
    private var folder: TemporaryFolder!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
    }

    override func tearDown() {
        folder?.remove()
    }

    private func python() throws -> String {
        try requireTool(Python.withOpenpyxl, "python3 with openpyxl", install: "apt-get install -y python3-openpyxl (or pip install openpyxl)")
    }

    /// Text columns (templates' code columns) carry the Text format "@", on the column and on
    /// its cells, so a code typed there later keeps its leading zeros.
    func testTextColumnsAreFormattedAsTextForExcel() throws {
        let python = try python()
        let path = folder.file("text-columns.xlsx").path
        let table = SheetTable(name: "模板", rows: [[.text("行业代码"), .text("营业收入")], [.text("0112"), .integer(12)]], textColumns: [0])
        try XLSXWriter.write([table]).write(to: URL(fileURLWithPath: path))
        let formats = try Python.run(python, script: """
        import sys
        from openpyxl import load_workbook
        ws = load_workbook(sys.argv[1]).active
        print(ws["A2"].number_format, ws.column_dimensions["A"].number_format, ws["B2"].number_format, repr(ws["A2"].value))
        """, arguments: [path])
        XCTAssertEqual(formats.trimmingCharacters(in: .whitespacesAndNewlines), "@ @ General '0112'")
        XCTAssertEqual(try XLSXReader.read(try Data(contentsOf: URL(fileURLWithPath: path))).first?.rows[1], [.text("0112"), .integer(12)])
    }

    func testReadsAWorkbookWrittenByOpenpyxl() throws {
        let python = try python()
        let path = folder.file("openpyxl.xlsx").path
        _ = try Python.run(python, script: """
        import datetime, sys
        from openpyxl import Workbook
        try:  # rich text needs openpyxl 3.1; Debian's python3-openpyxl is 3.0
            from openpyxl.cell.rich_text import CellRichText, TextBlock
            from openpyxl.cell.text import InlineFont
            rich = CellRichText(["粗体", TextBlock(InlineFont(b=True), "富文本")])
        except ImportError:
            rich = "粗体富文本"
        wb = Workbook()
        ws = wb.active
        ws.title = "企业"
        ws.append(["名称", "数量", "金额", "日期", "有效", "代码", "备注"])
        ws.append(["无锡高新区集成电路产业集群", 12, -3.25, datetime.date(2024, 3, 15), True, "0011", "A & B <C>"])
        ws.append(["江阴", None, 0.1, datetime.datetime(2023, 12, 31, 18, 30), False, None, None])
        ws["G3"] = rich
        ws["H5"] = "远处"
        ws2 = wb.create_sheet("第二页")
        ws2["B2"] = 42
        wb.save(sys.argv[1])
        """, arguments: [path])

        let tables = try XLSXReader.read(Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(tables.map(\.name), ["企业", "第二页"])
        let e = SheetCell.empty
        XCTAssertEqual(tables[0].rows, [
            [.text("名称"), .text("数量"), .text("金额"), .text("日期"), .text("有效"), .text("代码"), .text("备注"), e],
            [.text("无锡高新区集成电路产业集群"), .integer(12), .number(-3.25), .date(year: 2024, month: 3, day: 15),
             .bool(true), .text("0011"), .text("A & B <C>"), e],
            [.text("江阴"), e, .number(0.1), .date(year: 2023, month: 12, day: 31), .bool(false), e, .text("粗体富文本"), e],
            [e, e, e, e, e, e, e, e],
            [e, e, e, e, e, e, e, .text("远处")],
        ])
        XCTAssertEqual(tables[1].rows, [[e, e], [e, .integer(42)]])
    }

    func testReadsIsoDateCellsWrittenByOpenpyxl() throws {
        let python = try python()
        let path = folder.file("iso.xlsx").path
        _ = try Python.run(python, script: """
        import datetime, sys
        from openpyxl import Workbook
        wb = Workbook(iso_dates=True)
        wb.active.append([datetime.date(2024, 2, 29), datetime.datetime(1999, 12, 31, 23, 59)])
        wb.save(sys.argv[1])
        """, arguments: [path])
        let rows = try XLSXReader.read(Data(contentsOf: URL(fileURLWithPath: path)))[0].rows
        XCTAssertEqual(rows, [[.date(year: 2024, month: 2, day: 29), .date(year: 1999, month: 12, day: 31)]])
    }

    func testOpenpyxlReadsOurWorkbookWithTypesIntact() throws {
        let python = try python()
        let url = folder.file("ours.xlsx")
        try XLSXWriter.write(SampleTables.all).write(to: url)
        let output = try Python.run(python, script: InteropCells.dumpScript, arguments: [url.path])
        let tables = try InteropCells.tables(fromJSON: output)
        XCTAssertEqual(tables, SampleTables.all)
    }
}
