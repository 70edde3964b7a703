/// A project's lifecycle (SPEC §2.4, seed 001's 签约→落地→开工→建设→投产): the order of its
/// stages, their labels and the column each stage's day is kept in.
public enum ProjectStage: String, CaseIterable, Sendable, Comparable {
    case signed, registered, started, completed, producing

    public var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: ProjectStage, rhs: ProjectStage) -> Bool { lhs.order < rhs.order }

    public var zh: String {
        switch self {
        case .signed: return "签约"
        case .registered: return "注册落地"
        case .started: return "开工"
        case .completed: return "竣工"
        case .producing: return "投产"
        }
    }

    public var en: String {
        switch self {
        case .signed: return "Signed"
        case .registered: return "Registered"
        case .started: return "Started"
        case .completed: return "Completed"
        case .producing: return "Producing"
        }
    }

    /// The field holding the day the stage was reached (`signedOn`, `registeredOn`…).
    public var reachedKey: String { rawValue + "On" }

    /// The field holding the day the stage is planned for (`plannedRegisteredOn`…); signing has none.
    public var plannedKey: String? {
        self == .signed ? nil : "planned" + rawValue.prefix(1).uppercased() + rawValue.dropFirst() + "On"
    }

    public var next: ProjectStage? { order + 1 < Self.allCases.count ? Self.allCases[order + 1] : nil }
}

/// Whether a project may move from one stage to another: one step forward freely; a skip forward
/// only with a reason; backwards only by an administrator, with a reason. Never to where it is.
public enum ProjectStageTransition {
    public enum Refusal: Error, Equatable, Sendable {
        case same
        case skipNeedsReason([ProjectStage])
        case backwardsNeedsAdministrator
        case backwardsNeedsReason

        public var messageZh: String {
            switch self {
            case .same: return "项目已处于该阶段"
            case .skipNeedsReason(let skipped): return "跳过" + skipped.map(\.zh).joined(separator: "、") + "阶段须说明原因"
            case .backwardsNeedsAdministrator: return "阶段回退只能由系统管理员操作"
            case .backwardsNeedsReason: return "阶段回退须说明原因"
            }
        }

        public var messageEn: String {
            switch self {
            case .same: return "The project is already at that stage"
            case .skipNeedsReason(let skipped): return "Skipping " + skipped.map(\.en).joined(separator: ", ") + " needs a reason"
            case .backwardsNeedsAdministrator: return "Only an administrator may move a project back"
            case .backwardsNeedsReason: return "Moving a project back needs a reason"
            }
        }
    }

    public static func check(from: ProjectStage, to: ProjectStage, reason: String, isAdministrator: Bool) -> Refusal? {
        let hasReason = !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if from == to { return .same }
        if to < from {
            if !isAdministrator { return .backwardsNeedsAdministrator }
            return hasReason ? nil : .backwardsNeedsReason
        }
        let skipped = ProjectStage.allCases.filter { $0 > from && $0 < to }
        return skipped.isEmpty || hasReason ? nil : .skipNeedsReason(skipped)
    }

    /// The earliest planned day of a stage not yet reached: the milestone the project is measured
    /// against (late when today is past it), or nil when every planned stage is reached.
    public static func nextPlannedDay(stage: ProjectStage, planned: [ProjectStage: String]) -> String? {
        ProjectStage.allCases.filter { $0 > stage }.compactMap { planned[$0] }.min()
    }
}
