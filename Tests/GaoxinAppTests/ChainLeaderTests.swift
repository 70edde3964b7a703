import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Chain-leader selection through the public surface: the ranking from the register's figures,
/// the chain's weights, and the recorded decision that sets a tier.
final class ChainLeaderTests: XCTestCase {
    struct Setup { var chain: Int; var node: Int; var big: Int; var innovative: Int; var small: Int; var outsider: Int }

    /// Three enterprises on the chain (figures for 2025-09…2026-08 and the year before) and one off it.
    func setUp(_ app: Application, _ fixtures: Fixtures, lead: Int) async throws -> Setup {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let cluster = try parseJSONObject(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(lead)}"))
        let chain = try parseJSONObject(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"集成电路产业链"}"#))
        let chainID = try XCTUnwrap(chain["id"] as? Int)
        let node = try parseJSONObject(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"晶圆制造","industryCodes":["3973"]}"#))
        let nodeID = try XCTUnwrap(node["id"] as? Int)
        func enterprise(_ n: Int, _ name: String, revenue: Int64, previous: Int64, rd: Int64, patents: Int, attach: Bool = true) async throws -> Int {
            let id = try await api.createEnterprise(name, code: USCC.numbered(800 + n), industry: "3973", unit: fixtures.zone)
            for month in 1...12 {
                let period = Period(year: month >= 9 ? 2025 : 2026, month: month)!.description
                let earlier = Period(year: month >= 9 ? 2024 : 2025, month: month)!.description
                let now = try await api.send(.PUT, Site.API.enterpriseIndicator(id, period), json: "{\"revenue\":\(revenue / 12),\"rdExpense\":\(rd / 12),\"inventionPatents\":\(month == 1 ? patents : 0)}")
                XCTAssertEqual(now.status, .ok, now.text)
                if previous > 0 {
                    _ = try await api.send(.PUT, Site.API.enterpriseIndicator(id, earlier), json: "{\"revenue\":\(previous / 12)}")
                }
            }
            if attach {
                let attached = try await api.send(.PUT, Site.API.chainNodeEnterprise(nodeID, id))
                XCTAssertEqual(attached.status, .noContent)
            }
            return id
        }
        let big = try await enterprise(1, "规模龙头", revenue: 1_200_000, previous: 1_200_000, rd: 12_000, patents: 2)
        let innovative = try await enterprise(2, "创新新锐", revenue: 120_000, previous: 60_000, rd: 24_000, patents: 40)
        let small = try await enterprise(3, "小型配套", revenue: 12_000, previous: 0, rd: 0, patents: 0)
        let outsider = try await enterprise(4, "链外企业", revenue: 2_400_000, previous: 1_200_000, rd: 1_200, patents: 1, attach: false)
        _ = try await api.send(.POST, Site.API.enterpriseQualifications(innovative), json: #"{"kind":"highTech","grantedOn":"2025-01-01"}"#)
        _ = try await api.send(.POST, Site.API.enterpriseQualifications(innovative), json: #"{"kind":"littleGiant","grantedOn":"2025-06-01"}"#)
        return Setup(chain: chainID, node: nodeID, big: big, innovative: innovative, small: small, outsider: outsider)
    }

    func testCandidatesAreRankedFromTheRegistersFigures() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures, lead: fixtures.zone)
            let api = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let body = try parseJSONObject(try await api.send(.GET, Site.API.chainLeaderCandidates(s.chain)))
            XCTAssertEqual(body["revenueFrom"] as? String, "2025-09")
            XCTAssertEqual(body["revenueTo"] as? String, "2026-08")
            let items = try XCTUnwrap(body["items"] as? [[String: Any]])
            XCTAssertEqual(items.map { $0["enterpriseId"] as? Int }, [s.innovative, s.big, s.small], "the chain's enterprises only, best first")
            let innovative = items[0]
            XCTAssertEqual(innovative["revenue"] as? Int, 120_000)
            XCTAssertEqual(innovative["previousRevenue"] as? Int, 60_000)
            XCTAssertEqual(try XCTUnwrap(innovative["growth"] as? Double), 1.0, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(innovative["rdIntensity"] as? Double), 0.2, accuracy: 1e-9)
            XCTAssertEqual(innovative["patents"] as? Int, 40)
            XCTAssertEqual(innovative["qualifications"] as? Int, 2)
            XCTAssertNil(items[2]["growth"] as? Double, "no previous year: growth is null, not 0")
            let parts = try XCTUnwrap(items[1]["parts"] as? [String: Double])
            XCTAssertEqual(parts["scale"], 100)

            let browser = try await Browser.signedIn(app, as: .leader)
            let page = try await browser.get(Site.chainLeaders(s.chain))
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("创新新锐"))
            XCTAssertFalse(page.text.contains("链外企业"))
            XCTAssertFalse(page.text.contains("记录遴选决定"), "a leader reads, does not decide")
        }
    }

    func testADecisionSetsTheTierAndIsRecordedWithItsReason() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures, lead: fixtures.zone)
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.chainLeaders(s.chain))
            let noReason = try await browser.post(Site.chainLeaderDecisions(s.chain), [("enterpriseId", "\(s.big)"), ("tier", "chainLeader"), ("reason", " ")])
            XCTAssertEqual(noReason.status, .unprocessableEntity)
            XCTAssertTrue(noReason.text.contains("id=\"reason-error\""))
            XCTAssertTrue(noReason.text.contains("请填写决定理由"))
            let outsider = try await browser.post(Site.chainLeaderDecisions(s.chain), [("enterpriseId", "\(s.outsider)"), ("tier", "chainLeader"), ("reason", "规模最大")])
            XCTAssertTrue(outsider.text.contains("不是本产业链的候选企业"))
            let none = try await Stored.count(app, "chain_leader_decisions")
            XCTAssertEqual(none, 0)

            let decided = try await browser.post(Site.chainLeaderDecisions(s.chain), [("enterpriseId", "\(s.big)"), ("tier", "chainLeader"), ("reason", "营收规模居全链首位，带动上下游配套")])
            XCTAssertEqual(decided.status, .seeOther, decided.text)
            let enterprise = try await Probe.enterprise(app, s.big)
            XCTAssertEqual(enterprise.tier, EnterpriseTier.chainLeader.rawValue)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let list = try parseJSONObject(try await api.send(.GET, Site.API.chainLeaderDecisions(s.chain)))
            let first = try XCTUnwrap((list["items"] as? [[String: Any]])?.first)
            XCTAssertEqual(first["tier"] as? String, "chainLeader")
            XCTAssertNil(first["previousTier"] as? String)
            XCTAssertEqual(first["reason"] as? String, "营收规模居全链首位，带动上下游配套")
            XCTAssertEqual(first["decidedByName"] as? String, "测试集群办")
            let stored = try await ChainLeaderDecision.query(on: app.db).first()
            XCTAssertTrue(stored?.scoreJSON?.contains("\"rank\":2") ?? false, "the ranking it was decided on is kept")
            let decisionAudit = try await Stored.audit(app, entity: "chain_leader_decision", action: "create")
            XCTAssertEqual(decisionAudit.count, 1)
            let tierAudit = try await Stored.audit(app, entity: "enterprise", action: "update", entityID: s.big)
            XCTAssertEqual(tierAudit.count, 1)
            XCTAssertTrue(tierAudit[0].afterJSON?.contains("chainLeader") ?? false)

            // Taking a tier away is a decision too.
            let removed = try await api.send(.POST, Site.API.chainLeaderDecisions(s.chain), json: "{\"enterpriseId\":\(s.big),\"tier\":\"\",\"reason\":\"年度复核未达标\"}")
            XCTAssertEqual(removed.status, .created, removed.text)
            XCTAssertEqual(try parseJSONObject(removed)["previousTier"] as? String, "chainLeader")
            let after = try await Probe.enterprise(app, s.big)
            XCTAssertNil(after.tier)
        }
    }

    func testWeightsAreTheChainsAndChangeTheRanking() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures, lead: fixtures.zone)
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.chainLeaders(s.chain))
            func form(_ values: [Int]) -> [(String, String)] {
                zip(LeaderWeights.Criterion.allCases, values).map { ("leaderWeights.\($0.rawValue)", "\($1)") }
            }
            let zeros = try await browser.post(Site.chainLeaderWeights(s.chain), form([0, 0, 0, 0, 0]))
            XCTAssertEqual(zeros.status, .unprocessableEntity)
            XCTAssertTrue(zeros.text.contains("至少一项权重大于 0"))
            var typed = form([100, 0, 0, 0, 0])
            typed[1].1 = "很多"
            let bad = try await browser.post(Site.chainLeaderWeights(s.chain), typed)
            XCTAssertTrue(bad.text.contains("id=\"leaderWeights.growth-error\""))
            let saved = try await browser.post(Site.chainLeaderWeights(s.chain), form([100, 0, 0, 0, 0]))
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let ranked = try parseJSONObject(try await api.send(.GET, Site.API.chainLeaderCandidates(s.chain)))
            XCTAssertEqual((ranked["items"] as? [[String: Any]])?.first?["enterpriseId"] as? Int, s.big, "scale alone puts the biggest first")
            let audit = try await Stored.audit(app, entity: "chain", action: "update")
            XCTAssertTrue(audit.last?.afterJSON?.contains("\"scale\":100") ?? false)
            let patched = try await api.send(.PATCH, Site.API.chain(s.chain), json: #"{"leaderWeights":{"scale":35,"growth":20,"rdIntensity":20,"patents":15,"qualifications":10}}"#)
            XCTAssertEqual(patched.status, .ok)
            let back = try parseJSONObject(try await api.send(.GET, Site.API.chainLeaderCandidates(s.chain)))
            XCTAssertEqual((back["items"] as? [[String: Any]])?.first?["enterpriseId"] as? Int, s.innovative)
        }
    }

    func testOnlyTheLeadDepartmentDecides() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures, lead: fixtures.otherTeam)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let refused = try await team.send(.POST, Site.API.chainLeaderDecisions(s.chain), json: "{\"enterpriseId\":\(s.big),\"tier\":\"backbone\",\"reason\":\"试\"}")
            XCTAssertEqual(refused.status, .forbidden)
            let read = try await team.send(.GET, Site.API.chainLeaderCandidates(s.chain))
            XCTAssertEqual(read.status, .ok)
        }
    }

    /// A tier is seen by every chain, so leading the cluster is not enough: a unit user decides
    /// only for enterprises its unit keeps (issue 9.2). Attaching another unit's enterprise to
    /// one's own chain stays allowed: it changes only the chain.
    func testAUnitDecidesOnlyForEnterprisesItKeeps() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures, lead: fixtures.team)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let decisionsBefore = try await Stored.count(app, "chain_leader_decisions")
            let refused = try await team.send(.POST, Site.API.chainLeaderDecisions(s.chain), json: "{\"enterpriseId\":\(s.big),\"tier\":\"chainLeader\",\"reason\":\"规模第一\"}")
            XCTAssertEqual(refused.status, .unprocessableEntity, refused.text)
            let error = try apiErrorObject(refused)
            XCTAssertEqual(error["field"] as? String, "enterpriseId")
            XCTAssertTrue((error["message"] as? String ?? "").contains("无锡高新区"), "names the keeping unit: \(error)")
            let untouched = try await Probe.enterprise(app, s.big)
            XCTAssertNil(untouched.tier, "the tier is unchanged")
            try await AssertAsync.equal(try await Stored.count(app, "chain_leader_decisions"), decisionsBefore)

            // Another unit's enterprise may still be attached to the team's own chain…
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let zoneKept = try await office.createEnterprise("高新区配套企业", code: USCC.numbered(870), industry: "3973", unit: fixtures.zone)
            try await AssertAsync.equal(try await team.send(.PUT, Site.API.chainNodeEnterprise(s.node, zoneKept)).status, .noContent)
            // …and the team decides for an enterprise it keeps.
            let own = try await office.createEnterprise("团队自有企业", code: USCC.numbered(871), industry: "3973", unit: fixtures.team)
            try await AssertAsync.equal(try await team.send(.PUT, Site.API.chainNodeEnterprise(s.node, own)).status, .noContent)
            let decided = try await team.send(.POST, Site.API.chainLeaderDecisions(s.chain), json: "{\"enterpriseId\":\(own),\"tier\":\"rising\",\"reason\":\"成长快\"}")
            XCTAssertEqual(decided.status, .created, decided.text)
            let risen = try await Probe.enterprise(app, own)
            XCTAssertEqual(risen.tier, "rising")

            // The page offers only the enterprises the team keeps, and says why.
            let browser = try await Browser.signedIn(app, as: .unit)
            let page = try await browser.get(Site.chainLeaders(s.chain))
            let form = HTMLProbe.section(page.text, from: "name=\"enterpriseId\"", to: "</select>")
            XCTAssertTrue(form.contains("团队自有企业"), form)
            XCTAssertFalse(form.contains("规模龙头"), form)
            XCTAssertTrue(page.text.contains("企业层级在所有产业链中通用"))
            let posted = try await browser.post(Site.chainLeaderDecisions(s.chain), [("enterpriseId", "\(s.big)"), ("tier", "chainLeader"), ("reason", "试")])
            XCTAssertEqual(posted.status, .unprocessableEntity)
            let stillUntouched = try await Probe.enterprise(app, s.big)
            XCTAssertNil(stillUntouched.tier)
        }
    }
}
