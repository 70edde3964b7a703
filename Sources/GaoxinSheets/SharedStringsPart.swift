import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/sharedStrings.xml`: the texts that `t="s"` cells point to by index.
enum SharedStringsPart {
    static func parse(_ data: Data, part: String) throws -> [String] {
        let delegate = Delegate()
        try XMLPartParser.parse(data, part: part, delegate: delegate)
        return delegate.strings
    }

    private final class Delegate: XMLPartDelegate {
        var strings: [String] = []
        private var text = RichTextCollector()

        override func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes: [String: String] = [:]
        ) {
            if elementName == "si" { text.begin() } else { text.enter(elementName) }
        }

        override func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if elementName == "si" { strings.append(text.finish()) } else { text.leave(elementName) }
        }

        override func parser(_ parser: XMLParser, foundCharacters string: String) {
            text.append(string)
        }

        override func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            text.append(String(decoding: CDATABlock, as: UTF8.self))
        }
    }
}

/// Collects the visible text of a string item (`<si>` or an inline `<is>`): plain `<t>` or
/// the `<t>` of each rich-text run `<r>`, but not the phonetic guide `<rPh>` that East Asian
/// Excel stores alongside (it would duplicate the reading into the value).
struct RichTextCollector {
    private var buffer = ""
    private var active = false
    private var textDepth = 0
    private var phoneticDepth = 0

    mutating func begin() {
        buffer = ""
        active = true
        textDepth = 0
        phoneticDepth = 0
    }

    mutating func enter(_ element: String) {
        guard active else { return }
        if element == "t" { textDepth += 1 }
        if element == "rPh" { phoneticDepth += 1 }
    }

    mutating func leave(_ element: String) {
        guard active else { return }
        if element == "t" { textDepth -= 1 }
        if element == "rPh" { phoneticDepth -= 1 }
    }

    mutating func append(_ string: String) {
        if active, textDepth > 0, phoneticDepth == 0 { buffer += string }
    }

    /// The collected text with Excel's `_xHHHH_` escapes decoded.
    mutating func finish() -> String {
        active = false
        return XMLEscaping.decodeOOXMLEscapes(buffer)
    }
}
