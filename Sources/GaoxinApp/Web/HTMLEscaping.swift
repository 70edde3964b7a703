import Plot

/// Plot escapes a text node one `Character` at a time, each made a `String` of its own (and
/// keeps `&amp;`-like sequences as they are, so a name typed with one showed as its character):
/// 12 % of the CPU of a list page under load (perf, BENCHMARKS.md). This `text` shadows Plot's
/// for the whole app module: `<`, `>` and every `&` escaped, so what was typed is what is shown.
extension Node {
    static func text(_ text: String) -> Node { .raw(text.escapedForText) }
}

/// Plot writes attribute values verbatim, so a `"` in a name would end the attribute and let the
/// rest of the name become markup. Every attribute value that can carry data (anything not a
/// literal in the code) goes through `escapedForAttribute`; the XSS sweep test renders every page
/// with hostile names to keep it that way.
///
/// Both scan Unicode scalars, not `Character`s: a `"` followed by a combining mark is one
/// `Character` that is not equal to `"`, yet the browser still reads the quote and ends the
/// attribute there.
extension String {
    /// `<`, `>` and `&` as entities: enough inside an element.
    var escapedForText: String { escapedForHTML(quotes: false) }

    /// `<`, `>`, `&` and both quotes as entities.
    var escapedForAttribute: String { escapedForHTML(quotes: true) }

    private func escapedForHTML(quotes: Bool) -> String {
        // Nearly every Chinese name holds none of them: written as it is.
        guard utf8.contains(where: { byte in
            byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
                || (quotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")))
        }) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where quotes: escaped += "&quot;"
            case "'" where quotes: escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
