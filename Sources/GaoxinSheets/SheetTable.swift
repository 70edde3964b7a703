/// One worksheet (or one CSV file): a name and its rows, row 0 usually being the header.
///
/// Rows read from a file are rectangular (padded with `.empty`), except that a CSV row longer
/// than the header keeps its extra cells so that an importer can report them instead of
/// silently losing data.
public struct SheetTable: Equatable, Sendable {
    public var name: String
    public var rows: [[SheetCell]]

    public init(name: String, rows: [[SheetCell]]) {
        self.name = name
        self.rows = rows
    }
}
