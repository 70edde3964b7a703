import Foundation

/// Writes tables as an xlsx workbook, one worksheet per table, in order.
///
/// Text goes to shared strings (so "0011" stays text), integers and numbers are numbers,
/// dates are real Excel dates shown as yyyy-mm-dd, booleans are booleans. Row 0 of each
/// table is the header (bold, frozen). Sheet names are made acceptable to Excel (see
/// `SheetNames`), so a table's name may come back changed. An empty text cell is written as
/// no cell at all, and reads back as `.empty`.
public enum XLSXWriter {
    public static func write(_ tables: [SheetTable]) throws -> Data {
        guard !tables.isEmpty else { throw SheetError.empty }
        let names = SheetNames.sanitized(tables.map(\.name))
        var strings = SharedStringTable()
        var worksheets: [(path: String, data: Data)] = []
        for (index, table) in tables.enumerated() {
            let writer = WorksheetWriter(table: table, sheetName: names[index], isFirstSheet: index == 0)
            worksheets.append((PackageParts.worksheetPath(index), Data(try writer.xml(strings: &strings).utf8)))
        }
        var parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Data(PackageParts.contentTypes(sheetCount: tables.count).utf8)),
            ("_rels/.rels", Data(PackageParts.rootRelationships().utf8)),
            ("xl/workbook.xml", Data(PackageParts.workbook(sheetNames: names).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(PackageParts.workbookRelationships(sheetCount: tables.count).utf8)),
            ("xl/styles.xml", Data(PackageParts.styles().utf8)),
        ]
        parts += worksheets
        parts.append(("xl/sharedStrings.xml", Data(PackageParts.sharedStrings(strings).utf8)))
        return try ZipWriter.archive(parts)
    }
}
