import Foundation

/// The audit log's JSON of a register record, written directly: byte for byte what `AuditLog.json`
/// makes of a `RegisterDTO` through `JSONEncoder` (sorted keys, slashes unescaped), which an import
/// paid for each record it audited — 9–10 % of an enterprise or lead import's time, most of it the
/// encoder's boxing of every member (perf, BENCHMARKS.md). `AuditJSONTextTests` holds the two equal
/// for every declared register.
enum AuditJSONText {
    static func object(_ dto: RegisterDTO) -> String {
        // Sorted by their UTF-8 bytes, as the encoder sorts keys.
        let members = dto.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var out = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out += "," }
            appendString(member.key, to: &out)
            out += ":"
            append(member.value, to: &out)
        }
        return out + "}"
    }

    private static func append(_ value: RegisterDTO.Member, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .flag(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .decimal(let number): out += number.description
        case .text(let text): appendString(text, to: &out)
        case .texts(let texts):
            out += "["
            for (index, text) in texts.enumerated() {
                if index > 0 { out += "," }
                appendString(text, to: &out)
            }
            out += "]"
        case .ids(let ids): out += "[" + ids.map(String.init).joined(separator: ",") + "]"
        }
    }

    /// A JSON string as the encoder writes it: quote and backslash escaped, the usual control
    /// characters by their short escapes, other control characters as `\u00XX`, all else as is.
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
}
