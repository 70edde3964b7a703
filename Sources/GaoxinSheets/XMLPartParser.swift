import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A delegate for one package part that can stop the parse with a `SheetError` (a limit
/// reached, a bad shared-string index) and have it rethrown after `XMLParser` returns.
///
/// Subclasses override the callbacks below. They must be declared here: on Linux
/// `XMLParserDelegate` is a Swift protocol with default implementations, and the
/// conformance is this class's, so a callback only a subclass declared would never be called.
class XMLPartDelegate: NSObject, XMLParserDelegate {
    private(set) var failure: SheetError?

    func fail(_ error: SheetError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes: [String: String] = [:]
    ) {}

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {}

    func parser(_ parser: XMLParser, foundCharacters string: String) {}

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {}
}

/// Runs Foundation's `XMLParser` over one part of an xlsx package with the settings that an
/// uploaded, untrusted document needs.
enum XMLPartParser {
    static func parse(_ data: Data, part: String, delegate: XMLPartDelegate) throws {
        // No part of a spreadsheet has a DTD; refusing one up front rules out entity
        // expansion ("billion laughs") and external entities whatever the XML library does.
        guard !declaresDocumentType(data) else {
            throw SheetError.malformed("\(part) declares a DOCTYPE")
        }
        // Through a stream, not `XMLParser(data:)`: on Linux the latter hands libxml2 the
        // whole document at once and fails ("Code=1") on anything over 10 MB, libxml2's
        // limit for one input chunk (swiftlang/swift-corelibs-foundation#4851). A worksheet of
        // a few ten thousand rows is larger than that.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        // Element names then arrive without prefixes: some writers use "x:c" for "c".
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let succeeded = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard succeeded else {
            let reason = parser.parserError.map { "\($0)" } ?? "unknown error"
            throw SheetError.malformed("\(part) is not well-formed XML: \(reason)")
        }
    }

    /// Looks through the prolog (XML declaration, comments, processing instructions) for a
    /// `<!DOCTYPE`, stopping at the root element. NUL bytes are skipped so that the ASCII
    /// markup of a UTF-16 document is seen too. A prolog longer than 64 KB is treated as
    /// suspicious: real parts start their root element within a few hundred bytes.
    static func declaresDocumentType(_ data: Data) -> Bool {
        let scanLimit = 64 * 1024
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(data.count, scanLimit))
        for byte in data where byte != 0 {
            bytes.append(byte)
            if bytes.count == scanLimit { break }
        }
        let truncated = bytes.count == scanLimit
        let lt = UInt8(ascii: "<"), bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), dash = UInt8(ascii: "-")

        func find(_ terminator: [UInt8], from start: Int) -> Int? {
            guard start <= bytes.count - terminator.count else { return nil }
            for index in start ... bytes.count - terminator.count
            where bytes[index ..< index + terminator.count].elementsEqual(terminator) {
                return index + terminator.count
            }
            return nil
        }

        var index = 0
        while true {
            while index < bytes.count, bytes[index] != lt { index += 1 }
            guard index + 1 < bytes.count else { return truncated }
            let next = bytes[index + 1]
            if next == question {
                guard let end = find(Array("?>".utf8), from: index + 2) else { return truncated }
                index = end
            } else if next == bang, index + 3 < bytes.count, bytes[index + 2] == dash, bytes[index + 3] == dash {
                guard let end = find(Array("-->".utf8), from: index + 4) else { return truncated }
                index = end
            } else {
                return next == bang
            }
        }
    }
}
