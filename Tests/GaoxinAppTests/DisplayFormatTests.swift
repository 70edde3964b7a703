import Foundation
@testable import GaoxinApp
import XCTest

/// Dates are shown in Beijing time, worked out through a calendar kept once instead of a
/// `DateFormatter` made for each value: the same text as the formatter's for any instant —
/// around midnight and new year in Beijing, in the summer-time years 1986–1991, early years.
final class DisplayFormatTests: XCTestCase {
    /// The formatters the display used to make for each value, made once here.
    let formatters: [String: DateFormatter] = Dictionary(uniqueKeysWithValues: ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "HH:mm", "H"].map { pattern in
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = DisplayFormat.zone
        formatter.dateFormat = pattern
        return (pattern, formatter)
    })

    func formatted(_ pattern: String, _ date: Date) -> String { formatters[pattern]!.string(from: date) }

    func testDaysAndTimesAreTheFormattersInBeijingTime() {
        var instants: [Date] = [
            Date(timeIntervalSince1970: 1_798_732_799), // 2026-12-31 23:59:59 in Beijing (15:59:59 UTC)
            Date(timeIntervalSince1970: 1_798_732_800), // 2027-01-01 00:00 in Beijing
            Date(timeIntervalSince1970: 0),
            Date(timeIntervalSince1970: 584_000_000), // 1988-07, summer time in China
            Date(timeIntervalSince1970: -2_000_000_000), // 1906
        ]
        // Every 97 minutes and 13 seconds over three years.
        for step in 0..<16_000 { instants.append(Date(timeIntervalSince1970: 1_700_000_000 + Double(step) * 5_833)) }
        for date in instants {
            XCTAssertEqual(DisplayFormat.day(date), formatted("yyyy-MM-dd", date), "\(date)")
            XCTAssertEqual(DisplayFormat.dateTime(date), formatted("yyyy-MM-dd HH:mm", date), "\(date)")
            XCTAssertEqual(DisplayFormat.time(date), formatted("HH:mm", date), "\(date)")
            XCTAssertEqual(DisplayFormat.hour(date), Int(formatted("H", date)), "\(date)")
        }
        XCTAssertEqual(DisplayFormat.dateTime(Date(timeIntervalSince1970: 1_798_732_800)), "2027-01-01 00:00")
        XCTAssertEqual(DisplayFormat.day(Date(timeIntervalSince1970: 1_798_732_799)), "2026-12-31")
    }
}
