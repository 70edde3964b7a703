/// 人才: the high-level talents a programme brings in (SPEC §2.6) — under which talent programme and
/// at which level, for which enterprise, when, and for which cluster. People share names, so a
/// talent is known by its code (人才编号), which an import matches on.
extension RegisterDeclaration {
    static let talents: RegisterDeclaration = RegisterDeclaration(
        key: "talents", table: "talents", entity: "talent", schemaName: "Talent", titleZh: "人才", titleEn: "Talents",
        fields: [
            RegisterField(key: "code", zh: "人才编号", en: "Talent code", kind: .code(max: 50), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 RC-2024-001；同名的人以编号区分", helpEn: "e.g. RC-2024-001; people with the same name differ by code"),
            RegisterField(key: "name", zh: "姓名", en: "Name", kind: .text(max: 50), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "programme", zh: "人才计划", en: "Talent programme", kind: .text(max: 100), searchable: true, listed: true,
                          helpZh: "如 太湖人才计划、飞凤人才计划、陶都英才计划", helpEn: "e.g. 太湖人才计划, 飞凤人才计划, 陶都英才计划"),
            RegisterField(key: "level", zh: "层次", en: "Level", kind: .choice([
                RegisterChoice(value: "top", zh: "顶尖人才", en: "Top talent"),
                RegisterChoice(value: "leading", zh: "领军人才", en: "Leading talent"),
                RegisterChoice(value: "innovative", zh: "创新人才", en: "Innovative talent"),
                RegisterChoice(value: "young", zh: "青年人才", en: "Young talent"),
            ]), filterable: true, listed: true),
            RegisterField(key: "employerId", zh: "所在企业", en: "Employer", kind: .reference(.enterprise),
                          helpZh: "企业名称或统一社会信用代码", helpEn: "The enterprise's name or unified social credit code"),
            RegisterField(key: "introducedOn", zh: "引进日期", en: "Introduced on", kind: .date, sortable: true, filterable: true),
            RegisterField(key: "clusterId", zh: "所属集群", en: "Cluster", kind: .reference(.cluster), filterable: true),
            .responsibleUnit(),
            .note(max: 1000),
        ],
        nameField: "name", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        defaultSort: "introducedOn", defaultDescending: true,
        // Illustrative people: 张某某-style placeholder names (as news reports anonymise) and
        // invented codes and dates. The programmes are the seeds' (太湖 is Wuxi's own, 飞凤 the
        // zone's brand in seed 002, 陶都英才 and 锡山英才 in seed 003); the employers are demo
        // enterprises (DemoEnterpriseData) and the units demo units (DemoData).
        demoRows: [
            ["code": "RC-2024-001", "name": "张某某", "programme": "太湖人才计划", "level": "leading", "employerId": "新吴恒泰集成电路有限公司",
             "introducedOn": "2024-04-18", "clusterId": "集成电路", "owningUnitId": "招才引智专班", "note": "带领芯片设计团队落户（示例）"],
            ["code": "RC-2024-002", "name": "李某某", "programme": "飞凤人才计划", "level": "innovative", "employerId": "新吴盛源半导体装备有限公司",
             "introducedOn": "2024-06-03", "clusterId": "集成电路", "owningUnitId": "ZS-KJRC"],
            ["code": "RC-2024-003", "name": "王某某", "programme": "太湖人才计划", "level": "top", "employerId": "新吴宏通生物医药有限公司",
             "introducedOn": "2024-09-12", "clusterId": "生命健康", "owningUnitId": "招才引智专班"],
            ["code": "RC-2025-001", "name": "刘某某", "programme": "飞凤人才计划", "level": "young", "employerId": "新吴远创医疗器械有限公司",
             "introducedOn": "2025-01-08", "clusterId": "生命健康", "owningUnitId": "ZS-KJRC"],
            ["code": "RC-2025-002", "name": "陈某某", "programme": "飞凤人才计划", "level": "leading", "employerId": "新吴恒泰锂电有限公司",
             "introducedOn": "2025-03-20", "clusterId": "高端装备及新能源", "owningUnitId": "招才引智专班"],
            ["code": "RC-2025-003", "name": "杨某某", "programme": "陶都英才计划", "level": "innovative", "employerId": "宜兴盛源环保装备有限公司",
             "introducedOn": "2025-04-15", "owningUnitId": "YX"],
            ["code": "RC-2025-004", "name": "黄某某", "programme": "锡山英才计划", "level": "young", "employerId": "锡山博誉光伏有限公司",
             "introducedOn": "2025-05-09", "clusterId": "高端装备及新能源", "owningUnitId": "XS"],
        ]
    )
}
