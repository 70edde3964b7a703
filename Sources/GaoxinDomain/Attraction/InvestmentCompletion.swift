/// A project's investment in one year: the plan and the twelve months' completed amounts (万元;
/// nil = not reported yet). 年度投资完成率 = completed ÷ plan.
public struct InvestmentCompletion: Equatable, Sendable {
    public let planned: Int64
    public let completed: Int64
    /// The last month reported (1…12), nil before January's report.
    public let reportedThrough: Int?

    public init(planned: Int64, months: [Int64?]) {
        self.planned = planned
        // Saturating: callers bound amounts (`Wan.registerMaximum`), but a sum must never trap.
        completed = months.compactMap { $0 }.reduce(0) { total, month in
            let (sum, overflow) = total.addingReportingOverflow(month)
            return overflow ? Int64.max : sum
        }
        reportedThrough = months.lastIndex { $0 != nil }.map { $0 + 1 }
    }

    /// Whole per cent, rounded half up; nil without a plan.
    public var percent: Int64? {
        guard planned > 0 else { return nil }
        let (doubled, overflow) = completed.multipliedReportingOverflow(by: 200)
        guard !overflow, planned <= Int64.max / 2, doubled <= Int64.max - planned else {
            return Int64(min((Double(completed) / Double(planned) * 100).rounded(), Double(Int64.max / 2)))
        }
        return (doubled + planned) / (planned * 2)
    }

    /// The first empty month before a reported one, as an index (0 = January).
    public static func firstGap(_ months: [Int64?]) -> Int? {
        guard let last = months.lastIndex(where: { $0 != nil }) else { return nil }
        return months[..<last].firstIndex { $0 == nil }
    }

    /// Months of `year` that should be reported by `today` (`YYYY-MM-DD`): a month is reported once
    /// it has ended, so in March two; a past year all twelve; a future year none.
    public static func monthsDue(year: Int, today: String) -> Int {
        guard let day = CalendarDay(today) else { return 0 }
        if day.year > year { return 12 }
        if day.year < year { return 0 }
        return day.month - 1
    }

    /// The pace of completion against the plan's share for the months due (`TargetPace`: below 80 %
    /// of that share red, below it yellow).
    public func pace(monthsDue: Int) -> TargetPace {
        TargetPace.of(actual: completed, target: planned, elapsed: Double(monthsDue) / 12)
    }
}
