/// 特色产业园区认定 and 动态管理 (seed 001): a park's yearly statistics against a standard's
/// criteria. Each criterion reads one statistic and has a threshold and a weight: met, it earns its
/// weight; short of it, the share it reached (a park at 80% of the revenue threshold earns 80% of
/// that weight). A criterion marked 必备 must be met whatever the score. The score is earned over
/// the weights, 0–100; the park passes at the standard's pass mark with every 必备 criterion met.
public enum ParkRecognition {
    public struct Criterion: Sendable, Equatable {
        public let name: String
        /// The statistic's key (`revenue`) and its label with unit, for the reasons.
        public let statistic: String
        public let statisticZh: String
        public let threshold: Double
        public let weight: Int
        public let required: Bool

        public init(name: String, statistic: String, statisticZh: String, threshold: Double, weight: Int, required: Bool) {
            self.name = name
            self.statistic = statistic
            self.statisticZh = statisticZh
            self.threshold = threshold
            self.weight = weight
            self.required = required
        }
    }

    public struct Contribution: Sendable, Equatable, Codable {
        public let name: String
        public let statistic: String
        public let value: Double?
        public let threshold: Double
        public let weight: Int
        public let required: Bool
        public let met: Bool
        /// Points earned of `weight`, one decimal.
        public let earned: Double
    }

    public struct Result: Sendable, Equatable, Codable {
        public let score: Double
        public let passMark: Double
        public let passed: Bool
        /// The 必备 criteria not met (a park can score above the mark and still fail on one).
        public let failedRequired: [String]
        public let contributions: [Contribution]
    }

    public static func evaluate(_ criteria: [Criterion], statistics: [String: Double], passMark: Double) -> Result {
        var contributions: [Contribution] = []
        for criterion in criteria {
            let value = statistics[criterion.statistic]
            let met = value.map { $0 >= criterion.threshold } ?? false
            let share: Double
            if let value, criterion.threshold > 0 { share = max(0, min(1, value / criterion.threshold)) } else { share = met ? 1 : 0 }
            contributions.append(Contribution(name: criterion.name, statistic: criterion.statistic, value: value, threshold: criterion.threshold,
                                              weight: criterion.weight, required: criterion.required, met: met,
                                              earned: (Double(criterion.weight) * share * 10).rounded() / 10))
        }
        let weights = criteria.reduce(0) { $0 + $1.weight }
        let earned = contributions.reduce(0.0) { $0 + $1.earned }
        let score = weights == 0 ? 0 : (earned / Double(weights) * 1000).rounded() / 10
        let failedRequired = contributions.filter { $0.required && !$0.met }.map(\.name)
        return Result(score: score, passMark: passMark, passed: score >= passMark && failedRequired.isEmpty && !criteria.isEmpty,
                      failedRequired: failedRequired, contributions: contributions)
    }
}
