/// 走访记录 (SPEC §2.3): a visit to an enterprise — when, who went, what was discussed and what
/// must follow — by the visiting unit, which the `unit` role owns. Listed newest first and on the
/// enterprise's page.
extension RegisterDeclaration {
    static let enterpriseVisits: RegisterDeclaration = RegisterDeclaration(
        key: "enterprise-visits", table: "enterprise_visits", entity: "enterprise_visit", schemaName: "EnterpriseVisit",
        titleZh: "走访记录", titleEn: "Enterprise visits",
        fields: [
            .recordNumber("登记编号", "Record number", example: "ZF-2025-001"),
            RegisterField(key: "subject", zh: "走访主题", en: "Subject", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "enterpriseId", zh: "企业", en: "Enterprise", kind: .reference(.enterprise), required: true, filterable: true, listed: true,
                          helpZh: "企业名称或统一社会信用代码", helpEn: "The enterprise's name or unified social credit code"),
            RegisterField(key: "visitedOn", zh: "走访日期", en: "Visited on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "visitors", zh: "走访人员", en: "Visitors", kind: .text(max: 200), required: true, searchable: true,
                          helpZh: "姓名，多人用顿号分隔", helpEn: "Names, separated by 、"),
            RegisterField(key: "owningUnitId", zh: "走访单位", en: "Visiting unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "content", zh: "走访内容", en: "What was discussed", kind: .note(max: 2000), required: true, searchable: true,
                          helpZh: "企业经营情况、诉求与答复", helpEn: "How the business goes, its requests and the answers"),
            RegisterField(key: "followUp", zh: "跟进事项", en: "Follow-up", kind: .note(max: 1000), searchable: true,
                          helpZh: "需办理的事项可另建一企一策服务事项", helpEn: "Items to be handled can become service items"),
            RegisterField(key: "followUpBy", zh: "跟进期限", en: "Follow up by", kind: .date, sortable: true),
        ],
        nameField: "subject", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [.notBefore("followUpBy", "visitedOn", zh: "跟进期限不能早于走访日期", en: "The follow-up date cannot be before the visit")],
        defaultSort: "visitedOn", defaultDescending: true,
        // Illustrative visits to demo enterprises; people and content are invented.
        demoRows: [
            ["code": "ZF-2025-001", "subject": "一季度生产经营走访", "enterpriseId": "新吴恒泰集成电路有限公司", "visitedOn": "2025-03-12",
             "visitors": "王建国、李敏", "owningUnitId": "GX-JQB", "content": "企业一季度订单饱满，12 英寸产线扩产需新增用地约 50 亩。",
             "followUp": "协调扩产用地选址", "followUpBy": "2025-04-30"],
            ["code": "ZF-2025-002", "subject": "装备验证需求对接", "enterpriseId": "新吴盛源半导体装备有限公司", "visitedOn": "2025-05-20",
             "visitors": "陈立新、周婷", "owningUnitId": "集成电路产业专班", "content": "企业希望链主企业开放产线验证新一代刻蚀设备。",
             "followUp": "组织链主企业与装备企业对接会"],
            ["code": "ZF-2025-003", "subject": "创新药上市前服务", "enterpriseId": "新吴宏通生物医药有限公司", "visitedOn": "2025-08-08",
             "visitors": "刘海燕", "owningUnitId": "生命健康产业专班", "content": "企业两款创新药进入三期临床，人才公寓需求较大。"],
        ]
    )
}
