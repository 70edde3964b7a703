/// 问题 / 要素保障 (SPEC §2.4, seed 004): what stands in a project's way — land, power, a permit,
/// finance, talent — found on a patrol or reported, the unit that must clear it, by when, and how it
/// was resolved. An open obstacle past its due day is overdue without anyone marking it; the
/// responsible unit (the `unit` role) writes the obstacles assigned to it.
extension RegisterDeclaration {
    static let obstacles: RegisterDeclaration = RegisterDeclaration(
        key: "obstacles", table: "obstacles", entity: "obstacle", schemaName: "Obstacle",
        titleZh: "项目问题与要素保障", titleEn: "Project obstacles",
        fields: [
            .recordNumber("问题编号", "Number", example: "WT-2025-001"),
            RegisterField(key: "title", zh: "问题", en: "Obstacle", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "projectId", zh: "项目", en: "Project", kind: .reference(.project), required: true, filterable: true, listed: true,
                          helpZh: "项目编号或名称", helpEn: "The project's number or name"),
            RegisterField(key: "patrolId", zh: "发现于巡查", en: "Found on patrol", kind: .reference(.patrol), filterable: true),
            RegisterField(key: "kind", zh: "要素类型", en: "Kind", kind: .choice([
                RegisterChoice(value: "land", zh: "用地", en: "Land"),
                RegisterChoice(value: "power", zh: "用能", en: "Power"),
                RegisterChoice(value: "permit", zh: "审批", en: "Permit"),
                RegisterChoice(value: "finance", zh: "融资", en: "Finance"),
                RegisterChoice(value: "talent", zh: "人才", en: "Talent"),
                RegisterChoice(value: "other", zh: "其他", en: "Other"),
            ]), required: true, filterable: true, listed: true),
            RegisterField(key: "description", zh: "问题描述", en: "Description", kind: .note(max: 2000), searchable: true),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Responsible unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "dueOn", zh: "解决时限", en: "Due on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "status", zh: "解决状态", en: "Resolution status", kind: .choice([
                RegisterChoice(value: "open", zh: "待解决", en: "Open"),
                RegisterChoice(value: "in_progress", zh: "协调中", en: "In progress"),
                RegisterChoice(value: "resolved", zh: "已解决", en: "Resolved"),
            ]), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "resolution", zh: "解决情况", en: "Resolution", kind: .note(max: 2000), searchable: true),
            RegisterField(key: "resolvedOn", zh: "解决日期", en: "Resolved on", kind: .date, sortable: true),
        ],
        nameField: "title", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [
            .requiredWhen("resolvedOn", "status", equals: "resolved", zh: "已解决的问题须填写解决日期", en: "A resolved obstacle needs the day"),
            .filledOnlyWhen("resolvedOn", "status", equals: "resolved", zh: "尚未解决的问题不能填写解决日期", en: "Only a resolved obstacle has a day it was resolved"),
        ],
        defaultSort: "dueOn", defaultDescending: false,
        timeLimit: .deadline("dueOn", settledWhen: "status", equals: "resolved"),
        demoRows: DemoAttraction.obstacles
    )
}
