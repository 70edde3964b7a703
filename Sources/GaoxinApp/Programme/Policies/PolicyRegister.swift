/// 政策: the "1+5+N" system of seed 001 — one overall policy, five special ones, N implementing
/// rules — each issued by a unit, dated, valid until a day, and linked to the clusters it serves.
extension RegisterDeclaration {
    static let policies: RegisterDeclaration = RegisterDeclaration(
        key: "policies", table: "policies", entity: "policy", schemaName: "Policy", titleZh: "政策", titleEn: "Policies",
        fields: [
            RegisterField(key: "name", zh: "政策名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "documentNumber", zh: "文号", en: "Document number", kind: .code(max: 100), searchable: true, listed: true,
                          helpZh: "如 锡高管发〔2024〕12号", helpEn: "e.g. 锡高管发〔2024〕12号"),
            RegisterField(key: "tier", zh: "层级", en: "Tier", kind: .choice([
                RegisterChoice(value: "1", zh: "1 总体政策", en: "1 overall policy"),
                RegisterChoice(value: "5", zh: "5 专项政策", en: "5 special policy"),
                RegisterChoice(value: "N", zh: "N 配套细则", en: "N implementing rules"),
            ]), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "kind", zh: "类别", en: "Kind", kind: .choice([
                RegisterChoice(value: "policy", zh: "政策文件", en: "Policy document"),
                RegisterChoice(value: "plan", zh: "规划或行动计划", en: "Plan or action plan"),
            ]), filterable: true, listed: true, helpZh: "机制清单的“一个规划”读“规划或行动计划”，“一个政策”读“政策文件”；空为政策文件",
               helpEn: "The checklist's plan item reads plans, its policy item policy documents; empty is a policy document"),
            RegisterField(key: "issuingUnitId", zh: "发文单位", en: "Issuing unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "issuedOn", zh: "发布日期", en: "Issued on", kind: .date, sortable: true, filterable: true, listed: true),
            RegisterField(key: "validUntil", zh: "有效期至", en: "Valid until", kind: .date, sortable: true, listed: true, helpZh: "长期有效留空", helpEn: "Empty when it does not expire"),
            RegisterField(key: "clusterIds", zh: "适用集群", en: "Clusters", kind: .references(.cluster), filterable: true),
            RegisterField(key: "summary", zh: "主要内容", en: "Summary", kind: .note(max: 2000), searchable: true),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .unitField("issuingUnitId"),
        rules: [.notBefore("validUntil", "issuedOn", zh: "有效期至不能早于发布日期", en: "Valid until cannot be before the issue date")],
        defaultSort: "issuedOn", defaultDescending: true,
        demoRows: [
            ["name": "关于加快产业集群建设的实施意见", "tier": "1", "issuingUnitId": "GX-JQB", "issuedOn": "2024-03-15",
             "clusterIds": "集成电路、生命健康、高端装备及新能源、特钢新材料、未来产业", "summary": "“1+5+N”政策体系中的“1”：集群建设总体要求、目标与机制。"],
            ["name": "特色产业园区建设专项意见", "tier": "5", "issuingUnitId": "GX-JQB", "issuedOn": "2024-05-10", "validUntil": "2027-12-31"],
            ["name": "集群促进组织建设专项意见", "tier": "5", "issuingUnitId": "GX-JQB", "issuedOn": "2024-05-10", "validUntil": "2027-12-31"],
            ["name": "国企参与集群建设专项意见", "tier": "5", "issuingUnitId": "GX-JQB", "issuedOn": "2024-06-01"],
            ["name": "未来产业培育发展专项意见", "tier": "5", "issuingUnitId": "未来产业专班", "issuedOn": "2024-06-20", "clusterIds": "未来产业"],
            ["name": "链主企业遴选管理专项意见", "tier": "5", "issuingUnitId": "GX-JQB", "issuedOn": "2024-07-01", "clusterIds": "集成电路、生命健康"],
            ["name": "集成电路产业发展三年行动计划（2024—2026年）", "kind": "plan", "tier": "N", "issuingUnitId": "集成电路产业专班", "issuedOn": "2024-08-01",
             "validUntil": "2026-12-31", "clusterIds": "集成电路"],
            ["name": "生命健康产业发展三年行动计划（2024—2026年）", "kind": "plan", "tier": "N", "issuingUnitId": "生命健康产业专班", "issuedOn": "2024-08-15",
             "validUntil": "2026-12-31", "clusterIds": "生命健康"],
        ]
    )
}
