import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One `<Relationship>` of a `.rels` part: how a package names the parts it links to.
struct PackageRelationship: Equatable {
    let id: String
    let type: String
    /// The target as a package path ("xl/worksheets/sheet1.xml"), already resolved against
    /// the source part's folder.
    let target: String
    let isExternal: Bool

    /// Relationship types are compared by their last path segment, so that the Strict
    /// variant (purl.oclc.org URIs) of a type matches the Transitional one.
    func hasType(_ name: String) -> Bool {
        type.hasSuffix("/" + name)
    }
}

/// Parses a `.rels` part and resolves its targets.
enum PackageRelationships {
    /// The relationships part that belongs to a part: "xl/workbook.xml" →
    /// "xl/_rels/workbook.xml.rels"; the package itself ("") → "_rels/.rels".
    static func partName(for source: String) -> String {
        guard let slash = source.lastIndex(of: "/") else { return "_rels/\(source).rels" }
        return "\(source[..<slash])/_rels/\(source[source.index(after: slash)...]).rels"
    }

    static func parse(_ data: Data, part: String, source: String) throws -> [PackageRelationship] {
        let delegate = Delegate(sourceFolder: folder(of: source))
        try XMLPartParser.parse(data, part: part, delegate: delegate)
        return delegate.relationships
    }

    /// "xl/workbook.xml" → "xl/"; a part at the root → "".
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// Resolves a target the way URIs resolve: absolute ("/xl/…") from the package root,
    /// otherwise from the source's folder, with "." and ".." segments applied and
    /// percent-escapes decoded.
    static func resolve(_ target: String, from folder: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        let joined = decoded.hasPrefix("/") ? decoded : folder + decoded
        var segments: [Substring] = []
        for segment in joined.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }

    private final class Delegate: XMLPartDelegate {
        let sourceFolder: String
        var relationships: [PackageRelationship] = []

        init(sourceFolder: String) {
            self.sourceFolder = sourceFolder
        }

        override func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes: [String: String] = [:]
        ) {
            guard elementName == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            let external = attributes["TargetMode"] == "External"
            relationships.append(PackageRelationship(
                id: id,
                type: attributes["Type"] ?? "",
                target: external ? target : PackageRelationships.resolve(target, from: sourceFolder),
                isExternal: external
            ))
        }
    }
}
