/// Turning cell text into XML content, and back for the OOXML-specific escapes.
enum XMLEscaping {
    /// Escapes `& < > " '` and drops what XML 1.0 cannot carry at all (control characters
    /// other than tab, line feed and carriage return, U+FFFE, U+FFFF): such characters come
    /// from pasted text and would make Excel refuse the whole file.
    /// A carriage return becomes `&#13;` because XML parsers turn a literal one into a line
    /// feed. A literal `_xHHHH_` gets its underscore escaped as `_x005F_`, since Excel reads
    /// `_xHHHH_` as an escaped character (see `decodeOOXMLEscapes`).
    static func escape(_ text: String) -> String {
        guard needsWork(text) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "_" where startsOOXMLEscape(scalars, at: index):
                out.append(contentsOf: "_x005F_".unicodeScalars)
            default:
                if isAllowed(scalar) { out.append(scalar) }
            }
        }
        return String(out)
    }

    /// Whether XML 1.0 allows the character in a document.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00...0x1F: return false
        case 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// Decodes `_xHHHH_` (ST_Xstring escapes) that Excel writes for characters XML cannot
    /// hold directly, e.g. `_x000D_` for a carriage return inside a cell.
    static func decodeOOXMLEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if startsOOXMLEscape(scalars, at: index),
               let value = UInt32(String(String.UnicodeScalarView(scalars[index + 2 ..< index + 6])), radix: 16),
               let decoded = Unicode.Scalar(value) {
                out.append(decoded)
                index += 7
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// `_x` + four hex digits + `_` starting at `index`.
    private static func startsOOXMLEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index] == "_", scalars[index + 1] == "x",
              scalars[index + 6] == "_" else { return false }
        return scalars[index + 2 ..< index + 6].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Fast path: most cell text has nothing to escape, and exports can hold millions of cells.
    private static func needsWork(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case 0x00...0x1F, UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "_"), 0xEF:
                return true
            default:
                continue
            }
        }
        return false
    }
}
