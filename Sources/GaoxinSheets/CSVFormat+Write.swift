import Foundation

extension CSVFormat {
    /// Writes one table as CSV: UTF-8, fields quoted only when they hold a comma, quote, CR
    /// or LF (quotes doubled), rows ending in CRLF (RFC 4180). The byte order mark is on by
    /// default because without it Excel on Chinese Windows reads UTF-8 as GBK and shows
    /// garbled text. Non-text cells use their canonical `SheetCell.text` form.
    ///
    /// Text cells go through `SpreadsheetTextGuard.forCSV` (the formula-injection guard, made
    /// reversible). Numbers, dates and booleans are never prefixed — `-3.5` stays a number.
    ///
    /// Written by hand rather than with CSV.swift's `CSVWriter`, which writes scalar by
    /// scalar to an `OutputStream` through a throwing API; here the output is memory, and
    /// writing cannot fail.
    public static func write(_ table: SheetTable, bom: Bool = true) -> Data {
        var out = bom ? "\u{FEFF}" : ""
        for row in table.rows {
            var first = true
            for cell in row {
                if !first { out += "," }
                first = false
                out += field(for: cell)
            }
            out += "\r\n"
        }
        return Data(out.utf8)
    }

    static func field(for cell: SheetCell) -> String {
        if case .text(let text) = cell { return quotedIfNeeded(SpreadsheetTextGuard.forCSV(text)) }
        return quotedIfNeeded(cell.text)
    }

    static func quotedIfNeeded(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
