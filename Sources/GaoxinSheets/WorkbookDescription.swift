import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `xl/workbook.xml` says: the sheets in tab order and the date system.
struct WorkbookDescription: Equatable {
    struct Sheet: Equatable {
        let name: String
        /// The relationship id (`r:id`) that leads to the sheet's part.
        let relationshipId: String
    }

    /// Whether the root element is `<workbook>`, i.e. this is a spreadsheet at all.
    var isWorkbook = false
    var sheets: [Sheet] = []
    /// Old Mac workbooks count dates from 1904-01-01 (see `ExcelDate`).
    var usesDate1904 = false

    static func parse(_ data: Data, part: String) throws -> WorkbookDescription {
        let delegate = Delegate()
        try XMLPartParser.parse(data, part: part, delegate: delegate)
        return delegate.workbook
    }

    private final class Delegate: XMLPartDelegate {
        var workbook = WorkbookDescription()

        override func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes: [String: String] = [:]
        ) {
            switch elementName {
            case "workbook":
                workbook.isWorkbook = true
            case "workbookPr":
                let flag = attributes["date1904"]
                workbook.usesDate1904 = flag == "1" || flag == "true"
            case "sheet":
                // The relationships namespace prefix is usually "r" but is not fixed.
                let id = attributes.first { $0.key == "id" || $0.key.hasSuffix(":id") }?.value
                guard let id else { return }
                workbook.sheets.append(Sheet(name: attributes["name"] ?? "", relationshipId: id))
            default:
                break
            }
        }
    }
}
