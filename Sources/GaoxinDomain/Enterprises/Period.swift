import Foundation

/// A calendar month `YYYY-MM`, the period of every monthly figure (SPEC §2).
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Accepts `2025-03`, `2025-3`, `2025/03`, `202503` and `2025年3月`; also `2025-03-01`, which is
    /// what a spreadsheet makes of a typed “2025-03” (a date on the first of the month).
    public init?(_ raw: String) {
        // The form nearly every file has, `2025-03`, read without Foundation (an import of
        // figures reads it on each of millions of rows).
        let bytes = raw.utf8
        if bytes.count == 7 {
            var digits: [Int] = []
            digits.reserveCapacity(6)
            for (index, byte) in bytes.enumerated() {
                if index == 4 { guard byte == UInt8(ascii: "-") else { break }; continue }
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { break }
                digits.append(Int(byte - UInt8(ascii: "0")))
            }
            if digits.count == 6 {
                self.init(year: digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3], month: digits[4] * 10 + digits[5])
                return
            }
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        var parts: [Substring]
        if text.count == 6, text.allSatisfy(\.isNumber) {
            parts = [text.prefix(4), text.suffix(2)]
        } else {
            parts = text.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "")
                .split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        }
        if parts.count == 3, let day = Int(parts[2]), day == 1, parts[2].count == 2 { parts.removeLast() }
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        self.init(year: year, month: month)
    }

    /// `YYYY-MM`, zero-padded (built by hand: `String(format:)` cost a tenth of a figures import).
    public var description: String {
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + (month < 10 ? "-0" : "-") + String(month)
    }

    public static func < (lhs: Period, rhs: Period) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    /// The same month one year earlier, for year-on-year growth.
    public var previousYear: Period { Period(year: year - 1, month: month)! }

    /// The month before (January's is the previous December).
    public var previous: Period { month == 1 ? Period(year: year - 1, month: 12)! : Period(year: year, month: month - 1)! }

    /// The month's last day, `YYYY-MM-DD` (a bulletin's figures are as of it).
    public var lastDay: String {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return description + "-" + String(days)
    }

    /// This month and the `count − 1` before it, newest first (the months a page lists).
    public func recent(_ count: Int) -> [Period] {
        var months: [Period] = []
        var month = self
        for _ in 0..<count {
            months.append(month)
            month = month.previous
        }
        return months
    }
}
