/// Column widths for written sheets, so that an export opens readable instead of with every
/// column at Excel's default 8.43 characters.
enum ColumnWidths {
    static let minimum = 6.0
    static let maximum = 60.0
    /// Widths are measured on the first rows only: exports can have a million rows, and the
    /// header plus a sample shows the typical width well enough.
    static let sampledRows = 1000

    static func widths(for rows: [[SheetCell]]) -> [Double] {
        var widths: [Int] = []
        for row in rows.prefix(sampledRows) {
            if widths.count < row.count { widths += Array(repeating: 0, count: row.count - widths.count) }
            for (column, cell) in row.enumerated() {
                widths[column] = max(widths[column], displayWidth(of: cell))
            }
        }
        return widths.map { min(maximum, max(minimum, Double($0) + 2)) }
    }

    /// Width in Excel's units (about one Latin digit); CJK and other full-width characters
    /// take two. A multi-line text is as wide as its longest line.
    static func displayWidth(of cell: SheetCell) -> Int {
        switch cell {
        case .empty: return 0
        case .date: return 10
        case .text(let text):
            var widest = 0
            var current = 0
            for scalar in text.unicodeScalars {
                if scalar == "\n" {
                    widest = max(widest, current)
                    current = 0
                } else {
                    current += isWide(scalar) ? 2 : 1
                }
            }
            return max(widest, current)
        default:
            return cell.text.count
        }
    }

    /// East Asian wide and full-width ranges (Hangul Jamo, CJK, Hangul syllables,
    /// compatibility ideographs, full-width forms, the supplementary ideograph planes).
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
