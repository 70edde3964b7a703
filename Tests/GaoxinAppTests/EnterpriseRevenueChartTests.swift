import Foundation
@testable import GaoxinApp
import GaoxinDomain
import XCTest

/// The enterprise page's 36-month revenue chart (issue 12 item 6): the window ends with the
/// latest reported month, a month not reported is a gap, and the last twelve months are set
/// against the twelve before only when those are all reported.
final class EnterpriseRevenueChartTests: XCTestCase {
    func row(_ period: String, _ revenue: Int64?) -> IndicatorDTO {
        let indicator = EnterpriseIndicator()
        indicator.enterpriseID = 1
        indicator.period = period
        indicator.revenue = revenue
        return IndicatorDTO(indicator)
    }

    func testTheWindowEndsWithTheLatestReportAndGrowthNeedsAFullYearBefore() {
        var rows: [IndicatorDTO] = []
        for year in 2024...2025 { for month in 1...12 { rows.append(row(String(format: "%04d-%02d", year, month), year == 2024 ? 100 : 110)) } }
        rows.append(row("2026-01", nil))  // reported without a revenue: not the window's end
        let series = EnterpriseRevenueChart.series(rows)
        XCTAssertEqual(series.count, 36)
        XCTAssertEqual(series.last?.period.description, "2025-12")
        XCTAssertEqual(series.first?.period.description, "2023-01")
        XCTAssertNil(series.first?.revenue, "2023 not reported: gaps, not zeros")
        let (sum, growth) = EnterpriseRevenueChart.lastTwelve(series)
        XCTAssertEqual(sum, 1320)
        XCTAssertEqual(try XCTUnwrap(growth), 0.1, accuracy: 1e-12)
        let partial = EnterpriseRevenueChart.series(Array(rows.dropFirst(3)))
        XCTAssertNil(EnterpriseRevenueChart.lastTwelve(partial).growth, "three months of the year before missing")
        XCTAssertTrue(EnterpriseRevenueChart.series([]).isEmpty)
    }

    func testTheEnterprisePageDrawsIt() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("走势图企业", code: USCC.numbered(9901), unit: fixtures.team)
            for (period, revenue) in [("2024-03", 800), ("2025-03", 1000)] {
                let put = try await api.send(.PUT, "/api/v1/enterprises/\(id)/indicators/\(period)", body: ["revenue": revenue])
                XCTAssertEqual(put.status, .ok, put.text)
            }
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(Site.enterprise(id))
            XCTAssertTrue(page.text.contains("营业收入走势（近 36 个月）"))
            XCTAssertTrue(page.text.contains("<svg") && page.text.contains("rc-bar"), "bars drawn")
            XCTAssertTrue(page.text.contains("2025-03：0.10 亿元，同比 +25.0%"), "each bar says its month, amount and growth")
        }
    }
}
