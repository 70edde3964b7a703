/// What decides a checklist item (机制清单, SPEC §2.2): a kind of record that fulfils it — the
/// item is done as soon as one such record of the cluster exists — or a person's hand where no
/// record can say it. Each says its rule in words, shown beside the status.
public enum ChecklistSource: String, Sendable, CaseIterable, Codable {
    case plan, policy, fund, platform, promotionOrganisation = "promotion_organisation", advisor, brandEvent = "brand_event", talent
    case chainLeader = "chain_leader"
    case taskForce = "task_force"
    case attractionTeam = "attraction_team"
    /// A park (特色产业园区, incubator…) linked to the cluster in the parks register (SPEC §2.6).
    case park
    case manual

    public var nameZh: String {
        switch self {
        case .plan: return "规划"
        case .policy: return "政策"
        case .fund: return "基金"
        case .platform: return "平台"
        case .promotionOrganisation: return "促进组织"
        case .advisor: return "顾问"
        case .brandEvent: return "品牌活动"
        case .talent: return "人才"
        case .chainLeader: return "链主企业"
        case .taskForce: return "专班"
        case .attractionTeam: return "招商团队"
        case .park: return "园区"
        case .manual: return "手工填报"
        }
    }

    public var nameEn: String {
        switch self {
        case .plan: return "Plan"
        case .policy: return "Policy"
        case .fund: return "Fund"
        case .platform: return "Platform"
        case .promotionOrganisation: return "Promotion organisation"
        case .advisor: return "Advisor"
        case .brandEvent: return "Brand event"
        case .talent: return "Talent"
        case .chainLeader: return "Chain leader"
        case .taskForce: return "Task force"
        case .attractionTeam: return "Attraction team"
        case .park: return "Park"
        case .manual: return "By hand"
        }
    }

    /// When the item is done, in words.
    public var ruleZh: String {
        switch self {
        case .plan: return "有一项适用本集群、类别为“规划或行动计划”的在用政策即完成"
        case .policy: return "有一项适用本集群、类别为“政策文件”的在用政策即完成"
        case .fund: return "有一支投向本集群的在用基金即完成"
        case .platform: return "有一个服务本集群的在用创新平台即完成"
        case .promotionOrganisation: return "有一个服务本集群的在用促进组织即完成"
        case .advisor: return "有一位联系本集群的在用产业生态发展顾问即完成"
        case .brandEvent: return "有一场本集群的在用品牌活动即完成"
        case .talent: return "有一名本集群的在用人才记录即完成"
        case .chainLeader: return "本集群产业链上有一家层级为“链主”的在用企业（链主遴选决定）即完成"
        case .taskForce: return "牵头部门是专班，或指定了一个在用的专班单位即完成"
        case .attractionTeam: return "指定了一个在用的招商团队单位即完成"
        case .park: return "有一个对应本集群的在用园区载体即完成"
        case .manual: return "手工填报"
        }
    }

    public var ruleEn: String {
        switch self {
        case .plan: return "Done when an active policy of kind plan applies to the cluster"
        case .policy: return "Done when an active policy document applies to the cluster"
        case .fund: return "Done when an active fund invests in the cluster"
        case .platform: return "Done when an active innovation platform serves the cluster"
        case .promotionOrganisation: return "Done when an active promotion organisation serves the cluster"
        case .advisor: return "Done when an active advisor is assigned to the cluster"
        case .brandEvent: return "Done when the cluster has an active brand event"
        case .talent: return "Done when the cluster has an active talent record"
        case .chainLeader: return "Done when an active enterprise of tier chain leader is on the cluster's chains"
        case .taskForce: return "Done when the lead unit is a task force or an active task-force unit is named"
        case .attractionTeam: return "Done when an active attraction-team unit is named"
        case .park: return "Done when an active park is linked to the cluster"
        case .manual: return "By hand"
        }
    }

    /// A record decides it (a hand-set "done" is refused); the unit sources are decided by the unit named.
    public var isDerived: Bool { self != .manual }

    /// The kind of unit an entry names to fulfil it.
    public var unitKind: UnitKind? {
        switch self {
        case .taskForce: return .taskForce
        case .attractionTeam: return .attractionTeam
        default: return nil
        }
    }

    public init?(codeOrName text: String) {
        if let source = ChecklistSource(rawValue: text) { self = source; return }
        guard let source = ChecklistSource.allCases.first(where: { $0.nameZh == text || $0.nameEn.lowercased() == text.lowercased() }) else { return nil }
        self = source
    }
}

/// An item's state for one cluster.
public enum ChecklistStatus: String, Sendable, CaseIterable, Codable {
    case missing, inProgress = "in_progress", done

    public var nameZh: String {
        switch self {
        case .missing: return "缺"
        case .inProgress: return "推进中"
        case .done: return "已完成"
        }
    }

    public var nameEn: String {
        switch self {
        case .missing: return "Missing"
        case .inProgress: return "In progress"
        case .done: return "Done"
        }
    }
}

/// A template's items typed a line each: `项目名：来源` (来源 one of the sources' names; none is 手工填报).
public enum ChecklistItemsText {
    public static func parse(_ text: String) -> Result<[(name: String, source: ChecklistSource)], ValidationFailed> {
        var items: [(name: String, source: ChecklistSource)] = []
        var problems: [(String, String)] = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let number = index + 1
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == "：" || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
            let name = parts[0]
            let sourceText = parts.count > 1 ? parts[1] : ""
            guard let source = sourceText.isEmpty ? .manual : ChecklistSource(codeOrName: sourceText) else {
                problems.append(("第 \(number) 行的来源“\(sourceText)”不存在，可选：" + ChecklistSource.allCases.map(\.nameZh).joined(separator: "、"),
                                 "line \(number): unknown source \(sourceText)"))
                continue
            }
            if name.isEmpty || name.count > 50 { problems.append(("第 \(number) 行的项目名应为 1–50 字", "line \(number): item name of 1–50 characters")); continue }
            if items.contains(where: { $0.name == name }) { problems.append(("第 \(number) 行的项目“\(name)”重复", "line \(number) repeats \(name)")); continue }
            items.append((name, source))
        }
        if items.isEmpty && problems.isEmpty { problems.append(("请至少填写一个项目", "Give at least one item")) }
        if !problems.isEmpty {
            return .failure(ValidationFailed([FieldError.invalid("items", zh: problems.map(\.0).joined(separator: "；"), en: problems.map(\.1).joined(separator: "; "))]))
        }
        return .success(items)
    }

    public static func format(_ items: [(name: String, source: ChecklistSource)]) -> String {
        items.map { $0.source == .manual ? $0.name : "\($0.name)：\($0.source.nameZh)" }.joined(separator: "\n")
    }
}

/// The built-in templates: "八个一" of seed 000 and a "六个一" (seed 001) the office may change.
public enum ChecklistTemplates {
    public static let eightOnes: [(name: String, source: ChecklistSource)] = [
        ("一个规划", .plan), ("一个政策", .policy), ("一个园区", .park), ("一个基金", .fund),
        ("一个领军企业", .chainLeader), ("一个平台", .platform), ("一个团队", .attractionTeam), ("一个专班", .taskForce),
    ]
    public static let sixOnes: [(name: String, source: ChecklistSource)] = [
        ("一个规划", .plan), ("一个政策", .policy), ("一个专班", .taskForce), ("一个链主企业", .chainLeader),
        ("一个促进组织", .promotionOrganisation), ("一个品牌活动", .brandEvent),
    ]
}
