/// Plot escapes text nodes but writes attribute values verbatim, so a `"` in a name would end
/// the attribute and let the rest of the name become markup. Every attribute value that can
/// carry data (anything not a literal in the code) goes through `escapedForAttribute`; the XSS
/// sweep test renders every page with hostile names to keep it that way.
extension String {
    var escapedForAttribute: String {
        guard contains(where: { $0 == "&" || $0 == "\"" || $0 == "'" || $0 == "<" || $0 == ">" }) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 16)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
