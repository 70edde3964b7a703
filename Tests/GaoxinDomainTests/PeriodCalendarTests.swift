import GaoxinDomain
import XCTest

/// A month's last day (leap years included) and the months a page lists.
final class PeriodCalendarTests: XCTestCase {
    func testLastDay() {
        XCTAssertEqual(Period(year: 2026, month: 8)!.lastDay, "2026-08-31")
        XCTAssertEqual(Period(year: 2026, month: 9)!.lastDay, "2026-09-30")
        XCTAssertEqual(Period(year: 2024, month: 2)!.lastDay, "2024-02-29")
        XCTAssertEqual(Period(year: 2100, month: 2)!.lastDay, "2100-02-28")
        XCTAssertEqual(Period(year: 2000, month: 2)!.lastDay, "2000-02-29")
    }

    func testRecentMonthsNewestFirstAcrossTheYear() {
        XCTAssertEqual(Period(year: 2026, month: 2)!.recent(3).map(\.description), ["2026-02", "2026-01", "2025-12"])
    }
}
