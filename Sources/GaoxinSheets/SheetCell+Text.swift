extension SheetCell {
    /// The canonical string form the importers validate and parse, so that a value reads the
    /// same whether it came from CSV (always text) or from a typed xlsx cell:
    /// integer "12"; number "3.5", or "3" when integral (no trailing ".0"), otherwise Swift's
    /// shortest round-trip form; date "YYYY-MM-DD"; bool "TRUE"/"FALSE"; empty "".
    /// Nothing is trimmed: whitespace is the importer's decision.
    public var text: String {
        switch self {
        case .empty:
            return ""
        case .text(let string):
            return string
        case .integer(let value):
            return String(value)
        case .number(let value):
            return Self.numberText(value)
        case .date(let year, let month, let day):
            return Self.dateText(year: year, month: month, day: day)
        case .bool(let value):
            return value ? "TRUE" : "FALSE"
        }
    }

    static func numberText(_ value: Double) -> String {
        // Every integral double below 2^63 converts exactly, and "1000000" reads better than
        // Swift's "1000000.0" or "1e+18".
        if value.isFinite, value == value.rounded(), abs(value) < 9.2e18 {
            return String(Int64(value))
        }
        return value.description
    }

    static func dateText(year: Int, month: Int, day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value.magnitude)
            let sign = value < 0 ? "-" : ""
            return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
