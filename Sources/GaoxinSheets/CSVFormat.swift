import CSV
import Foundation

/// CSV as people exchange it with Excel and WPS: UTF-8 (with or without BOM), GB18030/GBK,
/// or UTF-16 with BOM when reading; UTF-8 with BOM, RFC 4180 quoting and CRLF when writing.
public enum CSVFormat {
    /// Reads a CSV file into one table named "CSV". Every value is `.text` (or `.empty`):
    /// CSV has no types, and guessing them ("0011" → 11) would damage codes.
    ///
    /// Quoted fields may hold commas, doubled quotes and line breaks; rows end with CRLF,
    /// LF or CR. Trailing empty lines are dropped (empty lines in between are kept as empty
    /// rows, so row numbers in error messages match the file). Rows shorter than the header
    /// are padded with `.empty`; longer rows keep their extra cells.
    public static func read(_ data: Data, limits: SheetLimits = .default) throws -> SheetTable {
        guard data.count <= limits.maxFileBytes else { throw SheetError.tooLarge(limit: limits.maxFileBytes) }
        // An .xls saved under a .csv name deserves the message that says what it is.
        guard FileSignature(data) != .ole2 else { throw SheetError.legacyExcelFormat }
        let text = try TextEncodingDetector.decode(data).text
        if let line = unclosedQuoteLine(text) { throw SheetError.unclosedQuote(line: line) }
        var rows = try parse(text, limits: limits)
        guard let header = rows.first else { throw SheetError.empty }
        let width = header.count
        rows = rows.map { $0.count < width ? $0 + Array(repeating: .empty, count: width - $0.count) : $0 }
        return SheetTable(name: "CSV", rows: rows)
    }

    /// The line on which a quoted field opens and never closes, if any. The parser is lenient and
    /// would read everything after it as one cell, which surfaces as confusing errors about
    /// empty required columns; a quote that opens a field and is never closed is the real fault.
    /// (Quotes inside an unquoted field, as in `12"屏`, open nothing, as in the parser.)
    static func unclosedQuoteLine(_ text: String) -> Int? {
        CSVRecordBoundaries.scan(text.utf8, final: true).openQuoteLine
    }

    /// Parsing is CSV.swift's (RFC 4180 with lenient handling of stray quotes). It is given
    /// the already decoded text, since its own decoders know UTF-8/16/32 but not GB18030.
    private static func parse(_ text: String, limits: SheetLimits) throws -> [[SheetCell]] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw SheetError.malformed("CSV: \(error)")
        }
        var rows: [[SheetCell]] = []
        // Empty lines are only counted until a row with content follows, so trailing ones
        // are dropped and a file of nothing but line breaks costs no memory.
        var pendingEmptyRows = 0
        while let fields = reader.next() {
            guard fields.contains(where: { !$0.isEmpty }) else {
                pendingEmptyRows += 1
                continue
            }
            guard rows.count + pendingEmptyRows < limits.maxRows else { throw SheetError.tooManyRows(limit: limits.maxRows) }
            guard fields.count <= limits.maxColumns else { throw SheetError.tooManyColumns(limit: limits.maxColumns) }
            rows.append(contentsOf: Array(repeating: [SheetCell.empty], count: pendingEmptyRows))
            pendingEmptyRows = 0
            rows.append(fields.map { $0.isEmpty ? SheetCell.empty : .text($0) })
        }
        if let error = reader.error { throw SheetError.malformed("CSV: \(error)") }
        return rows
    }
}
