import GaoxinDomain

/// 揭榜申请: an enterprise's application to a scenario — from the public form (no sign-in) or
/// entered by the owner — with its credit code, contact and proposal; the scenario's owner reviews
/// it (入围, 揭榜成功 or 未采纳) and may turn it into an attraction lead (source 场景招商), which
/// keeps the link. One application per credit code and scenario; none from the public form to a
/// scenario not open (the public form also refuses one past its deadline).
extension RegisterTarget {
    static let scenarioApplication = RegisterTarget.register("scenario_applications", zh: "揭榜申请", en: "Scenario application", nameColumn: "code",
                                                             path: "/scenario-applications")
}

extension RegisterDeclaration {
    static let applicationStatuses = [
        RegisterChoice(value: "submitted", zh: "待评审", en: "Submitted"),
        RegisterChoice(value: "shortlisted", zh: "入围", en: "Shortlisted"),
        RegisterChoice(value: "matched", zh: "揭榜成功", en: "Matched"),
        RegisterChoice(value: "declined", zh: "未采纳", en: "Declined"),
    ]

    static let scenarioApplications: RegisterDeclaration = RegisterDeclaration(
        key: "scenario-applications", table: "scenario_applications", entity: "scenario_application", schemaName: "ScenarioApplication",
        titleZh: "揭榜申请", titleEn: "Scenario applications",
        fields: [
            RegisterField(key: "code", zh: "申请编号", en: "Application number", kind: .code(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "公开申请自动编号；导入按编号更新", helpEn: "Numbered automatically when applied for publicly; an import updates by it"),
            RegisterField(key: "scenarioId", zh: "应用场景", en: "Scenario", kind: .reference(.scenario), required: true, filterable: true, listed: true),
            RegisterField(key: "companyName", zh: "申请企业", en: "Company", kind: .text(max: 200), required: true, searchable: true, listed: true),
            RegisterField(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", kind: .creditCode, required: true, searchable: true),
            RegisterField(key: "contactName", zh: "联系人", en: "Contact", kind: .text(max: 50), required: true),
            RegisterField(key: "contactPhone", zh: "联系电话", en: "Phone", kind: .text(max: 30), required: true, example: "13900001111"),
            RegisterField(key: "email", zh: "电子邮箱", en: "E-mail", kind: .text(max: 200), example: "apply@example.com"),
            RegisterField(key: "proposal", zh: "解决方案", en: "Proposal", kind: .note(max: 3000), required: true, searchable: true,
                          helpZh: "技术路线、已有应用案例、交付周期", helpEn: "Approach, references, delivery time"),
            RegisterField(key: "status", zh: "评审结果", en: "Review", kind: .choice(applicationStatuses), required: true, filterable: true, listed: true),
            RegisterField(key: "reviewNote", zh: "评审意见", en: "Review note", kind: .note(max: 1000)),
            RegisterField(key: "fromPublic", zh: "公开申请", en: "Applied publicly", kind: .flag, filterable: true, listed: true, managed: true, example: "0"),
        ],
        nameField: "code", importKey: "code", policy: Policies.programme, ownership: .referencedUnit(field: "scenarioId", table: "scenarios"),
        rules: [
            RegisterRule { values in
                guard let phone = values["contactPhone"]?.text, !ContactPhone.isPlausible(phone) else { return nil }
                return .invalid("contactPhone", zh: "联系电话应为手机号或带区号的固定电话", en: "Give a mobile number or a landline with its area code")
            },
            RegisterRule { values in
                guard let email = values["email"]?.text, !ContactPhone.isPlausibleEmail(email) else { return nil }
                return .invalid("email", zh: "电子邮箱格式不正确", en: "Not an e-mail address")
            },
        ],
        defaultSort: "code", defaultDescending: true,
        demoRows: DemoParks.applications,
        batchCheck: ScenarioApplicationChecks.check
    )
}
