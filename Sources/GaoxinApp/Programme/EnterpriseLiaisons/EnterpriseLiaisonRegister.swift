/// 挂钩联系 (SPEC §2.3): the official who keeps in touch with an enterprise for the zone — one
/// record per enterprise (its import key), with the liaison's unit, which the `unit` role owns.
/// The enterprise's page shows it with the visits and service items.
extension RegisterDeclaration {
    static let enterpriseLiaisons: RegisterDeclaration = RegisterDeclaration(
        key: "enterprise-liaisons", table: "enterprise_liaisons", entity: "enterprise_liaison", schemaName: "EnterpriseLiaison",
        titleZh: "挂钩联系", titleEn: "Enterprise liaisons",
        fields: [
            RegisterField(key: "official", zh: "挂钩领导", en: "Liaison official", kind: .text(max: 50), required: true, searchable: true, sortable: true, listed: true,
                          helpZh: "负责联系该企业的领导或干部姓名", helpEn: "Who keeps in touch with the enterprise"),
            RegisterField(key: "enterpriseId", zh: "企业", en: "Enterprise", kind: .reference(.enterprise), required: true, unique: true, filterable: true, listed: true,
                          helpZh: "每家企业一条；导入按企业名称或统一社会信用代码更新", helpEn: "One per enterprise; an import updates by the enterprise"),
            RegisterField(key: "position", zh: "职务", en: "Position", kind: .text(max: 100), listed: true),
            RegisterField(key: "owningUnitId", zh: "所在单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "挂钩领导所在单位，负责维护本记录", helpEn: "The official's unit, which keeps this record"),
            RegisterField(key: "contactPerson", zh: "联络员", en: "Contact person", kind: .text(max: 50), searchable: true,
                          helpZh: "日常对接的工作人员", helpEn: "The staff member in day-to-day contact"),
            RegisterField(key: "phone", zh: "联系电话", en: "Phone", kind: .code(max: 30)),
            RegisterField(key: "since", zh: "挂钩起始日期", en: "Since", kind: .date, sortable: true),
            .note(max: 1000),
        ],
        nameField: "official", importKey: "enterpriseId", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        // Illustrative assignments for demo enterprises (DemoEnterpriseData); the people are invented.
        demoRows: [
            ["official": "王建国", "enterpriseId": "新吴恒泰集成电路有限公司", "position": "经发局副局长", "owningUnitId": "GX-JQB",
             "contactPerson": "李敏", "phone": "0510-8521xxxx", "since": "2024-03-01"],
            ["official": "陈立新", "enterpriseId": "新吴盛源半导体装备有限公司", "position": "集成电路产业专班副组长", "owningUnitId": "集成电路产业专班",
             "contactPerson": "周婷", "since": "2024-06-15"],
            ["official": "刘海燕", "enterpriseId": "新吴宏通生物医药有限公司", "position": "生命健康产业专班组长", "owningUnitId": "生命健康产业专班",
             "since": "2025-01-10"],
        ]
    )
}
