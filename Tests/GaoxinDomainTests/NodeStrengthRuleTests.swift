import GaoxinDomain
import XCTest

final class NodeStrengthRuleTests: XCTestCase {
    let rule = NodeStrengthRule(minEnterprises: 2, minRevenue: 100_000, requireBackbone: true)

    func testNoLocalEnterpriseIsMissing() {
        let (strength, reasons) = rule.assess(.init(enterprises: 0, revenue: 0, bestTier: nil))
        XCTAssertEqual(strength, .missing)
        XCTAssertEqual(reasons.map(\.zh), ["无本地企业"])
        XCTAssertEqual(reasons.map(\.en), ["no local enterprise"])
        XCTAssertEqual(strength.actionZh, "补链")
    }

    func testEveryMissedThresholdIsAReason() {
        let (strength, reasons) = rule.assess(.init(enterprises: 1, revenue: 12_345, bestTier: .rising))
        XCTAssertEqual(strength, .weak)
        XCTAssertEqual(reasons.map(\.zh), ["本地企业 1 家，少于 2 家", "近 12 个月营收 1.23 亿元，低于 10.00 亿元", "无骨干及以上企业"])
        XCTAssertEqual(reasons.map(\.en), ["1 local enterprise, fewer than 2", "revenue over the last 12 months 1.23 (100m yuan), below 10.00",
                                           "no backbone or higher enterprise"])
    }

    func testBackboneOrAboveSatisfiesTheTierRule() {
        for tier in [EnterpriseTier.backbone, .candidate, .chainLeader] {
            XCTAssertEqual(rule.assess(.init(enterprises: 2, revenue: 100_000, bestTier: tier)).strength, .strong, "\(tier)")
        }
        XCTAssertEqual(rule.assess(.init(enterprises: 2, revenue: 100_000, bestTier: .rising)).strength, .weak)
        let lenient = NodeStrengthRule(minEnterprises: 2, minRevenue: 100_000, requireBackbone: false)
        XCTAssertEqual(lenient.assess(.init(enterprises: 2, revenue: 100_000, bestTier: nil)).strength, .strong)
    }

    func testTheRuleIsDescribedInWords() {
        XCTAssertEqual(rule.descriptionZh, "无本地企业为缺失；有以下任一情形为薄弱：本地企业少于 2 家、近 12 个月营收低于 10.00 亿元、无骨干及以上企业；否则为较强")
        let plain = NodeStrengthRule(minEnterprises: 3, minRevenue: 0, requireBackbone: false)
        XCTAssertEqual(plain.descriptionZh, "无本地企业为缺失；有以下任一情形为薄弱：本地企业少于 3 家；否则为较强")
        XCTAssertEqual(rule.descriptionEn, "missing without local enterprises; weak with any of: fewer than 2 local enterprises, "
                       + "revenue over the last 12 months below 10.00 (100m yuan), no backbone or higher enterprise; otherwise strong")
    }

    func testClusterCategoriesReadTheirChineseNames() {
        XCTAssertEqual(ClusterCategory(codeOrName: "emerging"), .emerging)
        XCTAssertEqual(ClusterCategory(codeOrName: "战略性新兴产业"), .emerging)
        XCTAssertEqual(ClusterCategory(codeOrName: "未来产业（培育）"), .future)
        XCTAssertNil(ClusterCategory(codeOrName: "传统产业"))
    }
}
