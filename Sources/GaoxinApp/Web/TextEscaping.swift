import Plot

/// Plot escapes a text node one `Character` at a time, each made a `String` of its own (and
/// keeps `&amp;`-like sequences as they are, so a name typed with one showed as its character):
/// 12 % of the CPU of a list page under load (perf, BENCHMARKS.md). This `text` shadows Plot's
/// for the whole app: text without `<`, `>` or `&` (nearly every Chinese name) is written as it
/// is, other text with those three escaped — every `&`, so what was typed is what is shown.
extension Node {
    static func text(_ text: String) -> Node { .raw(text.escapedForText) }
}

extension String {
    /// `<`, `>` and `&` as entities: enough inside an element (attributes use `escapedForAttribute`).
    var escapedForText: String {
        guard utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") }) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
