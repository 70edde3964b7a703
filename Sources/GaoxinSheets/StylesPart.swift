import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/styles.xml` for the one thing the reader needs from it: which cell formats
/// (`s` attribute of a cell, an index into `<cellXfs>`) show dates.
struct StylesPart: Equatable {
    /// Indexed by cell format; true when its number format shows a date.
    var dateFormats: [Bool] = []

    func isDate(styleIndex: Int) -> Bool {
        styleIndex >= 0 && styleIndex < dateFormats.count && dateFormats[styleIndex]
    }

    static func parse(_ data: Data, part: String) throws -> StylesPart {
        let delegate = Delegate()
        try XMLPartParser.parse(data, part: part, delegate: delegate)
        let codes = delegate.declaredCodes
        return StylesPart(dateFormats: delegate.cellFormatIds.map { NumberFormat.isDate(id: $0, declaredCodes: codes) })
    }

    private final class Delegate: XMLPartDelegate {
        var declaredCodes: [Int: String] = [:]
        var cellFormatIds: [Int] = []
        private var inCellFormats = false

        override func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes: [String: String] = [:]
        ) {
            switch elementName {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] {
                    declaredCodes[id] = code
                }
            case "cellXfs":
                inCellFormats = true
            case "xf" where inCellFormats:
                // "xf" also appears under <cellStyleXfs>; only <cellXfs> is what cells index.
                cellFormatIds.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default:
                break
            }
        }

        override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if elementName == "cellXfs" { inCellFormats = false }
        }
    }
}
