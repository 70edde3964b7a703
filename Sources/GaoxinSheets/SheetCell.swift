/// One cell of a spreadsheet, as the importers and exporters of the product see it.
///
/// The set of cases is deliberately small: it is what CSV and xlsx can both carry and
/// what the domain needs (codes stay text, money and counts are integers, dates carry no
/// time of day). Formatting, formulas and times of day are not modelled.
public enum SheetCell: Equatable, Sendable {
    case empty
    case text(String)
    case integer(Int64)
    case number(Double)
    /// A calendar date without time of day. The fields are not validated here; the writers
    /// fall back to text for values that are not a real date Excel can store.
    case date(year: Int, month: Int, day: Int)
    case bool(Bool)
}
