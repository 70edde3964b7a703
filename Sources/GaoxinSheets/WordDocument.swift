import Foundation

/// A small WordprocessingML (docx) document: paragraphs of runs, tables with a heading row, page
/// breaks; A4 portrait. Enough for a printed report such as a bulletin (通报), which LibreOffice
/// and Word open as they are. Written with the zip writer's fixed timestamps, so the same
/// document always gives the same bytes.
public struct WordDocument: Equatable, Sendable {
    public struct Run: Equatable, Sendable {
        public var text: String
        public var bold: Bool
        /// Half-points (32 = 16 pt); nil for the default size.
        public var size: Int?
        /// `RRGGBB`.
        public var color: String?

        public init(_ text: String, bold: Bool = false, size: Int? = nil, color: String? = nil) {
            self.text = text
            self.bold = bold
            self.size = size
            self.color = color
        }
    }

    public enum Alignment: String, Sendable { case left, center, right, both }

    public struct Paragraph: Equatable, Sendable {
        public var runs: [Run]
        public var alignment: Alignment
        /// Indent the first line by two characters, as Chinese body text is set.
        public var firstLineIndent: Bool
        /// A rule under the paragraph (the red line under a 红头), `RRGGBB`.
        public var bottomRule: String?

        public init(_ runs: [Run], alignment: Alignment = .left, firstLineIndent: Bool = false, bottomRule: String? = nil) {
            self.runs = runs
            self.alignment = alignment
            self.firstLineIndent = firstLineIndent
            self.bottomRule = bottomRule
        }
    }

    public struct Cell: Equatable, Sendable {
        public var text: String
        public var bold: Bool
        /// Background `RRGGBB`.
        public var fill: String?

        public init(_ text: String, bold: Bool = false, fill: String? = nil) {
            self.text = text
            self.bold = bold
            self.fill = fill
        }
    }

    public struct Table: Equatable, Sendable {
        public var header: [String]
        public var rows: [[Cell]]

        public init(header: [String], rows: [[Cell]]) {
            self.header = header
            self.rows = rows
        }
    }

    public enum Block: Equatable, Sendable {
        case paragraph(Paragraph)
        case table(Table)
        case pageBreak
    }

    public var blocks: [Block]

    public init(_ blocks: [Block] = []) { self.blocks = blocks }

    /// The document as docx bytes.
    public func data() throws -> Data {
        try ZipWriter.archive([
            ("[Content_Types].xml", Data(Self.contentTypes.utf8)),
            ("_rels/.rels", Data(Self.rootRelationships.utf8)),
            ("word/_rels/document.xml.rels", Data(Self.documentRelationships.utf8)),
            ("word/styles.xml", Data(Self.styles.utf8)),
            ("word/document.xml", Data(documentXML().utf8)),
        ])
    }

    func documentXML() -> String {
        var body = ""
        for block in blocks {
            switch block {
            case .paragraph(let paragraph): body += Self.xml(paragraph)
            case .table(let table): body += Self.xml(table)
            case .pageBreak: body += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            }
        }
        // A4 portrait (twentieths of a point), 2 cm margins; the last element of the body.
        body += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"# + body + "</w:body></w:document>"
    }

    static func xml(_ run: Run) -> String {
        var properties = ""
        if run.bold { properties += "<w:b/>" }
        if let color = run.color { properties += #"<w:color w:val="\#(color)"/>"# }
        if let size = run.size { properties += #"<w:sz w:val="\#(size)"/><w:szCs w:val="\#(size)"/>"# }
        let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
        return "<w:r>\(rPr)" + #"<w:t xml:space="preserve">"# + XMLEscaping.escape(run.text) + "</w:t></w:r>"
    }

    static func xml(_ paragraph: Paragraph) -> String {
        var properties = ""
        if let rule = paragraph.bottomRule { properties += #"<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="\#(rule)"/></w:pBdr>"# }
        properties += #"<w:jc w:val="\#(paragraph.alignment.rawValue)"/>"#
        if paragraph.firstLineIndent { properties += #"<w:ind w:firstLineChars="200"/>"# }
        return "<w:p><w:pPr>\(properties)</w:pPr>" + paragraph.runs.map(xml).joined() + "</w:p>"
    }

    static func cellXML(_ cell: Cell, header: Bool) -> String {
        let fill = cell.fill ?? (header ? "E8EDF3" : nil)
        let tcPr = fill.map { #"<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="\#($0)"/></w:tcPr>"# } ?? ""
        let run = Run(cell.text, bold: cell.bold || header, size: 18)
        return "<w:tc>\(tcPr)<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr>\(xml(run))</w:p></w:tc>"
    }

    static func xml(_ table: Table) -> String {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        let width = 9638 / columns  // the text width between the margins, shared evenly
        var out = #"<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="autofit"/></w:tblPr><w:tblGrid>"#
        out += String(repeating: #"<w:gridCol w:w="\#(width)"/>"#, count: columns) + "</w:tblGrid>"
        // The heading row repeats on every page the table runs over.
        out += #"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"# + table.header.map { cellXML(Cell($0), header: true) }.joined() + "</w:tr>"
        for row in table.rows {
            let cells = row + Array(repeating: Cell(""), count: max(0, columns - row.count))
            out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cells.map { cellXML($0, header: false) }.joined() + "</w:tr>"
        }
        // Word refuses a table directly followed by the end of a cell or body: a paragraph after it.
        return out + "</w:tbl><w:p/>"
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// 宋体 12 pt body text, and a grid table style (thin black borders).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/>\
        <w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
        <w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/>\
        </w:tblBorders><w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """
}
