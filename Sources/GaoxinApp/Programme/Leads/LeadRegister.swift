import GaoxinDomain

/// 招商线索 (SPEC §2.4, seed 002's 双招双引): a company a team is working to bring in — which
/// company (an enterprise on record, a target company of the chain map, or one named here), the
/// chain node, where the lead came from, the team, the investment it may bring, and where it
/// stands: 线索 → 接洽 → 洽谈 → 签约, or 放弃 with a reason. A company worked by one team is
/// refused to another (same credit code or the same name written another way, `CompanyNameKey`).
extension RegisterTarget {
    static let lead = RegisterTarget.register("leads", zh: "招商线索", en: "Lead", nameColumn: "company_name", alternateColumns: ["code"], path: "/leads")
    static let targetCompany = RegisterTarget.register("target_companies", zh: "招商目标企业", en: "Target company", nameColumn: "name", path: "/target-companies")
}

enum LeadStage: String, CaseIterable, Sendable {
    case lead, contacting, negotiating, signed, dropped

    var zh: String {
        switch self {
        case .lead: return "线索"
        case .contacting: return "接洽"
        case .negotiating: return "洽谈"
        case .signed: return "签约"
        case .dropped: return "放弃"
        }
    }

    var en: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Still being worked: a company in one of these is the team's.
    var isOpen: Bool { self != .signed && self != .dropped }
}

extension RegisterDeclaration {
    static let leads: RegisterDeclaration = RegisterDeclaration(
        key: "leads", table: "leads", entity: "lead", schemaName: "Lead",
        titleZh: "招商线索", titleEn: "Leads",
        fields: [
            .recordNumber("线索编号", "Lead number", example: "XS-2025-001"),
            RegisterField(key: "companyName", zh: "企业名称", en: "Company", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true,
                          helpZh: "拟招引企业的全称；同一企业已有团队跟进时不能重复登记", helpEn: "The company's full name; one already worked by a team is refused"),
            RegisterField(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", kind: .code(max: 30), searchable: true,
                          helpZh: "境内企业填写，用于查重", helpEn: "For a company registered in China; used to find duplicates"),
            RegisterField(key: "enterpriseId", zh: "在库企业", en: "Enterprise on record", kind: .reference(.enterprise), filterable: true,
                          helpZh: "已在企业库中的企业（增资扩产等）", helpEn: "An enterprise already on record (an expansion)"),
            RegisterField(key: "targetCompanyId", zh: "目标企业", en: "Target company", kind: .reference(.targetCompany), filterable: true,
                          helpZh: "来自产业链图谱的招商目标企业", helpEn: "A target company of the chain map"),
            RegisterField(key: "chainNodeId", zh: "产业链环节", en: "Chain node", kind: .reference(.chainNode), filterable: true, listed: true,
                          helpZh: "写作“产业链／环节”", helpEn: "Written “chain／node”"),
            RegisterField(key: "scenarioApplicationId", zh: "来源揭榜申请", en: "From scenario application", kind: .reference(.scenarioApplication), unique: true,
                          helpZh: "由应用场景揭榜申请转入时填写", helpEn: "The scenario application it came from"),
            RegisterField(key: "sourceId", zh: "线索来源", en: "Source", kind: .reference(.leadSource), required: true, filterable: true, listed: true),
            RegisterField(key: "owningUnitId", zh: "招商团队", en: "Team", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "estimatedInvestment", zh: "预计投资", en: "Estimated investment", kind: .money, sortable: true, listed: true),
            RegisterField(key: "contacts", zh: "联系人", en: "Contacts", kind: .note(max: 500), helpZh: "姓名、职务、电话", helpEn: "Names, positions, phones"),
            RegisterField(key: "stage", zh: "阶段", en: "Stage", kind: .choice(LeadStage.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.zh, en: $0.en) }),
                          required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "droppedReason", zh: "放弃原因", en: "Why dropped", kind: .note(max: 500)),
            RegisterField(key: "nextStep", zh: "下一步", en: "Next step", kind: .text(max: 200)),
            RegisterField(key: "nextStepOn", zh: "下一步时间", en: "Next step on", kind: .date, sortable: true, filterable: true, listed: true),
            RegisterField(key: "companyKey", zh: "查重名称", en: "Name for duplicates", kind: .code(max: 200), derived: true),
        ],
        nameField: "companyName", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [
            .requiredWhen("droppedReason", "stage", equals: LeadStage.dropped.rawValue, zh: "放弃的线索须说明原因", en: "A dropped lead needs a reason"),
            .filledOnlyWhen("droppedReason", "stage", equals: LeadStage.dropped.rawValue, zh: "只有放弃的线索填写放弃原因", en: "Only a dropped lead has a reason for it"),
        ],
        defaultSort: "nextStepOn", defaultDescending: false,
        timeLimit: .deadline("nextStepOn", settledWhen: "stage", in: [LeadStage.signed.rawValue, LeadStage.dropped.rawValue]),
        demoRows: DemoAttraction.leads,
        derive: { values in
            values["companyKey"] = values["companyName"]?.text.map { .text(CompanyNameKey.of($0)) }
            // Codes as printed (“91 3202 …”, with hyphens) are kept in their compact form, so they compare.
            if let code = values["creditCode"]?.text { values["creditCode"] = .text(CreditCode.compact(code)) }
        },
        batchCheck: LeadDuplicates.check,
        indexedChoiceOrders: ["stage"]
    )
}
