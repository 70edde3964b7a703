/// How far a cluster is in its year (SPEC §2.2; seed 001 reports "1-8月 … 规上营收" the same way):
/// revenue of months 1–N against the same months of the year before and against the annual
/// target, and the pace the remaining months need. Money in 万元.
public struct ClusterProgress: Sendable, Equatable {
    public let year: Int
    /// N of "1–N月": the last month counted.
    public let throughMonth: Int
    public let yearToDate: Int64
    /// The same months a year earlier; nil when none of them was reported.
    public let previousYearToDate: Int64?
    public let annualTarget: Int64?

    public init(year: Int, throughMonth: Int, monthly: [Period: Int64], annualTarget: Int64?) {
        self.year = year
        self.throughMonth = throughMonth
        self.annualTarget = annualTarget
        let months = (1...throughMonth).compactMap { Period(year: year, month: $0) }
        yearToDate = months.reduce(0) { $0 + (monthly[$1] ?? 0) }
        let earlier = months.compactMap { monthly[$0.previousYear] }
        previousYearToDate = earlier.isEmpty ? nil : earlier.reduce(0, +)
    }

    /// Year-on-year growth of 1–N月 (0.082 is 8.2 %); nil without a base.
    public var growth: Double? {
        guard let base = previousYearToDate, base > 0 else { return nil }
        return Double(yearToDate - base) / Double(base)
    }

    /// Share of the annual target done.
    public var progress: Double? {
        guard let target = annualTarget, target > 0 else { return nil }
        return Double(yearToDate) / Double(target)
    }

    /// 时序进度: the share of the year gone (N/12), what progress is measured against.
    public var timeShare: Double { Double(throughMonth) / 12 }

    /// What is left of the target.
    public var remaining: Int64? { annualTarget.map { max($0 - yearToDate, 0) } }

    /// Revenue each remaining month needs to reach the target; nil when the year is over or no target.
    public var monthlyPaceNeeded: Int64? {
        guard let remaining, throughMonth < 12 else { return nil }
        let months = Int64(12 - throughMonth)
        return (remaining + months - 1) / months
    }

    /// The pace as the office grades it against 时序进度.
    public var pace: ClusterPace? {
        guard let progress else { return nil }
        return ClusterPace(progress: progress, timeShare: timeShare)
    }
}

/// 时序进度 grading: done share at least the share of the year gone is on pace; up to five
/// percentage points behind is amber; more is red.
public enum ClusterPace: String, Sendable, Equatable, CaseIterable {
    case onPace = "on_pace"
    case slightlyBehind = "slightly_behind"
    case behind

    /// Percentage points of tolerance before amber turns red.
    public static let amberPoints = 0.05

    public init(progress: Double, timeShare: Double) {
        if progress >= timeShare { self = .onPace } else if progress >= timeShare - Self.amberPoints { self = .slightlyBehind } else { self = .behind }
    }

    public var nameZh: String {
        switch self {
        case .onPace: return "达到时序进度"
        case .slightlyBehind: return "略低于时序进度"
        case .behind: return "明显滞后"
        }
    }

    public var nameEn: String {
        switch self {
        case .onPace: return "On pace"
        case .slightlyBehind: return "Slightly behind"
        case .behind: return "Behind"
        }
    }

    public static let ruleZh = "完成进度 ≥ 时序进度（已过月数 ÷ 12）为正常；落后不超过 5 个百分点为黄色；落后超过 5 个百分点为红色"
    public static let ruleEn = "Share of target done ≥ share of the year gone (months ÷ 12) is on pace; up to 5 points behind is amber; more is red"
}

/// Scale tier of a cluster's annual above-scale revenue (seed 001: clusters "超千亿", "超2000亿",
/// "超3000亿"). Thresholds in 万元.
public enum ClusterScaleTier: Int64, Sendable, CaseIterable, Comparable {
    case hundredBillion = 1_000_000
    case fiveHundredBillion = 5_000_000
    case thousandBillion = 10_000_000
    case twoThousandBillion = 20_000_000
    case threeThousandBillion = 30_000_000

    /// The highest tier `revenue` (万元) reaches, or nil below 100 亿元.
    public static func of(_ revenue: Int64) -> ClusterScaleTier? {
        allCases.last { revenue >= $0.rawValue }
    }

    public var nameZh: String {
        switch self {
        case .hundredBillion: return "百亿级"
        case .fiveHundredBillion: return "五百亿级"
        case .thousandBillion: return "千亿级"
        case .twoThousandBillion: return "两千亿级"
        case .threeThousandBillion: return "三千亿级"
        }
    }

    public var nameEn: String {
        switch self {
        case .hundredBillion: return "10 bn yuan"
        case .fiveHundredBillion: return "50 bn yuan"
        case .thousandBillion: return "100 bn yuan"
        case .twoThousandBillion: return "200 bn yuan"
        case .threeThousandBillion: return "300 bn yuan"
        }
    }

    /// Stable code for the API: the threshold in 亿元 (`yi1000` is 千亿级).
    public var code: String { "yi\(rawValue / 10_000)" }

    public static func < (lhs: ClusterScaleTier, rhs: ClusterScaleTier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a cluster's figures come from (SPEC §2.3): summed from its enterprises' monthly figures,
/// or entered as the statistics bureau reports them.
public enum ClusterFiguresSource: String, Sendable, CaseIterable, Codable {
    case bottomUp = "bottom_up"
    case topDown = "top_down"

    public var nameZh: String { self == .bottomUp ? "企业汇总（自下而上）" : "统计部门口径（自上而下填报）" }
    public var nameEn: String { self == .bottomUp ? "Summed from enterprises (bottom-up)" : "As the statistics bureau reports (top-down)" }
}
