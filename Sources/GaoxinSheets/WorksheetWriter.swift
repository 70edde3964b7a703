/// Writes the XML of one worksheet. Row 0 is treated as the header: bold, and frozen so it
/// stays visible while scrolling.
struct WorksheetWriter {
    /// Excel's limit for the text of one cell, in UTF-16 units.
    static let maxCellTextLength = 32_767
    /// Excel shows and edits at most 15 significant digits; larger integers are written as
    /// text so that codes and big counts keep every digit.
    static let largestExactInteger: Int64 = 999_999_999_999_999

    let table: SheetTable
    /// The sanitized sheet name, for error messages.
    let sheetName: String
    let isFirstSheet: Bool

    func xml(strings: inout SharedStringTable) throws -> String {
        let rows = table.rows
        guard rows.count <= CellReference.maxExcelRows else {
            throw SheetError.tooManyRows(limit: CellReference.maxExcelRows)
        }
        let width = rows.map(\.count).max() ?? 0
        guard width <= CellReference.maxExcelColumns else {
            throw SheetError.tooManyColumns(limit: CellReference.maxExcelColumns)
        }

        var xml = PackageParts.declaration
        xml += "<worksheet xmlns=\"\(PackageParts.mainNamespace)\" xmlns:r=\"\(PackageParts.relationshipsNamespace)\">"
        let lastCell = rows.isEmpty || width == 0 ? "A1" : CellReference.name(row: rows.count - 1, column: width - 1)
        xml += "<dimension ref=\"\(lastCell == "A1" ? "A1" : "A1:" + lastCell)\"/>"
        xml += sheetViews(frozenHeader: !rows.isEmpty)
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        xml += columns(ColumnWidths.widths(for: rows))
        xml += "<sheetData>"
        for (rowIndex, row) in rows.enumerated() where row.contains(where: { $0 != .empty }) {
            xml += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, cell) in row.enumerated() where cell != .empty {
                xml += try self.cell(cell, row: rowIndex, column: columnIndex, strings: &strings)
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    private func sheetViews(frozenHeader: Bool) -> String {
        let selected = isFirstSheet ? " tabSelected=\"1\"" : ""
        guard frozenHeader else { return "<sheetViews><sheetView\(selected) workbookViewId=\"0\"/></sheetViews>" }
        return "<sheetViews><sheetView\(selected) workbookViewId=\"0\">"
            + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>"
            + "</sheetView></sheetViews>"
    }

    private func columns(_ widths: [Double]) -> String {
        guard !widths.isEmpty else { return "" }
        var xml = "<cols>"
        for (index, width) in widths.enumerated() {
            let rounded = (width * 100).rounded() / 100
            let style = table.textColumns.contains(index) ? " style=\"\(PackageParts.Style.text)\"" : ""
            xml += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(rounded)\" customWidth=\"1\"\(style)/>"
        }
        return xml + "</cols>"
    }

    private func cell(_ cell: SheetCell, row: Int, column: Int, strings: inout SharedStringTable) throws -> String {
        let reference = CellReference.name(row: row, column: column)
        let isHeader = row == 0
        let plainStyle = isHeader ? " s=\"\(PackageParts.Style.header)\""
            : table.textColumns.contains(column) ? " s=\"\(PackageParts.Style.text)\"" : ""

        func text(_ value: String) throws -> String {
            guard value.utf16.count <= Self.maxCellTextLength else {
                throw SheetError.cellTooLong(sheet: sheetName, row: row + 1, column: column + 1)
            }
            return "<c r=\"\(reference)\"\(plainStyle) t=\"s\"><v>\(strings.index(of: value))</v></c>"
        }

        switch cell {
        case .empty, .text(""):
            return ""
        case .text(let value):
            return try text(SpreadsheetTextGuard.forXLSX(value))
        case .integer(let value):
            guard value.magnitude <= Self.largestExactInteger.magnitude else { return try text(String(value)) }
            return "<c r=\"\(reference)\"\(plainStyle)><v>\(value)</v></c>"
        case .number(let value):
            // xlsx has no NaN or infinity; Excel's own result for them is the #NUM! error.
            guard value.isFinite else { return "<c r=\"\(reference)\"\(plainStyle) t=\"e\"><v>#NUM!</v></c>" }
            return "<c r=\"\(reference)\"\(plainStyle)><v>\(value.description)</v></c>"
        case .date(let year, let month, let day):
            // Dates Excel cannot store (before 1900, invalid) keep their text form.
            guard let serial = ExcelDate.serial(year: year, month: month, day: day) else { return try text(cell.text) }
            let style = isHeader ? PackageParts.Style.headerDate : PackageParts.Style.date
            return "<c r=\"\(reference)\" s=\"\(style)\"><v>\(serial)</v></c>"
        case .bool(let value):
            return "<c r=\"\(reference)\"\(plainStyle) t=\"b\"><v>\(value ? 1 : 0)</v></c>"
        }
    }
}
