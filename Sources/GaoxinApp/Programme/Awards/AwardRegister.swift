/// 授牌与奖补: what the zone grants enterprises — a plaque (授牌: 链主企业, 专精特新, 特色园区 …) or
/// money (奖补资金, 万元) — under which policy, when and by which unit (SPEC §2.6). Enterprise pages
/// sum an enterprise's grants; a cluster's page sums those of the enterprises on its chains, each
/// counted once (`RegisterBacklinks`); the list totals what it shows.
extension RegisterDeclaration {
    static let awards: RegisterDeclaration = RegisterDeclaration(
        key: "awards", table: "awards", entity: "award", schemaName: "Award", titleZh: "授牌与奖补", titleEn: "Awards and subsidies",
        fields: [
            .recordNumber("登记编号", "Record number", example: "JB-2025-001"),
            RegisterField(key: "title", zh: "名称", en: "Title", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true,
                          helpZh: "授牌称号或奖补项目，如 集成电路产业链链主企业、研发投入奖励", helpEn: "The plaque's title or the subsidy's item"),
            RegisterField(key: "enterpriseId", zh: "企业", en: "Enterprise", kind: .reference(.enterprise), required: true, filterable: true, listed: true,
                          helpZh: "企业名称或统一社会信用代码", helpEn: "The enterprise's name or unified social credit code"),
            RegisterField(key: "kind", zh: "类型", en: "Kind", kind: .choice([
                RegisterChoice(value: "plaque", zh: "授牌", en: "Plaque"),
                RegisterChoice(value: "subsidy", zh: "奖补资金", en: "Subsidy"),
            ]), required: true, filterable: true, listed: true),
            RegisterField(key: "amount", zh: "金额", en: "Amount", kind: .money, sortable: true, listed: true,
                          helpZh: "奖补资金的金额；授牌可空", helpEn: "The subsidy's amount; empty for a plaque"),
            RegisterField(key: "policyId", zh: "依据政策", en: "Under policy", kind: .reference(.policy), filterable: true,
                          helpZh: "政策名称或文号", helpEn: "The policy's name or document number"),
            RegisterField(key: "grantedOn", zh: "授予日期", en: "Granted on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "grantingUnitId", zh: "授予单位", en: "Granting unit", kind: .reference(.unit), required: true, filterable: true),
            .note(max: 1000),
        ],
        nameField: "title", importKey: "code", policy: Policies.programme, ownership: .unitField("grantingUnitId"),
        rules: [.requiredWhen("amount", "kind", equals: "subsidy", zh: "奖补资金须填写金额", en: "A subsidy needs its amount")],
        defaultSort: "grantedOn", defaultDescending: true,
        // Illustrative grants to demo enterprises (DemoEnterpriseData) under the demo policies
        // (PolicyRegister); titles follow seed 000's 链主 and seed 001's 特色园区/奖补 wording,
        // amounts and dates are invented.
        demoRows: [
            ["code": "JB-2024-001", "title": "集成电路产业链链主企业", "enterpriseId": "新吴恒泰集成电路有限公司", "kind": "plaque",
             "policyId": "链主企业遴选管理专项意见", "grantedOn": "2024-09-10", "grantingUnitId": "GX-JQB"],
            ["code": "JB-2024-002", "title": "链主企业培育奖励", "enterpriseId": "新吴恒泰集成电路有限公司", "kind": "subsidy", "amount": "500",
             "policyId": "链主企业遴选管理专项意见", "grantedOn": "2024-12-20", "grantingUnitId": "GX-JQB"],
            ["code": "JB-2025-001", "title": "研发投入奖励", "enterpriseId": "新吴盛源半导体装备有限公司", "kind": "subsidy", "amount": "120",
             "policyId": "集成电路产业发展三年行动计划（2024—2026年）", "grantedOn": "2025-03-18", "grantingUnitId": "集成电路产业专班"],
            ["code": "JB-2025-002", "title": "首台（套）重大装备奖励", "enterpriseId": "新吴恒泰锂电有限公司", "kind": "subsidy", "amount": "80",
             "policyId": "关于加快产业集群建设的实施意见", "grantedOn": "2025-04-02", "grantingUnitId": "GX-JQB"],
            ["code": "JB-2025-003", "title": "生命健康产业链链主企业", "enterpriseId": "新吴宏通生物医药有限公司", "kind": "plaque",
             "policyId": "链主企业遴选管理专项意见", "grantedOn": "2025-05-12", "grantingUnitId": "GX-JQB"],
            ["code": "JB-2025-004", "title": "创新产品首购奖励", "enterpriseId": "新吴远创医疗器械有限公司", "kind": "subsidy", "amount": "35",
             "policyId": "生命健康产业发展三年行动计划（2024—2026年）", "grantedOn": "2025-06-30", "grantingUnitId": "生命健康产业专班",
             "note": "按合同额的一定比例奖励（示例）"],
        ]
    )
}
