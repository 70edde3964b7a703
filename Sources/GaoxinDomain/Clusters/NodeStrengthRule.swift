/// How strong a chain node is, derived — never typed in (SPEC §2.2): `missing` without a local
/// enterprise, `weak` below the chain's thresholds, `strong` otherwise.
public enum NodeStrength: String, CaseIterable, Codable, Sendable {
    case missing, weak, strong

    public var nameZh: String {
        switch self {
        case .missing: return "缺失"
        case .weak: return "薄弱"
        case .strong: return "较强"
        }
    }

    public var nameEn: String { rawValue }

    /// What the programme does about it: 补链 a gap, 强链 a weak node.
    public var actionZh: String {
        switch self {
        case .missing: return "补链"
        case .weak: return "强链"
        case .strong: return "—"
        }
    }
}

/// The thresholds a chain sets for its nodes.
public struct NodeStrengthRule: Equatable, Sendable {
    /// Fewer local enterprises than this is weak.
    public var minEnterprises: Int
    /// Less revenue (万元, the last twelve months) than this is weak.
    public var minRevenue: Int64
    /// Weak when no attached enterprise is 骨干 or above.
    public var requireBackbone: Bool

    public init(minEnterprises: Int, minRevenue: Int64, requireBackbone: Bool) {
        self.minEnterprises = minEnterprises
        self.minRevenue = minRevenue
        self.requireBackbone = requireBackbone
    }

    /// The node's local facts.
    public struct Facts: Equatable, Sendable {
        public var enterprises: Int
        public var revenue: Int64
        public var bestTier: EnterpriseTier?

        public init(enterprises: Int, revenue: Int64, bestTier: EnterpriseTier?) {
            self.enterprises = enterprises
            self.revenue = revenue
            self.bestTier = bestTier
        }
    }

    /// The strength and, for a missing or weak node, every threshold it misses (in both
    /// languages), so the page can show the rule beside the colour.
    public func assess(_ facts: Facts) -> (strength: NodeStrength, reasons: [NodeStrengthReason]) {
        guard facts.enterprises > 0 else { return (.missing, [.noLocalEnterprise]) }
        var reasons: [NodeStrengthReason] = []
        if facts.enterprises < minEnterprises { reasons.append(.fewEnterprises(count: facts.enterprises, minimum: minEnterprises)) }
        if facts.revenue < minRevenue { reasons.append(.lowRevenue(revenue: facts.revenue, minimum: minRevenue)) }
        if requireBackbone, (facts.bestTier?.rank ?? -1) < EnterpriseTier.backbone.rank { reasons.append(.noBackbone) }
        return (reasons.isEmpty ? .strong : .weak, reasons)
    }

    /// The rule in words, shown beside every strength.
    public var descriptionZh: String {
        var weak = ["本地企业少于 \(minEnterprises) 家"]
        if minRevenue > 0 { weak.append("近 12 个月营收低于 \(Wan(minRevenue).yiText) 亿元") }
        if requireBackbone { weak.append("无骨干及以上企业") }
        return "无本地企业为缺失；有以下任一情形为薄弱：" + weak.joined(separator: "、") + "；否则为较强"
    }

    public var descriptionEn: String {
        var weak = ["fewer than \(minEnterprises) local enterprises"]
        if minRevenue > 0 { weak.append("revenue over the last 12 months below \(Wan(minRevenue).yiText) (100m yuan)") }
        if requireBackbone { weak.append("no backbone or higher enterprise") }
        return "missing without local enterprises; weak with any of: " + weak.joined(separator: ", ") + "; otherwise strong"
    }
}
