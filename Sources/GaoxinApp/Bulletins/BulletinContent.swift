import Foundation

/// 通报 (SPEC §2.5, issue 14): everything a month's bulletin says, computed once by
/// `BulletinBuilder` and stored; the page, the xlsx and the docx are drawn from it alone, so a
/// stored bulletin renders to the same bytes every time. Money in 万元, rates as fractions.
struct BulletinContent: Codable, Equatable, Sendable {
    struct Header: Codable, Equatable, Sendable {
        var month: String
        var year: Int
        var throughMonth: Int
        /// 发文单位.
        var issuer: String
        /// 期号: the bulletin's number within its year.
        var number: Int
        /// The day it is dated: the month's close for a closed month, else the day it was drawn.
        var issuedOn: String
        /// The month's last day: every figure is as of then.
        var asOf: String
        /// Drawn from a closed (frozen) month; otherwise a draft whose figures may still change.
        var final: Bool
    }

    struct ClusterRow: Codable, Equatable, Sendable {
        var rank: Int?
        var name: String
        var clusterId: Int?
        var yearToDate: Int64
        var previousYearToDate: Int64?
        var growth: Double?
        var annualTarget: Int64?
        var progress: Double?
        /// 红黄绿 against the share of the year gone (`ClusterPace`), nil without a target.
        var light: String?
        var tier: String?
    }

    struct StructureGroup: Codable, Equatable, Sendable {
        var total: ClusterRow
        var clusters: [ClusterRow]
    }

    struct Structure: Codable, Equatable, Sendable {
        var name: String
        var groups: [StructureGroup]
        var total: ClusterRow
        var overThousand: Int
    }

    struct Tier: Codable, Equatable, Sendable {
        /// 超千亿, 超两千亿, 超三千亿.
        var label: String
        var threshold: Int64
        var clusters: [String]
    }

    struct KeyProjects: Codable, Equatable, Sendable {
        var keyProjects: Int
        var keyInClusters: Int
        var keyInvestment: Int64
        var keyInvestmentInClusters: Int64
        var plannedInvestment: Int64
        var plannedInClusters: Int64
    }

    struct InvestmentRow: Codable, Equatable, Sendable {
        var rank: Int?
        var name: String
        var projects: Int
        var planned: Int64
        var completed: Int64
        var rate: Double?
        var light: String
    }

    struct Investment: Codable, Equatable, Sendable {
        var monthsDue: Int
        var total: InvestmentRow
        var byUnit: [InvestmentRow]
    }

    struct TargetRow: Codable, Equatable, Sendable {
        var rank: Int
        var unit: String
        var title: String
        var projects: Int
        /// "实际/目标" per column, in the columns' order.
        var cells: [String]
        var completion: Double?
        var light: String
    }

    struct Targets: Codable, Equatable, Sendable {
        var elapsed: Double
        var columns: [String]
        var rows: [TargetRow]
    }

    struct UnitCount: Codable, Equatable, Sendable {
        var unit: String
        var count: Int
    }

    struct LateProject: Codable, Equatable, Sendable {
        var name: String
        var unit: String
        var stage: String
        var missed: String
        var plannedOn: String
    }

    struct LateProjects: Codable, Equatable, Sendable {
        var count: Int
        var byUnit: [UnitCount]
        var items: [LateProject]
    }

    struct Obstacle: Codable, Equatable, Sendable {
        var title: String
        var project: String
        var unit: String
        var kind: String
        var dueOn: String
        var overdue: Bool
    }

    struct Obstacles: Codable, Equatable, Sendable {
        var open: Int
        var overdue: Int
        var byUnit: [UnitCount]
        var items: [Obstacle]
    }

    struct ChecklistItemGap: Codable, Equatable, Sendable {
        var item: String
        var clusters: [String]
    }

    struct Checklist: Codable, Equatable, Sendable {
        var template: String
        var clusterCount: Int
        var complete: Int
        var gaps: [ChecklistItemGap]
    }

    struct RestatementRow: Codable, Equatable, Sendable {
        var month: String
        var subject: String
        var figure: String
        var oldValue: Int64?
        var newValue: Int64?
        var reason: String
        var by: String
        var on: String
    }

    var header: Header
    /// The bulletin's opening: one paragraph per theme, in the words such 通报 use.
    var summary: [String]
    var clusters: [ClusterRow]
    var clusterTotal: ClusterRow
    var structures: [Structure]
    var tiers: [Tier]
    var keyProjects: KeyProjects
    var investment: Investment
    var targets: Targets
    var lateProjects: LateProjects
    var obstacles: Obstacles
    var checklists: [Checklist]
    var restatements: [RestatementRow]

    /// Items listed by name in the late-project and obstacle sections (all are counted).
    static let listed = 30

    var title: String { "产业集群发展工作通报" }
    var numberText: String { "\(header.year)年第\(header.number)期" }
    var periodText: String { header.throughMonth == 1 ? "\(header.year)年1月" : "\(header.year)年1—\(header.throughMonth)月" }

    /// Canonical bytes (sorted keys): what is stored, and what two generations compare.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    static func decode(_ json: String) throws -> BulletinContent {
        try JSONDecoder().decode(BulletinContent.self, from: Data(json.utf8))
    }
}

/// 红黄绿 as the bulletin says them.
enum BulletinLight {
    static func name(_ light: String?) -> String {
        switch light {
        case "green": return "绿"
        case "yellow": return "黄"
        case "red": return "红"
        default: return "—"
        }
    }

    static func of(_ pace: String?) -> String? {
        switch pace {
        case "on_pace", "green": return "green"
        case "slightly_behind", "yellow": return "yellow"
        case "behind", "red": return "red"
        default: return nil
        }
    }
}
