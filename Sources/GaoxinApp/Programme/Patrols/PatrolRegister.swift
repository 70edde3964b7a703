/// 日常跟踪 / 月度巡查 / 季度督查 (seed 004): a patrol of projects — when, which kind, who went, which
/// projects, what was found. A finding that needs work opens an obstacle (`obstacles`, naming the patrol).
extension RegisterTarget {
    static let patrol = RegisterTarget.register("patrols", zh: "巡查督查", en: "Patrol", nameColumn: "title", alternateColumns: ["code"], path: "/patrols")
}

extension RegisterDeclaration {
    static let patrols: RegisterDeclaration = RegisterDeclaration(
        key: "patrols", table: "patrols", entity: "patrol", schemaName: "Patrol",
        titleZh: "项目巡查督查", titleEn: "Project patrols",
        fields: [
            .recordNumber("巡查编号", "Patrol number", example: "XC-2025-11"),
            RegisterField(key: "title", zh: "巡查主题", en: "Title", kind: .text(max: 100), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "patrolledOn", zh: "巡查日期", en: "Date", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "kind", zh: "类型", en: "Kind", kind: .choice([
                RegisterChoice(value: "daily", zh: "日常跟踪", en: "Daily follow-up"),
                RegisterChoice(value: "monthly", zh: "月度巡查", en: "Monthly patrol"),
                RegisterChoice(value: "quarterly", zh: "季度督查", en: "Quarterly inspection"),
            ]), required: true, filterable: true, listed: true),
            RegisterField(key: "inspectors", zh: "巡查人员", en: "Inspectors", kind: .text(max: 200), required: true, searchable: true),
            RegisterField(key: "projectIds", zh: "巡查项目", en: "Projects visited", kind: .references(.project), filterable: true, listed: true),
            RegisterField(key: "findings", zh: "发现情况", en: "Findings", kind: .note(max: 4000), searchable: true),
            RegisterField(key: "owningUnitId", zh: "组织单位", en: "Organised by", kind: .reference(.unit), required: true, filterable: true, listed: true),
        ],
        nameField: "title", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        defaultSort: "patrolledOn", defaultDescending: true,
        demoRows: DemoAttraction.patrols
    )
}
