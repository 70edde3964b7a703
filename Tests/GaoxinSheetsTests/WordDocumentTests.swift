import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import GaoxinSheets

/// The docx writer: a package Word and LibreOffice open (the parts and their relationships,
/// well-formed XML whatever the text holds), the same bytes for the same document, and a PDF
/// out of LibreOffice with the text in it.
final class WordDocumentTests: XCTestCase {
    static let sample = WordDocument([
        .paragraph(.init([.init("无锡高新区产业集群发展领导小组办公室", bold: true, size: 44, color: "C00000")], alignment: .center)),
        .paragraph(.init([.init("2026年第8期　　　　2026-09-21")], alignment: .center, bottomRule: "C00000")),
        .paragraph(.init([.init("1—8月，全区合计 <A & B> \"引号\" 'x' 控制\u{1}字符")], firstLineIndent: true)),
        .pageBreak,
        .table(.init(header: ["排名", "集群", "完成进度"], rows: [
            [.init("1"), .init("集成电路"), .init("72.5%", fill: "DFF3E4")],
            [.init(""), .init("合计", bold: true)],
        ])),
    ])

    func parts(_ data: Data) throws -> [String: String] {
        var zip = try ZipExtractor(data: data, limits: .default)
        var result: [String: String] = [:]
        for path in ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml"] {
            result[path] = try XCTUnwrap(try zip.contents(of: path), "missing part \(path)").map { String(decoding: $0, as: UTF8.self) }
        }
        return result
    }

    func testThePackageHoldsWellFormedPartsWithTheTextEscaped() throws {
        let parts = try parts(try Self.sample.data())
        for (path, xml) in parts {
            let parser = XMLParser(data: Data(xml.utf8))
            XCTAssertTrue(parser.parse(), "\(path) is not well-formed: \(String(describing: parser.parserError))")
        }
        let document = try XCTUnwrap(parts["word/document.xml"])
        XCTAssertTrue(document.contains("&lt;A &amp; B&gt; &quot;引号&quot; &apos;x&apos; 控制字符"), "escaped, the control character dropped")
        XCTAssertTrue(document.contains(#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4")
        XCTAssertTrue(document.contains("<w:tblHeader/>"), "the heading row repeats on every page")
        XCTAssertTrue(document.contains(#"<w:br w:type="page"/>"#))
        XCTAssertTrue(document.contains(#"<w:shd w:val="clear" w:color="auto" w:fill="DFF3E4"/>"#))
        XCTAssertEqual(document.components(separatedBy: "<w:tc>").count - 1, 9, "three cells a row, the short row padded")
        XCTAssertTrue(try XCTUnwrap(parts["[Content_Types].xml"]).contains("wordprocessingml.document.main+xml"))
    }

    func testTheSameDocumentGivesTheSameBytes() throws {
        XCTAssertEqual(try Self.sample.data(), try Self.sample.data())
        var changed = Self.sample
        changed.blocks.append(.paragraph(.init([.init("多一段")])))
        XCTAssertNotEqual(try Self.sample.data(), try changed.data())
    }

    func testLibreOfficeConvertsItToAPDFWithTheText() throws {
        let soffice = try requireTool(LibreOffice.executable, "LibreOffice (soffice)", install: "apt-get install -y libreoffice-writer")
        let pdftotext = try requireTool(ExternalProcess.locate("pdftotext"), "pdftotext", install: "apt-get install -y poppler-utils")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let docx = folder.file("bulletin.docx")
        try Self.sample.data().write(to: docx)
        let pdf = try LibreOffice.convert(soffice, docx, filter: "pdf", extension: "pdf", into: folder.url)
        let bytes = try Data(contentsOf: pdf)
        XCTAssertEqual(String(decoding: bytes.prefix(5), as: UTF8.self), "%PDF-")
        let text = try ExternalProcess.run(pdftotext, ["-layout", pdf.path, "-"], timeout: 60)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("无锡高新区产业集群发展领导小组办公室"), text.stdout)
        XCTAssertTrue(text.stdout.contains("集成电路"), text.stdout)
        XCTAssertEqual(text.stdout.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }.count, 2,
                       "the page break starts a second page")
    }
}
