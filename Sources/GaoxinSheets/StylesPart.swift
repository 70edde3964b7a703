import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/styles.xml` for the two things the reader needs from it: which cell formats
/// (`s` attribute of a cell, an index into `<cellXfs>`) show dates, and which pad whole
/// numbers with leading zeros (a code such as 0011 typed into a cell formatted `0000`).
struct StylesPart: Equatable {
    /// Indexed by cell format; true when its number format shows a date.
    var dateFormats: [Bool] = []
    /// Indexed by cell format; the digit count of a zeros-only format (`0000` → 4), else 0.
    var zeroPadWidths: [Int] = []

    func isDate(styleIndex: Int) -> Bool {
        styleIndex >= 0 && styleIndex < dateFormats.count && dateFormats[styleIndex]
    }

    func zeroPadWidth(styleIndex: Int) -> Int {
        styleIndex >= 0 && styleIndex < zeroPadWidths.count ? zeroPadWidths[styleIndex] : 0
    }

    /// Formats made only of zeros, two or more (`00`, `0000`): what Excel users choose to keep a
    /// code's leading zeros. Anything else (`0`, `0.00`, `#,##0`) is a plain number format.
    static func zeroPadWidth(formatCode: String) -> Int {
        formatCode.count >= 2 && formatCode.allSatisfy({ $0 == "0" }) ? formatCode.count : 0
    }

    static func parse(_ data: Data, part: String) throws -> StylesPart {
        let delegate = Delegate()
        try XMLPartParser.parse(data, part: part, delegate: delegate)
        let codes = delegate.declaredCodes
        return StylesPart(dateFormats: delegate.cellFormatIds.map { NumberFormat.isDate(id: $0, declaredCodes: codes) },
                          zeroPadWidths: delegate.cellFormatIds.map { id in codes[id].map(zeroPadWidth(formatCode:)) ?? 0 })
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
