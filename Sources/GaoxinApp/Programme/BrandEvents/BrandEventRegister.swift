/// 品牌活动: "一个产业一个品牌活动" (seed 001) — each industry's flagship event of the year: when,
/// who organises it, for which cluster, where, how many came, what it was about.
extension RegisterDeclaration {
    static let events: RegisterDeclaration = RegisterDeclaration(
        key: "events", table: "brand_events", entity: "brand_event", schemaName: "BrandEvent", titleZh: "品牌活动", titleEn: "Brand events",
        fields: [
            RegisterField(key: "name", zh: "活动名称", en: "Name", kind: .text(max: 200), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "heldOn", zh: "举办日期", en: "Held on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "organiserId", zh: "主办单位", en: "Organiser", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "clusterId", zh: "所属集群", en: "Cluster", kind: .reference(.cluster), filterable: true, listed: true),
            RegisterField(key: "venue", zh: "地点", en: "Venue", kind: .text(max: 100)),
            RegisterField(key: "attendance", zh: "参会人数", en: "Attendance", kind: .integer(min: 0, max: 1_000_000)),
            RegisterField(key: "summary", zh: "活动内容", en: "Summary", kind: .note(max: 2000), searchable: true),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .unitField("organiserId"),
        defaultSort: "heldOn", defaultDescending: true,
        // The events seed 001 names for 2024 (the first two held before its 2024-10-12 report, the
        // other three "近期也将密集举办"); the report gives no days, venues or head counts, so those
        // are illustrative. Organisers are demo units (DemoData).
        demoRows: [
            ["name": "2024太湖湾生命健康未来大会暨博览会", "heldOn": "2024-05-18", "organiserId": "生命健康产业专班", "clusterId": "生命健康",
             "venue": "太湖国际博览中心", "attendance": "1200", "summary": "生命健康产业的品牌活动：大会、展览与项目对接。"],
            ["name": "2024集成电路创新发展大会", "heldOn": "2024-09-06", "organiserId": "集成电路产业专班", "clusterId": "集成电路",
             "attendance": "600", "summary": "集成电路产业的品牌活动：创新成果发布与产业链对接。"],
            ["name": "2024世界物联网博览会", "heldOn": "2024-10-20", "organiserId": "GX-KJJ", "venue": "太湖国际博览中心",
             "summary": "按照“一个产业一个品牌活动”的要求办好会、用好会，促进产业和人才资源加速集聚。"],
            ["name": "2024国际新能源大会", "heldOn": "2024-11-08", "organiserId": "高端装备及新能源产业专班", "clusterId": "高端装备及新能源"],
            ["name": "2024太湖湾低空经济发展大会", "heldOn": "2024-11-22", "organiserId": "未来产业专班", "clusterId": "未来产业",
             "summary": "低空经济新赛道的品牌活动。"],
        ]
    )
}
