import Foundation
@testable import GaoxinApp
import GaoxinDomain
import XCTVapor
import XCTest

/// 预警 (issue 13 item 7): each kind red, yellow and green by the rule beside it — a unit behind the
/// pace its target needs, green counted for what the rules find nothing against, and the stale-lead
/// days an operator sets.
final class EarlyWarningTests: XCTestCase {
    func kind(_ warnings: [String: Any], _ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap((warnings["kinds"] as? [[String: Any]])?.first { $0["key"] as? String == key }, key, file: file, line: line)
    }

    func testAUnitBehindItsTargetsPaceIsRedBesideOneOnPaceAndGreenIsCounted() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let targets = RegisterDeclaration.attractionTargets
            let year = CalendarDay(DisplayFormat.day(app.clock.now()))!.year
            for (code, unit, goal) in [("MB-BEHIND", fixtures.team, 1_000_000), ("MB-AHEAD", fixtures.otherTeam, 10_000)] as [(String, Int, Int64)] {
                _ = try AttractionRequests.created(try await office.send(.POST, targets.apiPath, body: [
                    "code": code, "title": "\(year)年目标\(code)", "owningUnitId": unit, "year": year, "signedInvestment": goal]))
            }
            // The team signed 1 亿元 of its 100 亿元; the other team 10 亿元 of its 1 亿元.
            let signedOn = "\(year)-01-15"
            _ = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-W1", unit: fixtures.team, investment: 10_000, signedOn: signedOn,
                                                                                    extra: ["plannedRegisteredOn": "\(year + 1)-06-30"]))
            _ = try AttractionRequests.created(try await AttractionRequests.project(office, "XM-W2", unit: fixtures.otherTeam, investment: 100_000, signedOn: signedOn,
                                                                                    extra: ["plannedRegisteredOn": "\(year)-02-01"]))
            let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
            let pace = try kind(warnings, "targetPace")
            XCTAssertEqual(pace["red"] as? Int, 1)
            XCTAssertEqual(pace["green"] as? Int, 1, "the other team is on pace")
            XCTAssertEqual((pace["items"] as? [[String: Any]])?.map { $0["name"] as? String }, ["集成电路招商团队"])
            XCTAssertTrue((pace["rule"] as? String)?.contains("低于应完成量的 80% 为红") ?? false)
            XCTAssertTrue((pace["rule"] as? String)?.hasSuffix("其余为绿") ?? false)
            let late = try kind(warnings, "lateProjects")
            XCTAssertEqual([late["red"] as? Int, late["yellow"] as? Int, late["green"] as? Int], [1, 0, 1], "XM-W2 passed its planned day; XM-W1 is on plan")
            let page = try await Browser.signedIn(app, as: .leader).get("/warnings")
            XCTAssertTrue(page.text.contains("目标进度落后的单位") && page.text.contains("绿 1"), "green beside red and yellow on the page")
        }
    }

    func testTheStaleLeadDaysAreTheOperators() async throws {
        for (days, expected) in [(30, [0, 0, 1]), (7, [0, 1, 0]), (4, [1, 0, 0])] {
            try await withApp(configure: { $0.staleLeadDays = days }) { app, fixtures in
                let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
                let lead = try AttractionRequests.created(try await AttractionRequests.lead(office, "XS-S1", "久未跟进科技有限公司",
                                                                                            source: try await AttractionRequests.source(office), unit: fixtures.team))
                let tenDaysAgo = EarlyWarnings.shift(DisplayFormat.day(app.clock.now()), days: -10)
                _ = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.leadActivities.apiPath, body: [
                    "leadId": lead, "occurredOn": tenDaysAgo, "kind": "call", "subject": "电话回访", "people": "李组长"]))
                let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
                let stale = try kind(warnings, "staleLeads")
                XCTAssertEqual([stale["red"] as? Int, stale["yellow"] as? Int, stale["green"] as? Int], expected, "\(days) days")
                XCTAssertTrue((stale["rule"] as? String)?.contains("超过 \(days) 天无跟进记录为黄，超过 \(2 * days) 天为红") ?? false, "\(stale)")
            }
        }
    }
}
