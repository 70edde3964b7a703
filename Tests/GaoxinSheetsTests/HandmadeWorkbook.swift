import Foundation
@testable import GaoxinSheets

/// Builds small xlsx packages from literal XML, to feed the reader the constructs that
/// other writers use (Excel's rich text and phonetic runs, missing references, prefixes…).
///
/// The parts are deliberately placed where no reader should assume them: worksheets under
/// "xl/data/", relationship ids in reverse order, the last sheet targeted by an absolute
/// path. Only following the relationships finds them.
enum HandmadeWorkbook {
    struct Sheet {
        var name: String
        var xml: String
        var hidden = false
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// A worksheet part around `<sheetData>` content.
    static func worksheet(_ sheetData: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheetData)</sheetData></worksheet>"
    }

    static func sharedStrings(_ items: [String]) -> String {
        "<sst xmlns=\"\(main)\">" + items.map { "<si>\($0)</si>" }.joined() + "</sst>"
    }

    /// A styles part whose cell formats use the given number format ids, with `codes`
    /// declared as custom formats.
    static func styles(cellFormats: [Int], codes: [Int: String] = [:]) -> String {
        let numFmts = codes.sorted { $0.key < $1.key }
            .map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\(XMLEscaping.escape($0.value))\"/>" }.joined()
        let xfs = cellFormats.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>" }.joined()
        return "<styleSheet xmlns=\"\(main)\"><numFmts>\(numFmts)</numFmts>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"22\"/></cellStyleXfs><cellXfs>\(xfs)</cellXfs></styleSheet>"
    }

    static func build(
        _ sheets: [Sheet],
        sharedStrings: String? = nil,
        styles: String? = nil,
        date1904: Bool = false,
        extraWorkbookRelationships: String = "",
        extraSheetEntries: String = "",
        rootRelationships: Bool = true
    ) throws -> Data {
        var parts: [(path: String, data: Data)] = []
        func add(_ path: String, _ text: String) { parts.append((path, Data(text.utf8))) }

        let count = sheets.count
        let relationshipId = { (index: Int) in "rId\(count - index)" }
        var workbook = "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationshipBase.dropLast())\">"
        if date1904 { workbook += "<workbookPr date1904=\"1\"/>" }
        workbook += "<sheets>"
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.hidden ? " state=\"hidden\"" : ""
            workbook += "<sheet name=\"\(XMLEscaping.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"\(relationshipId(index))\"/>"
        }
        workbook += extraSheetEntries + "</sheets></workbook>"

        var relationships = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (index, sheet) in sheets.enumerated() {
            let isLast = index == count - 1
            let target = isLast ? "/xl/data/grid\(index).xml" : "data/grid\(index).xml"
            relationships += "<Relationship Id=\"\(relationshipId(index))\" Type=\"\(relationshipBase)worksheet\" Target=\"\(target)\"/>"
            add("xl/data/grid\(index).xml", sheet.xml)
        }
        if let sharedStrings {
            relationships += "<Relationship Id=\"rIdS\" Type=\"\(relationshipBase)sharedStrings\" Target=\"strings.xml\"/>"
            add("xl/strings.xml", sharedStrings)
        }
        if let styles {
            relationships += "<Relationship Id=\"rIdT\" Type=\"\(relationshipBase)styles\" Target=\"./looks.xml\"/>"
            add("xl/looks.xml", styles)
        }
        relationships += extraWorkbookRelationships + "</Relationships>"

        add("xl/workbook.xml", workbook)
        add("xl/_rels/workbook.xml.rels", relationships)
        if rootRelationships {
            add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationshipBase)officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        }
        return try ZipWriter.archive(parts)
    }
}
