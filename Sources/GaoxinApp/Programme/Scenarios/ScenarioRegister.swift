import GaoxinDomain

/// 应用场景清单 / 揭榜挂帅 (SPEC §2.6, seed 002: 从“给政策”招商向“给机会”“给市场”的场景招商转变):
/// a unit publishes a scenario — the need, budget, deadline, cluster — that enterprises apply to.
/// 征集中 before its deadline, it is on the public page (`PublicScenarioPages`) and takes
/// applications; the owner then reviews them, records the match, and evaluates after delivery.
extension RegisterTarget {
    static let scenario = RegisterTarget.register("scenarios", zh: "应用场景", en: "Scenario", nameColumn: "title", alternateColumns: ["code"], path: "/scenarios")
}

enum ScenarioStatus: String, CaseIterable, Sendable {
    case draft, open, closed, matched, delivered

    var zh: String {
        switch self {
        case .draft: return "草稿"
        case .open: return "征集中"
        case .closed: return "已截止"
        case .matched: return "已揭榜"
        case .delivered: return "已交付"
        }
    }

    var en: String {
        switch self {
        case .draft: return "Draft"
        case .open: return "Open"
        case .closed: return "Closed"
        case .matched: return "Matched"
        case .delivered: return "Delivered"
        }
    }
}

extension RegisterDeclaration {
    static let scenarios: RegisterDeclaration = RegisterDeclaration(
        key: "scenarios", table: "scenarios", entity: "scenario", schemaName: "Scenario", titleZh: "应用场景", titleEn: "Application scenarios",
        fields: [
            .recordNumber("场景编号", "Scenario number", example: "CJ-2025-001"),
            RegisterField(key: "title", zh: "场景名称", en: "Title", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "owningUnitId", zh: "发布单位", en: "Published by", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "clusterId", zh: "产业集群", en: "Cluster", kind: .reference(.cluster), filterable: true, listed: true),
            RegisterField(key: "need", zh: "场景需求", en: "What is needed", kind: .note(max: 3000), required: true, searchable: true,
                          helpZh: "公开显示：要解决的问题、技术要求、应用条件", helpEn: "Public: the problem, the technical requirements, the setting"),
            RegisterField(key: "budget", zh: "预算", en: "Budget", kind: .money, sortable: true, listed: true),
            RegisterField(key: "publishedOn", zh: "发布日期", en: "Published on", kind: .date, sortable: true),
            RegisterField(key: "deadline", zh: "揭榜截止日期", en: "Apply by", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "status", zh: "场景状态", en: "Scenario status", kind: .choice(ScenarioStatus.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.zh, en: $0.en) }),
                          required: true, filterable: true, listed: true,
                          helpZh: "征集中且未过截止日期的场景显示在公开页面", helpEn: "Open scenarios before their deadline are on the public page"),
            RegisterField(key: "publicContact", zh: "对外联系方式", en: "Public contact", kind: .text(max: 100),
                          helpZh: "公开显示", helpEn: "Shown publicly"),
            RegisterField(key: "evaluationScore", zh: "交付评价（1–5 分）", en: "Delivery rating (1–5)", kind: .integer(min: 1, max: 5), example: "4"),
            RegisterField(key: "evaluation", zh: "交付评价意见", en: "Delivery evaluation", kind: .note(max: 2000)),
            .note(max: 1000),
        ],
        nameField: "title", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [
            .notBefore("deadline", "publishedOn", zh: "截止日期不能早于发布日期", en: "The deadline cannot come before publication"),
            .filledOnlyWhen("evaluationScore", "status", equals: ScenarioStatus.delivered.rawValue, zh: "交付后才能评价", en: "Only a delivered scenario is rated"),
            .filledOnlyWhen("evaluation", "status", equals: ScenarioStatus.delivered.rawValue, zh: "交付后才能评价", en: "Only a delivered scenario is evaluated"),
        ],
        defaultSort: "deadline", defaultDescending: true,
        timeLimit: .deadline("deadline", settledWhen: "status", in: [ScenarioStatus.closed, .matched, .delivered].map(\.rawValue)),
        demoRows: DemoParks.scenarios
    )
}
