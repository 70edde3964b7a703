/// A1-style references ("B7"), used by the xlsx writer for every cell and by the reader to
/// place cells, since rows and cells may be sparse.
enum CellReference {
    /// Excel's own bounds; a reference past them is not a spreadsheet cell.
    static let maxExcelRows = 1_048_576
    static let maxExcelColumns = 16_384

    /// 0 → "A", 25 → "Z", 26 → "AA".
    static func columnName(_ index: Int) -> String {
        var number = max(index, 0) + 1
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// "B7" → (row: 6, column: 1), both 0-based. Returns nil for anything that is not a
    /// plain reference within Excel's bounds (the reader then places the cell by position).
    /// A "$" (absolute reference) is tolerated because some generators write one.
    static func parse(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "$"):
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte & 0xDF) - 64)
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(byte - 48)
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row >= 1, row <= maxExcelRows, column <= maxExcelColumns else {
            return nil
        }
        return (row - 1, column - 1)
    }

    /// Only the column part of a reference ("B7" → 1); used when a row is known already.
    static func column(of reference: String) -> Int? {
        parse(reference)?.column
    }

    static func name(row: Int, column: Int) -> String {
        "\(columnName(column))\(row + 1)"
    }
}
