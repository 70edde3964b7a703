/// JSON text written by hand where the encoder's boxing of every value costs too much: the rows
/// an import writes (audit snapshots, staged search grams) and the API's register answers. Strings are escaped exactly as
/// `JSONEncoder` escapes them, so text written either way compares byte for byte.
enum JSONText {
    /// A JSON string literal of `string`: quote and backslash escaped, the usual control
    /// characters by their short escapes, other control characters as `\u00xx`, all else as is
    /// (`JSONBytes.string`).
    static func appendString(_ string: String, to out: inout String) {
        if !needsEscaping(string) { out += "\""; out += string; out += "\""; return }
        var bytes = JSONBytes()
        bytes.string(string)
        out += String(decoding: bytes.bytes, as: UTF8.self)
    }

    /// A JSON array of strings (`JSONBytes.strings`).
    static func array(_ strings: some Sequence<String>) -> String {
        var bytes = JSONBytes()
        bytes.strings(strings)
        return String(decoding: bytes.bytes, as: UTF8.self)
    }

    static func needsEscaping(_ string: String) -> Bool {
        string.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
    }
}

/// JSON written into bytes (a list page of register records, ~18 KB for 50 enterprises): the
/// same text as `JSONText`, without a `String`'s bookkeeping on every append.
struct JSONBytes {
    var bytes: [UInt8] = []
    private static let hexDigits = Array("0123456789abcdef".utf8)

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Text that needs no escaping (punctuation, keys already written as JSON).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: [UInt8]) { bytes.append(contentsOf: text) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func integer(_ number: some BinaryInteger) { raw(String(number)) }

    mutating func flag(_ flag: Bool) { flag ? raw("true") : raw("false") }

    /// A JSON string literal, escaped as `JSONEncoder` escapes it.
    mutating func string(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        guard JSONText.needsEscaping(string) else {
            bytes.append(contentsOf: string.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case ..<0x20:
                // `\u00xx` in lower-case hex, as the encoder writes it.
                raw("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON array of strings.
    mutating func strings(_ strings: some Sequence<String>) {
        raw("[")
        for (index, text) in strings.enumerated() {
            if index > 0 { raw(",") }
            string(text)
        }
        raw("]")
    }
}
