@testable import GaoxinApp
import GaoxinDomain
import XCTVapor
import XCTest

/// The enterprise list's filters that M0063 indexes, through the API on the current engine: one
/// industry code in name order both ways (off the industry-and-name index), a tier, the struck
/// off, and the same industry asked by its division and its section.
final class EnterpriseListFilterTests: XCTestCase {
    func testOneIndustryInNameOrderATierAndTheStruckOff() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            // Pinyin order: 安 an < 北 bei < 常 chang < 德 de.
            let chang = try await api.createEnterprise("常州特钢有限公司", code: USCC.numbered(7101), industry: "3311", unit: fixtures.team, tier: "backbone")
            let an = try await api.createEnterprise("安徽特钢有限公司", code: USCC.numbered(7102), industry: "3311", unit: fixtures.zone)
            _ = try await api.createEnterprise("北京特钢有限公司", code: USCC.numbered(7103), industry: "3311", unit: fixtures.otherTeam, tier: "chainLeader")
            _ = try await api.createEnterprise("德州纺织有限公司", code: USCC.numbered(7104), industry: "1711", unit: fixtures.team, tier: "backbone")
            func names(_ query: String) async throws -> [String] {
                let response = try await api.send(.GET, Site.API.enterprises + "?per=100&" + query)
                XCTAssertEqual(response.status, .ok, "\(query): \(response.text)")
                return (try api.object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            }
            let steel = ["安徽特钢有限公司", "北京特钢有限公司", "常州特钢有限公司"]
            try await AssertAsync.equal(try await names("industryCode=3311&sort=name"), steel)
            try await AssertAsync.equal(try await names("industryCode=3311&sort=-name"), steel.reversed())
            try await AssertAsync.equal(try await names("industryCode=C3311&sort=name"), steel, "with its section letter")
            try await AssertAsync.equal(try await names("industryCode=33&sort=name"), steel, "its division")
            try await AssertAsync.equal(try await names("industryCode=331&sort=-name"), steel.reversed(), "its group")
            try await AssertAsync.equal(try await names("industryCode=3312"), [])
            try await AssertAsync.equal(try await names("industryCode=C&sort=name"), steel + ["德州纺织有限公司"], "the whole section")
            try await AssertAsync.equal(try await names("tier=backbone&sort=name"), ["常州特钢有限公司", "德州纺织有限公司"])
            try await AssertAsync.equal(try await names("tier=chainLeader"), ["北京特钢有限公司"])
            try await AssertAsync.equal(try await names("tier=rising"), [])
            // By industry, one industry's enterprises by name (the industry-and-name index's order), not as registered.
            try await AssertAsync.equal(try await names("sort=industryCode"), ["德州纺织有限公司"] + steel)
            try await AssertAsync.equal(try await names("sort=-industryCode"), steel.reversed() + ["德州纺织有限公司"])

            let struckOffChang = try await api.send(.POST, "/api/v1/enterprises/\(chang)/deactivate")
            XCTAssertEqual(struckOffChang.status, .ok)
            let struckOffAn = try await api.send(.POST, "/api/v1/enterprises/\(an)/deactivate")
            XCTAssertEqual(struckOffAn.status, .ok)
            try await AssertAsync.equal(try await names("active=0&sort=name"), ["安徽特钢有限公司", "常州特钢有限公司"])
            try await AssertAsync.equal(try await names("active=0&sort=-name"), ["常州特钢有限公司", "安徽特钢有限公司"])
            try await AssertAsync.equal(try await names("active=0&industryCode=3311&tier=backbone"), ["常州特钢有限公司"])
            let activeSteel = try await names("active=1&industryCode=3311")
            XCTAssertEqual(activeSteel, ["北京特钢有限公司"])
        }
    }
}
