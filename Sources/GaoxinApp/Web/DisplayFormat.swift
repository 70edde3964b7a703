import Foundation

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
    /// The hour of the day (0–23), Beijing time.
    static func hour(_ date: Date) -> Int { Int(formatter("H").string(from: date)) ?? 0 }
}
