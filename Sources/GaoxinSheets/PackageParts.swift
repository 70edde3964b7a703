/// The fixed parts of a written xlsx package and the parts that only list others. Together
/// with the worksheets and shared strings they are the minimal set Excel, WPS, LibreOffice
/// and openpyxl all open without repair.
enum PackageParts {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    private static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    static func worksheetPath(_ index: Int) -> String { "xl/worksheets/sheet\(index + 1).xml" }

    static func contentTypes(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentType)sheet.main+xml\"/>"
        for index in 0 ..< sheetCount {
            xml += "<Override PartName=\"/\(worksheetPath(index))\" ContentType=\"\(contentType)worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(contentType)styles+xml\"/>"
        xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(contentType)sharedStrings+xml\"/>"
        xml += "</Types>"
        return xml
    }

    static func rootRelationships() -> String {
        declaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationshipType)officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
    }

    static func workbook(sheetNames: [String]) -> String {
        var xml = declaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, name) in sheetNames.enumerated() {
            xml += "<sheet name=\"\(XMLEscaping.escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets></workbook>"
        return xml
    }

    /// Worksheets take rId1…rIdN so that sheet i is rId(i+1); styles and shared strings follow.
    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = declaration
        xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0 ..< sheetCount {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipType)worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipType)styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipType)sharedStrings\" Target=\"sharedStrings.xml\"/>"
        xml += "</Relationships>"
        return xml
    }

    /// Cell formats, by their index in `<cellXfs>` (a cell's `s` attribute).
    enum Style {
        static let normal = 0
        static let date = 1
        static let header = 2
        static let headerDate = 3
        /// Number format 49 "@": Excel keeps what is typed into the cell as text.
        static let text = 4
    }

    /// Dates use the custom format 164 "yyyy-mm-dd" rather than built-in 14, whose look
    /// depends on the reader's locale (m/d/yyyy in the US). The font is 等线 (DengXian),
    /// Excel's default on Chinese systems, with the GB2312 charset hint; other systems
    /// substitute their own font.
    static func styles() -> String {
        let font = "<sz val=\"11\"/><name val=\"等线\"/><family val=\"2\"/><charset val=\"134\"/>"
        var xml = declaration
        xml += "<styleSheet xmlns=\"\(mainNamespace)\">"
        xml += "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts>"
        xml += "<fonts count=\"2\"><font>\(font)</font><font><b/>\(font)</font></fonts>"
        xml += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        xml += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        xml += "<cellXfs count=\"5\">"
        xml += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        xml += "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        xml += "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        xml += "<xf numFmtId=\"164\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\"/>"
        xml += "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        xml += "</cellXfs>"
        xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        xml += "</styleSheet>"
        return xml
    }

    static func sharedStrings(_ table: SharedStringTable) -> String {
        var xml = declaration
        xml += "<sst xmlns=\"\(mainNamespace)\" count=\"\(table.referenceCount)\" uniqueCount=\"\(table.strings.count)\">"
        for string in table.strings {
            // "preserve" keeps leading and trailing spaces, which readers would otherwise trim.
            xml += "<si><t xml:space=\"preserve\">\(XMLEscaping.escape(string))</t></si>"
        }
        xml += "</sst>"
        return xml
    }
}
