/// One worksheet (or one CSV file): a name and its rows, row 0 usually being the header.
///
/// Rows read from a file are rectangular (padded with `.empty`), except that a CSV row longer
/// than the header keeps its extra cells so that an importer can report them instead of
/// silently losing data.
public struct SheetTable: Equatable, Sendable {
    public var name: String
    public var rows: [[SheetCell]]
    /// Columns (0-based) formatted as Text when written to xlsx, so that what people type into
    /// them later — codes like 0112, months like 2025-03 — is kept as typed, not turned into a
    /// number or a date by Excel.
    public var textColumns: Set<Int> = []

    public init(name: String, rows: [[SheetCell]], textColumns: Set<Int> = []) {
        self.name = name
        self.rows = rows
        self.textColumns = textColumns
    }
}
