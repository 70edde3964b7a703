import Foundation
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// On paper a page shows its record, not its controls: forms with the headings that belong to
/// them, action columns, buttons and navigation sit in elements the print stylesheet hides.
final class PrintTests: XCTestCase {
    /// The elements open at `offset` of a rendered page, outermost first (Plot closes every
    /// element it opens; text never holds a raw `<`).
    static func openElements(_ html: String, at offset: String.Index) -> [(tag: String, classes: [String])] {
        let voidTags: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
        let prefix = String(html[..<offset])
        let tag = try! NSRegularExpression(pattern: #"<(/?)([A-Za-z][A-Za-z0-9]*)([^>]*)>"#)
        let classAttribute = try! NSRegularExpression(pattern: #"\sclass="([^"]*)""#)
        var stack: [(tag: String, classes: [String])] = []
        for match in tag.matches(in: prefix, range: NSRange(prefix.startIndex..., in: prefix)) {
            let closing = !Range(match.range(at: 1), in: prefix)!.isEmpty
            let name = String(prefix[Range(match.range(at: 2), in: prefix)!]).lowercased()
            let attributes = String(prefix[Range(match.range(at: 3), in: prefix)!])
            if closing {
                if let open = stack.lastIndex(where: { $0.tag == name }) { stack.removeSubrange(open...) }
            } else if !voidTags.contains(name) && !attributes.hasSuffix("/") {
                let classes = classAttribute.firstMatch(in: attributes, range: NSRange(attributes.startIndex..., in: attributes))
                    .flatMap { Range($0.range(at: 1), in: attributes) }.map { attributes[$0].split(separator: " ").map(String.init) } ?? []
                stack.append((name, classes))
            }
        }
        return stack
    }

    /// Every place `text` appears as a whole text node, and whether the print stylesheet hides it there.
    static func hiddenInPrint(_ html: String, text: String) -> [Bool] {
        var found: [Bool] = []
        var from = html.startIndex
        while let range = html.range(of: ">" + text + "<", range: from..<html.endIndex) {
            found.append(openElements(html, at: range.upperBound).contains { $0.classes.contains(Print.hidden) })
            from = range.upperBound
        }
        return found
    }

    /// The rules of the stylesheet's `@media print` block.
    static func printRules(_ css: String) -> [(selectors: [String], body: String)] {
        guard let start = css.range(of: "@media print {") else { return [] }
        var rules: [(selectors: [String], body: String)] = []
        var rest = css[start.upperBound...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let head = rest[..<open]
            if head.contains("}") { break } // the media block ended
            let selectorText = head.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
            rules.append((selectorText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        return rules
    }

    func testTheStylesheetHidesThePrintClassAndFormsButtonsAndNavigation() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let css = try await browser.get(Site.stylesheet).text
            let hiding = Self.printRules(css).filter { $0.body.replacingOccurrences(of: " ", with: "").contains("display:none") }.flatMap(\.selectors)
            for selector in ["." + Print.hidden, "form", "button", ".button", "nav", ".actions", ".list-controls", ".pager"] {
                XCTAssertTrue(hiding.contains(selector), "print hides \(selector): \(hiding)")
            }
            XCTAssertFalse(hiding.contains("table") || hiding.contains("main"), "the record itself prints")
        }
    }

    func testTheChainMapPrintsWithoutItsFormsAndEditColumn() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try parseJSONObject(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try parseJSONObject(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"集成电路产业链"}"#))
            let chainID = try XCTUnwrap(chain["id"] as? Int)
            let node = try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"upstream","name":"芯片设计","industryCodes":["6520"]}"#)
            XCTAssertEqual(node.status, .created, node.text)

            let office = try await Browser.signedIn(app, as: .office)
            let page = try await office.get(Site.chain(chainID))
            XCTAssertEqual(page.status, .ok)
            let html = page.text
            for text in ["新增环节", "编辑", "操作", "关联"] {
                let places = Self.hiddenInPrint(html, text: text)
                XCTAssertFalse(places.isEmpty, "the office sees “\(text)”")
                XCTAssertEqual(places, places.map { _ in true }, "“\(text)” is hidden in print wherever it appears")
            }
            // The record itself prints: the segment heading and the node's row.
            XCTAssertEqual(Self.hiddenInPrint(html, text: "上游").first, false, "the segment heading (the node form's segment choice comes later)")
            let nodeName = try XCTUnwrap(html.range(of: ">芯片设计<"))
            XCTAssertFalse(Self.openElements(html, at: nodeName.upperBound).contains { $0.classes.contains(Print.hidden) })
            XCTAssertTrue(Self.openElements(html, at: nodeName.upperBound).contains { $0.tag == "table" }, "the probe sees the table")

            // A reader who may not write sees neither the form nor the column.
            let leader = try await Browser.signedIn(app, as: .leader)
            let readOnly = try await leader.get(Site.chain(chainID)).text
            XCTAssertTrue(Self.hiddenInPrint(readOnly, text: "新增环节").isEmpty)
            XCTAssertTrue(Self.hiddenInPrint(readOnly, text: "操作").isEmpty)
        }
    }

    func testSharedListsAndFormSectionsAreMarkedWhereTheyAreBuilt() async throws {
        try await withApp { app, fixtures in
            let office = try await Browser.signedIn(app, as: .office)
            // The list's search form and the enterprise page's form sections and action column.
            let list = try await office.get(Site.clusters).text
            let search = try XCTUnwrap(list.range(of: "name=\"q\""))
            XCTAssertTrue(Self.openElements(list, at: search.lowerBound).contains { $0.classes.contains(Print.hidden) }, "the search form")
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let enterprise = try await api.createEnterprise("打印测试企业", code: USCC.numbered(811), unit: fixtures.zone)
            let qualification = try await api.send(.POST, Site.API.enterpriseQualifications(enterprise), json: #"{"kind":"highTech","grantedOn":"2025-01-01"}"#)
            XCTAssertEqual(qualification.status, .created, qualification.text)
            let page = try await office.get(Site.enterprise(enterprise)).text
            for text in ["登记资质", "填报或更正某月指标", "操作"] {
                let places = Self.hiddenInPrint(page, text: text)
                XCTAssertFalse(places.isEmpty, text)
                XCTAssertEqual(places, places.map { _ in true }, "“\(text)” is hidden in print")
            }
            let record = Self.hiddenInPrint(page, text: "资质")
            XCTAssertFalse(record.isEmpty || record.contains(true), "the qualifications heading and table print")
        }
    }
}
