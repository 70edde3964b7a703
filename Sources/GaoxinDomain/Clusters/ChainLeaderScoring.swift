import Foundation

/// How much each criterion counts when ranking chain-leader candidates (链主遴选, SPEC §2.3).
/// Weights are whole percentages; they need not sum to 100 (the score divides by their sum).
public struct LeaderWeights: Codable, Equatable, Sendable {
    public var scale: Int
    public var growth: Int
    public var rdIntensity: Int
    public var patents: Int
    public var qualifications: Int

    public init(scale: Int, growth: Int, rdIntensity: Int, patents: Int, qualifications: Int) {
        self.scale = scale
        self.growth = growth
        self.rdIntensity = rdIntensity
        self.patents = patents
        self.qualifications = qualifications
    }

    public static let standard = LeaderWeights(scale: 35, growth: 20, rdIntensity: 20, patents: 15, qualifications: 10)

    public var total: Int { scale + growth + rdIntensity + patents + qualifications }

    public enum Criterion: String, CaseIterable, Sendable {
        case scale, growth, rdIntensity, patents, qualifications

        public var nameZh: String {
            switch self {
            case .scale: return "规模（近 12 个月营收）"
            case .growth: return "成长（营收同比增速）"
            case .rdIntensity: return "研发强度（研发费用 / 营收）"
            case .patents: return "发明专利（近 12 个月）"
            case .qualifications: return "有效资质数"
            }
        }

        /// The column heading of the criterion's part of the score.
        public var shortZh: String {
            switch self {
            case .scale: return "规模分"
            case .growth: return "成长分"
            case .rdIntensity: return "研发分"
            case .patents: return "专利分"
            case .qualifications: return "资质分"
            }
        }

        public var nameEn: String {
            switch self {
            case .scale: return "Scale (revenue, 12 months)"
            case .growth: return "Growth (revenue year on year)"
            case .rdIntensity: return "R&D intensity"
            case .patents: return "Invention patents (12 months)"
            case .qualifications: return "Qualifications held"
            }
        }
    }

    public func weight(_ criterion: Criterion) -> Int {
        switch criterion {
        case .scale: return scale
        case .growth: return growth
        case .rdIntensity: return rdIntensity
        case .patents: return patents
        case .qualifications: return qualifications
        }
    }

    /// Each weight 0…100 and at least one above 0.
    public var problems: [(Criterion, String)] {
        var found = Criterion.allCases.filter { !(0...100).contains(weight($0)) }.map { ($0, "权重应为 0 到 100 之间的整数") }
        if found.isEmpty, total == 0 { found.append((.scale, "至少一项权重大于 0")) }
        return found
    }
}

/// A candidate's figures over the last twelve reported months and the twelve before them.
public struct LeaderFacts: Equatable, Sendable {
    public var enterpriseID: Int
    public var name: String
    public var tier: EnterpriseTier?
    public var revenue: Int64
    public var previousRevenue: Int64
    public var rdExpense: Int64
    public var patents: Int
    public var qualifications: Int

    public init(enterpriseID: Int, name: String, tier: EnterpriseTier?, revenue: Int64, previousRevenue: Int64, rdExpense: Int64, patents: Int, qualifications: Int) {
        self.enterpriseID = enterpriseID
        self.name = name
        self.tier = tier
        self.revenue = revenue
        self.previousRevenue = previousRevenue
        self.rdExpense = rdExpense
        self.patents = patents
        self.qualifications = qualifications
    }

    /// Year-on-year growth; nil without a previous year to compare with.
    public var growth: Double? { previousRevenue > 0 ? Double(revenue - previousRevenue) / Double(previousRevenue) : nil }
    /// R&D expense over revenue; nil without revenue.
    public var rdIntensity: Double? { revenue > 0 ? Double(rdExpense) / Double(revenue) : nil }

    func raw(_ criterion: LeaderWeights.Criterion) -> Double? {
        switch criterion {
        case .scale: return Double(revenue)
        case .growth: return growth
        case .rdIntensity: return rdIntensity
        case .patents: return Double(patents)
        case .qualifications: return Double(qualifications)
        }
    }
}

public struct LeaderScore: Equatable, Sendable {
    public var rank: Int
    public var facts: LeaderFacts
    /// Each criterion scaled to 0…100 among the candidates (best = 100).
    public var parts: [String: Double]
    /// Weighted mean of the parts, 0…100.
    public var score: Double
}

/// Ranks a chain's candidates: each criterion is scaled min–max to 0…100 among them (a missing
/// value — no revenue, no previous year — scores 0 on that criterion), then weighted.
public enum ChainLeaderScoring {
    public static func rank(_ candidates: [LeaderFacts], weights: LeaderWeights) -> [LeaderScore] {
        let criteria = LeaderWeights.Criterion.allCases
        var parts: [[String: Double]] = Array(repeating: [:], count: candidates.count)
        for criterion in criteria {
            let values = candidates.map { $0.raw(criterion) }
            let present = values.compactMap { $0 }
            let low = present.min() ?? 0
            let high = present.max() ?? 0
            for (index, value) in values.enumerated() {
                let part: Double
                if let value {
                    part = high > low ? (value - low) / (high - low) * 100 : (high > 0 ? 100 : 0)
                } else {
                    part = 0
                }
                parts[index][criterion.rawValue] = part
            }
        }
        let total = Double(max(weights.total, 1))
        let scored = candidates.enumerated().map { index, facts in
            (facts, parts[index], criteria.reduce(0.0) { $0 + Double(weights.weight($1)) * parts[index][$1.rawValue]! } / total)
        }
        let ordered = scored.sorted { a, b in
            if a.2 != b.2 { return a.2 > b.2 }
            if a.0.revenue != b.0.revenue { return a.0.revenue > b.0.revenue }
            return a.0.enterpriseID < b.0.enterpriseID
        }
        return ordered.enumerated().map { LeaderScore(rank: $0.offset + 1, facts: $0.element.0, parts: $0.element.1, score: $0.element.2) }
    }
}
