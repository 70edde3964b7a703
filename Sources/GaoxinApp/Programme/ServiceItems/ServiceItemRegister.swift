/// 一企一策服务事项 (SPEC §2.3): what the zone has promised an enterprise — the request, the
/// responsible unit (owned by the `unit` role), the deadline and how it stands. An item past its
/// deadline and not done shows as overdue without anyone marking it (`RegisterTimeLimit.deadline`).
extension RegisterDeclaration {
    static let serviceItems: RegisterDeclaration = RegisterDeclaration(
        key: "service-items", table: "service_items", entity: "service_item", schemaName: "ServiceItem",
        titleZh: "一企一策服务事项", titleEn: "Enterprise service items",
        fields: [
            .recordNumber("事项编号", "Item number", example: "YQYC-2025-001"),
            RegisterField(key: "title", zh: "服务事项", en: "Item", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "enterpriseId", zh: "企业", en: "Enterprise", kind: .reference(.enterprise), required: true, filterable: true, listed: true,
                          helpZh: "企业名称或统一社会信用代码", helpEn: "The enterprise's name or unified social credit code"),
            RegisterField(key: "request", zh: "企业诉求", en: "The enterprise's request", kind: .note(max: 2000), searchable: true),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Responsible unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "dueOn", zh: "办结时限", en: "Due on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "status", zh: "办理状态", en: "Status", kind: .choice([
                RegisterChoice(value: "open", zh: "待办理", en: "Open"),
                RegisterChoice(value: "in_progress", zh: "办理中", en: "In progress"),
                RegisterChoice(value: "done", zh: "已办结", en: "Done"),
            ]), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "doneOn", zh: "办结日期", en: "Done on", kind: .date, sortable: true),
            RegisterField(key: "result", zh: "办理结果", en: "Result", kind: .note(max: 2000), searchable: true),
        ],
        nameField: "title", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [
            .requiredWhen("doneOn", "status", equals: "done", zh: "已办结的事项须填写办结日期", en: "A done item needs the day it was done"),
            .filledOnlyWhen("doneOn", "status", equals: "done", zh: "尚未办结的事项不能填写办结日期", en: "Only a done item has a day it was done"),
        ],
        defaultSort: "dueOn", defaultDescending: false,
        timeLimit: .deadline("dueOn", settledWhen: "status", equals: "done"),
        // Illustrative items for demo enterprises: one done, one overdue, one on track.
        demoRows: [
            ["code": "YQYC-2025-001", "title": "扩产用地选址协调", "enterpriseId": "新吴恒泰集成电路有限公司", "request": "12 英寸产线扩产需新增用地约 50 亩",
             "owningUnitId": "GX-JQB", "dueOn": "2025-06-30", "status": "done", "doneOn": "2025-06-18", "result": "已在综合保税区周边确定备选地块两处"],
            ["code": "YQYC-2025-002", "title": "链主企业产线验证对接", "enterpriseId": "新吴盛源半导体装备有限公司", "request": "新一代刻蚀设备需上线验证",
             "owningUnitId": "集成电路产业专班", "dueOn": "2025-09-30", "status": "in_progress"],
            ["code": "YQYC-2026-001", "title": "人才公寓配租", "enterpriseId": "新吴宏通生物医药有限公司", "request": "研发团队新增 40 人，需人才公寓",
             "owningUnitId": "生命健康产业专班", "dueOn": "2027-06-30", "status": "open"],
        ]
    )
}
