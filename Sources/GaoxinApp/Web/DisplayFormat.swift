import Foundation
import GaoxinDomain

/// Dates and times as shown on screen and in exports: Beijing time, unambiguous.
enum DisplayFormat {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    /// Beijing time's calendar. A `DateFormatter` was made for every value shown (ICU opens a
    /// formatter each time): a page of dates, an export or an import checking its days paid that
    /// for each cell.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }()

    private static func parts(_ date: Date) -> DateComponents { calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date) }

    /// `number` with leading zeros to `width` digits.
    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func dateTime(_ date: Date) -> String {
        let parts = parts(date)
        return "\(padded(parts.year!, 4))-\(padded(parts.month!, 2))-\(padded(parts.day!, 2)) \(padded(parts.hour!, 2)):\(padded(parts.minute!, 2))"
    }
    static func time(_ date: Date) -> String {
        let parts = parts(date)
        return "\(padded(parts.hour!, 2)):\(padded(parts.minute!, 2))"
    }
    static func day(_ date: Date) -> String {
        let parts = parts(date)
        return "\(padded(parts.year!, 4))-\(padded(parts.month!, 2))-\(padded(parts.day!, 2))"
    }
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
    static func hour(_ date: Date) -> Int { calendar.component(.hour, from: date) }
}
