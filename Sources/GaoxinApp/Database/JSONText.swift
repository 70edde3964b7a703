/// JSON text written by hand where the encoder's boxing of every value costs too much: the rows
/// an import writes (audit snapshots, staged search grams) and the API's register answers. Strings are escaped exactly as
/// `JSONEncoder` escapes them, so text written either way compares byte for byte.
enum JSONText {
    /// A JSON string literal of `string`: quote and backslash escaped, the usual control
    /// characters by their short escapes, other control characters as `\u00xx`, all else as is.
    static func appendString(_ string: String, to out: inout String) {
        out += "\""
        let plain = string.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        if plain { out += string; out += "\""; return }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A JSON array of strings.
    static func array(_ strings: some Sequence<String>) -> String {
        var out = "["
        for string in strings {
            if out.utf8.count > 1 { out += "," }
            appendString(string, to: &out)
        }
        return out + "]"
    }
}
