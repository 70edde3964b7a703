import GaoxinDomain
import XCTest

final class ChainLeaderScoringTests: XCTestCase {
    func facts(_ id: Int, revenue: Int64, previous: Int64, rd: Int64, patents: Int, qualifications: Int) -> LeaderFacts {
        LeaderFacts(enterpriseID: id, name: "企业\(id)", tier: nil, revenue: revenue, previousRevenue: previous, rdExpense: rd, patents: patents, qualifications: qualifications)
    }

    func testEachCriterionIsScaledAmongTheCandidatesAndWeighted() {
        let a = facts(1, revenue: 1_000, previous: 800, rd: 50, patents: 10, qualifications: 2)   // growth 0.25, rd 0.05
        let b = facts(2, revenue: 500, previous: 500, rd: 50, patents: 0, qualifications: 0)      // growth 0, rd 0.10
        let c = facts(3, revenue: 250, previous: 0, rd: 0, patents: 5, qualifications: 1)         // growth nil, rd 0
        let ranked = ChainLeaderScoring.rank([c, b, a], weights: .standard)
        XCTAssertEqual(ranked.map(\.facts.enterpriseID), [1, 2, 3])
        let top = ranked[0]
        XCTAssertEqual(top.parts["scale"], 100)
        XCTAssertEqual(top.parts["growth"], 100)
        XCTAssertEqual(top.parts["rdIntensity"]!, 50, accuracy: 1e-9)
        XCTAssertEqual(top.parts["patents"], 100)
        XCTAssertEqual(top.parts["qualifications"], 100)
        let expected: Double = (3_500 + 2_000 + 1_000 + 1_500 + 1_000) / 100
        XCTAssertEqual(top.score, expected, accuracy: 1e-9)
        let second = ranked[1]
        XCTAssertEqual(second.parts["scale"]!, 100.0 * 250 / 750, accuracy: 1e-9)
        XCTAssertEqual(second.parts["growth"], 0, "the lowest growth present scores 0")
        XCTAssertEqual(second.parts["rdIntensity"], 100)
        let third = ranked[2]
        XCTAssertEqual(third.parts["growth"], 0, "no previous year: no growth to credit")
        XCTAssertEqual(third.rank, 3)
    }

    func testWeightsChangeTheOrder() {
        let big = facts(1, revenue: 10_000, previous: 10_000, rd: 100, patents: 0, qualifications: 0)
        let innovative = facts(2, revenue: 1_000, previous: 500, rd: 200, patents: 30, qualifications: 3)
        XCTAssertEqual(ChainLeaderScoring.rank([big, innovative], weights: LeaderWeights(scale: 100, growth: 0, rdIntensity: 0, patents: 0, qualifications: 0)).first?.facts.enterpriseID, 1)
        XCTAssertEqual(ChainLeaderScoring.rank([big, innovative], weights: .standard).first?.facts.enterpriseID, 2)
    }

    func testEqualValuesAndBadWeights() {
        let same = [facts(1, revenue: 100, previous: 100, rd: 0, patents: 0, qualifications: 0), facts(2, revenue: 100, previous: 100, rd: 0, patents: 0, qualifications: 0)]
        let ranked = ChainLeaderScoring.rank(same, weights: .standard)
        XCTAssertEqual(ranked.map(\.facts.enterpriseID), [1, 2], "ties keep a stable order")
        XCTAssertEqual(ranked[0].parts["scale"], 100, "equal positive values all score full marks")
        XCTAssertEqual(ranked[0].parts["patents"], 0, "equal zeros score nothing")
        XCTAssertTrue(ChainLeaderScoring.rank([], weights: .standard).isEmpty)
        XCTAssertEqual(LeaderWeights(scale: 0, growth: 0, rdIntensity: 0, patents: 0, qualifications: 0).problems.map(\.1), ["至少一项权重大于 0"])
        XCTAssertEqual(LeaderWeights(scale: 120, growth: -1, rdIntensity: 0, patents: 0, qualifications: 0).problems.map(\.0), [.scale, .growth])
        XCTAssertTrue(LeaderWeights.standard.problems.isEmpty)
    }
}
