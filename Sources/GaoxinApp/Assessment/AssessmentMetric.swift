import GaoxinDomain

/// What a 考核 formula may name (`AssessmentFormula`): per assessed unit — a unit with a target
/// list for the year — over its subtree, as of a day (the year's end once it is over).
enum AssessmentMetric: String, CaseIterable, Sendable {
    case signedProjects = "签约项目数"
    case signedInvestment = "签约总投资"
    case targetSignedInvestment = "目标签约总投资"
    case over10Yi = "超10亿元项目数"
    case targetOver10Yi = "目标超10亿元项目数"
    case over1Yi = "超亿元项目数"
    case targetOver1Yi = "目标超亿元项目数"
    case talents = "引进人才数"
    case targetTalents = "目标引进人才数"
    case targetCompletion = "目标综合完成率"
    case plannedInvestment = "年度计划投资"
    case completedInvestment = "年度完成投资"
    case investmentRate = "投资完成率"
    case lateProjects = "滞后项目数"
    case overdueObstacles = "逾期问题数"

    static let names: Set<String> = Set(allCases.map(\.rawValue))

    var measure: String {
        switch self {
        case .signedInvestment, .targetSignedInvestment, .plannedInvestment, .completedInvestment: return "万元"
        case .talents, .targetTalents: return "人"
        case .targetCompletion, .investmentRate: return "比例（0–1）"
        default: return "个"
        }
    }

    var explanation: String {
        switch self {
        case .signedProjects: return "本年签约的项目数（按签约日期，含下级单位）"
        case .signedInvestment: return "本年签约项目的总投资"
        case .targetSignedInvestment: return "目标指引清单的签约总投资目标"
        case .over10Yi: return "本年签约、总投资 10 亿元及以上的项目数"
        case .targetOver10Yi: return "目标指引清单的超 10 亿元项目目标"
        case .over1Yi: return "本年签约、总投资 1 亿元及以上的项目数"
        case .targetOver1Yi: return "目标指引清单的超亿元项目目标"
        case .talents: return "本年引进的人才数（人才登记）"
        case .targetTalents: return "目标指引清单的引进人才目标"
        case .targetCompletion: return "目标指引清单的综合完成率（每项最多计 100%）"
        case .plannedInvestment: return "负责项目的本年度计划投资"
        case .completedInvestment: return "负责项目本年已报月份的完成投资"
        case .investmentRate: return "年度完成投资 ÷ 年度计划投资"
        case .lateProjects: return "截至计算日滞后的项目数（已过计划日期而未到达该阶段）"
        case .overdueObstacles: return "截至计算日已过解决时限而未解决的项目问题数"
        }
    }

    /// The formula rule's message: the metrics a formula may use.
    static var listZh: String { allCases.map(\.rawValue).joined(separator: "、") }
}
