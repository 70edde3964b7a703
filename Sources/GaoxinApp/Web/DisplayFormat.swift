import Foundation
import GaoxinDomain

/// Dates and times as shown on screen and in exports: Beijing time, unambiguous.
enum DisplayFormat {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    private static func formatter(_ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter
    }

    static func dateTime(_ date: Date) -> String { formatter("yyyy-MM-dd HH:mm").string(from: date) }
    static func time(_ date: Date) -> String { formatter("HH:mm").string(from: date) }
    static func day(_ date: Date) -> String { formatter("yyyy-MM-dd").string(from: date) }
    /// The first instant after `day` (`YYYY-MM-DD`), Beijing time: what was entered before it
    /// was entered by that day. Far in the future for a day that does not parse.
    static func instantAfter(day: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let parsed = CalendarDay(day), let start = calendar.date(from: DateComponents(year: parsed.year, month: parsed.month, day: parsed.day)) else {
            return .distantFuture
        }
        return calendar.date(byAdding: .day, value: 1, to: start)!
    }

    /// The hour of the day (0–23), Beijing time.
    static func hour(_ date: Date) -> Int { Int(formatter("H").string(from: date)) ?? 0 }
}
