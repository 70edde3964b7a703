import GaoxinDomain
import XCTest

/// Year to date, growth, progress against the target, the pace against 时序进度 and the scale tier.
final class ClusterProgressTests: XCTestCase {
    func months(_ year: Int, _ values: [Int64]) -> [Period: Int64] {
        Dictionary(uniqueKeysWithValues: values.enumerated().map { (Period(year: year, month: $0.offset + 1)!, $0.element) })
    }

    func testYearToDateGrowthAndProgress() {
        let monthly = months(2025, [100, 120, 130, 999]).merging(months(2024, [90, 100, 110])) { a, _ in a }
        let p = ClusterProgress(year: 2025, throughMonth: 3, monthly: monthly, annualTarget: 1_200)
        XCTAssertEqual(p.yearToDate, 350, "month 4 is not counted in 1–3月")
        XCTAssertEqual(p.previousYearToDate, 300)
        XCTAssertEqual(p.growth!, 50.0 / 300, accuracy: 1e-12)
        XCTAssertEqual(p.progress!, 350.0 / 1200, accuracy: 1e-12)
        XCTAssertEqual(p.timeShare, 0.25)
        XCTAssertEqual(p.pace, .onPace)
        XCTAssertEqual(p.remaining, 850)
        XCTAssertEqual(p.monthlyPaceNeeded, 95, "850 over 9 months, rounded up")
    }

    func testNoBaseNoTargetAndTheYearsEnd() {
        let p = ClusterProgress(year: 2025, throughMonth: 12, monthly: months(2025, Array(repeating: 10, count: 12)), annualTarget: 100)
        XCTAssertNil(p.previousYearToDate)
        XCTAssertNil(p.growth)
        XCTAssertNil(p.monthlyPaceNeeded, "no month left")
        XCTAssertEqual(p.remaining, 0, "over the target leaves nothing, not a negative")
        let noTarget = ClusterProgress(year: 2025, throughMonth: 6, monthly: [:], annualTarget: nil)
        XCTAssertNil(noTarget.progress)
        XCTAssertNil(noTarget.pace)
        XCTAssertEqual(noTarget.yearToDate, 0)
    }

    func testPaceGradesAgainstTheShareOfTheYear() {
        XCTAssertEqual(ClusterPace(progress: 0.5, timeShare: 0.5), .onPace)
        XCTAssertEqual(ClusterPace(progress: 0.46, timeShare: 0.5), .slightlyBehind)
        XCTAssertEqual(ClusterPace(progress: 0.45, timeShare: 0.5), .slightlyBehind, "exactly five points behind is still amber")
        XCTAssertEqual(ClusterPace(progress: 0.449, timeShare: 0.5), .behind)
    }

    func testScaleTiersFollowSeed001() {
        XCTAssertNil(ClusterScaleTier.of(999_999))
        XCTAssertEqual(ClusterScaleTier.of(1_000_000), .hundredBillion)
        XCTAssertEqual(ClusterScaleTier.of(9_999_999), .fiveHundredBillion)
        XCTAssertEqual(ClusterScaleTier.of(10_000_000)?.nameZh, "千亿级")
        XCTAssertEqual(ClusterScaleTier.of(25_000_000)?.nameZh, "两千亿级")
        XCTAssertEqual(ClusterScaleTier.of(30_000_000)?.nameZh, "三千亿级")
        XCTAssertEqual(ClusterScaleTier.thousandBillion.code, "yi1000")
    }
}
