/// 跟进记录 (SPEC §2.4): what a team did on a lead — a visit, a call, a negotiation, a site visit —
/// with who took part, what was said and the next step. Belongs to the lead's team
/// (`RegisterOwnership.referencedUnit`); the lead's page shows them newest first as its timeline.
extension RegisterDeclaration {
    static let leadActivities: RegisterDeclaration = RegisterDeclaration(
        key: "lead-activities", table: "lead_activities", entity: "lead_activity", schemaName: "LeadActivity",
        titleZh: "线索跟进记录", titleEn: "Lead activities",
        fields: [
            RegisterField(key: "code", zh: "记录编号", en: "Number", kind: .code(max: 50), unique: true, searchable: true,
                          helpZh: "可空；导入时填写已有编号则更新该记录", helpEn: "Optional; an import updates the record with a known number"),
            RegisterField(key: "leadId", zh: "线索", en: "Lead", kind: .reference(.lead), required: true, filterable: true, listed: true,
                          helpZh: "线索编号或企业名称", helpEn: "The lead's number or company"),
            RegisterField(key: "occurredOn", zh: "日期", en: "Date", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "kind", zh: "方式", en: "Kind", kind: .choice([
                RegisterChoice(value: "visit", zh: "拜访", en: "Visit"),
                RegisterChoice(value: "call", zh: "电话", en: "Call"),
                RegisterChoice(value: "negotiation", zh: "洽谈", en: "Negotiation"),
                RegisterChoice(value: "site_visit", zh: "考察", en: "Site visit"),
                RegisterChoice(value: "other", zh: "其他", en: "Other"),
            ]), required: true, filterable: true, listed: true),
            RegisterField(key: "subject", zh: "摘要", en: "Subject", kind: .text(max: 100), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "people", zh: "参与人员", en: "People", kind: .text(max: 200), required: true, searchable: true),
            RegisterField(key: "content", zh: "内容", en: "Content", kind: .note(max: 2000), searchable: true),
            RegisterField(key: "nextStep", zh: "下一步", en: "Next step", kind: .text(max: 200)),
            RegisterField(key: "nextStepOn", zh: "下一步时间", en: "Next step on", kind: .date, sortable: true, listed: true),
        ],
        nameField: "subject", importKey: "code", policy: Policies.programme, ownership: .referencedUnit(field: "leadId", table: "leads"),
        rules: [.notBefore("nextStepOn", "occurredOn", zh: "下一步时间不能早于本次日期", en: "The next step cannot come before this one")],
        defaultSort: "occurredOn", defaultDescending: true,
        demoRows: DemoAttraction.activities
    )
}
