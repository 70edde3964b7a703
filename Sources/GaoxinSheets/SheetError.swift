/// Why a spreadsheet could not be read or written.
///
/// Every case carries a sentence for the end user (`messageZh`, `messageEn`, see
/// SheetError+Messages.swift); the `String` payloads are technical details for logs only and
/// never shown as the user message, because they come from parsers and from the file itself.
public enum SheetError: Error, Equatable, Sendable {
    /// The file has no bytes, holds no data, or there is nothing to write.
    case empty
    /// The file is larger than `SheetLimits.maxFileBytes` (the limit in bytes).
    case tooLarge(limit: Int)
    /// The bytes are not a zip archive, so not an xlsx file (often a renamed file).
    case notAZip
    /// An Excel 97–2003 `.xls` file, or an encrypted xlsx (both are OLE2 compound files).
    case legacyExcelFormat
    /// The file is damaged or breaks the format; the reason is for logs.
    case malformed(String)
    /// A part the workbook needs is absent (the part name, e.g. "xl/workbook.xml").
    case missingPart(String)
    /// The zip entries would expand beyond the limits (size or compression ratio).
    case zipBomb
    /// A sheet has more rows than allowed (by `SheetLimits`, or by Excel when writing).
    case tooManyRows(limit: Int)
    /// A sheet has more columns than allowed (by `SheetLimits`, or by Excel when writing).
    case tooManyColumns(limit: Int)
    /// A text file that is neither UTF-8, UTF-16 with a byte order mark, nor GB18030/GBK.
    case unsupportedEncoding
    /// A text cell longer than the 32,767 characters an Excel cell can hold (1-based row and
    /// column, so the message can point at it).
    case cellTooLong(sheet: String, row: Int, column: Int)
    /// A CSV field opened with a quote on this (1-based) line is never closed, so the rest of
    /// the file would read as one cell.
    case unclosedQuote(line: Int)
    /// An xlsx formula cell with no stored result (saved by a program that does not calculate):
    /// its value cannot be known without Excel (1-based row and column).
    case formulaWithoutValue(sheet: String, row: Int, column: Int)
}
