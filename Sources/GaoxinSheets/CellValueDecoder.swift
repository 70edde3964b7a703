/// Turns the stored form of one xlsx cell (its `t` type, `s` style and `<v>` or inline text)
/// into a `SheetCell`.
struct CellValueDecoder {
    let sharedStrings: [String]
    let styles: StylesPart
    let usesDate1904: Bool

    /// - Parameters:
    ///   - type: the `t` attribute: "s" shared string, "inlineStr", "str" (a formula's text
    ///     result), "b" boolean, "e" error, "d" ISO 8601 date, "n" or nil number.
    ///   - value: the text of `<v>`; `inline`: the text of `<is>`, when there is one.
    func decode(type: String?, style: Int, value: String, inline: String?) throws -> SheetCell {
        switch type {
        case "s":
            guard let index = Int(value.trimmingASCIIWhitespace()), sharedStrings.indices.contains(index) else {
                throw SheetError.malformed("shared string index \(value) out of range")
            }
            return Self.textCell(sharedStrings[index])
        case "inlineStr":
            return Self.textCell(inline ?? value)
        case "str", "e":
            // An error value ("#DIV/0!") is kept as its text so the importer can report it.
            return Self.textCell(XMLEscaping.decodeOOXMLEscapes(value))
        case "b":
            switch value.trimmingASCIIWhitespace() {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            case "": return .empty
            default: return .text(value)
            }
        case "d":
            return Self.isoDate(value) ?? Self.textCell(value)
        default:
            return number(value, style: style)
        }
    }

    /// Empty text is `.empty`: in a spreadsheet an empty string and an empty cell are the
    /// same to the person who typed it.
    static func textCell(_ text: String) -> SheetCell {
        text.isEmpty ? .empty : .text(text)
    }

    private func number(_ raw: String, style: Int) -> SheetCell {
        let value = raw.trimmingASCIIWhitespace()
        if value.isEmpty { return .empty }
        // Exact first, so that large integers do not pass through Double.
        if let integer = Int64(value), !styles.isDate(styleIndex: style) {
            // Shown as 0011 in Excel, so 0011 is what the person typed and sees: keep it as text.
            let width = styles.zeroPadWidth(styleIndex: style)
            if width > 0, integer >= 0 {
                let digits = String(integer)
                return .text(String(repeating: "0", count: max(0, width - digits.count)) + digits)
            }
            return .integer(integer)
        }
        guard let number = Double(value) else { return .text(raw) }
        if styles.isDate(styleIndex: style),
           let date = ExcelDate.date(serial: number, date1904: usesDate1904) {
            return .date(year: date.year, month: date.month, day: date.day)
        }
        // Below 2^53 every integer is exact in a double, so "12" stored as "1.2E1" is 12.
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 { return .integer(Int64(number)) }
        return .number(number)
    }

    /// "2024-03-15" or "2024-03-15T00:00:00" (the `t="d"` form some writers use).
    static func isoDate(_ raw: String) -> SheetCell? {
        let parts = raw.trimmingASCIIWhitespace().prefix(10).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]),
              let month = Int(parts[1]), let day = Int(parts[2]),
              ExcelDate.isValid(year: year, month: month, day: day) else { return nil }
        return .date(year: year, month: month, day: day)
    }
}

extension String {
    /// Trims spaces, tabs and line breaks only: the values in `<v>` are ASCII, and this
    /// avoids Foundation's character-set machinery in the per-cell path.
    func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first ... last])
    }
}
