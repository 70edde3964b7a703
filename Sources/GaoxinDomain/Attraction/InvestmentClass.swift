/// Seed 002's target classes for new projects by total investment, counted cumulatively: a
/// project of 120 亿元 counts as 超100亿, 超50亿, 超10亿 and 超亿元 alike.
public enum InvestmentClass: String, CaseIterable, Sendable {
    case over100Yi, over50Yi, over10Yi, over1Yi

    /// The lower bound in 万元 (inclusive): 1,000,000 万元 is 100 亿元.
    public var thresholdWan: Int64 {
        switch self {
        case .over100Yi: return 1_000_000
        case .over50Yi: return 500_000
        case .over10Yi: return 100_000
        case .over1Yi: return 10_000
        }
    }

    public var zh: String {
        switch self {
        case .over100Yi: return "超100亿元项目"
        case .over50Yi: return "超50亿元项目"
        case .over10Yi: return "超10亿元项目"
        case .over1Yi: return "超亿元项目"
        }
    }

    public var en: String {
        switch self {
        case .over100Yi: return "Projects ≥ 10bn yuan"
        case .over50Yi: return "Projects ≥ 5bn yuan"
        case .over10Yi: return "Projects ≥ 1bn yuan"
        case .over1Yi: return "Projects ≥ 100m yuan"
        }
    }

    /// Every class a project of `investmentWan` counts in.
    public static func classes(of investmentWan: Int64) -> [InvestmentClass] {
        allCases.filter { investmentWan >= $0.thresholdWan }
    }
}

/// How far a unit is along its yearly target, against the pace the year so far asks for: green at
/// or above pace, yellow from 80 % of pace, red below — the rule the warning page states.
public enum TargetPace: String, Sendable {
    case green, yellow, red

    /// `elapsed` is the fraction of the year gone (0…1). A target of zero is always green.
    public static func of(actual: Int64, target: Int64, elapsed: Double) -> TargetPace {
        guard target > 0 else { return .green }
        let due = Double(target) * min(max(elapsed, 0), 1)
        if Double(actual) >= due { return .green }
        return Double(actual) >= due * 0.8 ? .yellow : .red
    }
}
