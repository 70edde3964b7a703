import Foundation
import GaoxinSheets
import XCTest

/// What a person does to an export between downloading and importing it: opens it in a
/// spreadsheet (which shows text without the export's formula guard), edits cells, saves it in
/// the same format. The round-trip tests go through these two steps.
enum SpreadsheetEdits {
    /// The export's first sheet as a spreadsheet shows it.
    static func open(_ data: Data, format: String) throws -> SheetTable {
        var table = try format == "csv" ? CSVFormat.read(data) : XCTUnwrap(XLSXReader.read(data).first)
        table.rows = table.rows.map { $0.map { cell in if case .text(let text) = cell { return .text(SpreadsheetTextGuard.unguarded(text)) } else { return cell } } }
        return table
    }

    /// The edited sheet saved again as CSV or xlsx.
    static func save(_ table: SheetTable, format: String) throws -> Data {
        format == "csv" ? CSVFormat.write(table) : try XLSXWriter.write([table])
    }
}
