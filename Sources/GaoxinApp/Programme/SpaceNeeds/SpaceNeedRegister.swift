import GaoxinDomain

/// 空间需求: what a project (or a lead, or an enquiry on its own) needs of a space — kind, area
/// range, floor load, clear height, power, industry, budget and the day it is needed — kept so the
/// matching (`SpaceMatchPages`) can be rerun as spaces change, and owned by the unit working it.
extension RegisterDeclaration {
    static let spaceNeeds: RegisterDeclaration = RegisterDeclaration(
        key: "space-needs", table: "space_needs", entity: "space_need", schemaName: "SpaceNeed", titleZh: "空间需求", titleEn: "Space needs",
        fields: [
            .recordNumber("需求编号", "Need number", example: "XQ-2025-001"),
            RegisterField(key: "name", zh: "需求名称", en: "Name", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "projectId", zh: "项目", en: "Project", kind: .reference(.project), filterable: true, listed: true),
            RegisterField(key: "leadId", zh: "线索", en: "Lead", kind: .reference(.lead), filterable: true),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Responsible unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "kind", zh: "空间类型", en: "Kind", kind: .choice(SpaceKind.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn) }),
                          required: true, filterable: true, listed: true),
            RegisterField(key: "areaMin", zh: "面积下限", en: "Area at least", kind: .area, required: true, listed: true),
            RegisterField(key: "areaMax", zh: "面积上限", en: "Area at most", kind: .area, listed: true),
            RegisterField(key: "floorLoad", zh: "楼面荷载不低于（kN/m²）", en: "Floor load at least (kN/m²)", kind: .decimal(places: 1, min: 0, max: 100_000),
                          helpZh: "按 kN/m² 填写，1 t/m² ≈ 9.8 kN/m²", helpEn: "In kN/m² (1 t/m² ≈ 9.8 kN/m²)", example: "20"),
            RegisterField(key: "clearHeight", zh: "净高不低于（米）", en: "Clear height at least (m)", kind: .decimal(places: 1, min: 2, max: 60), example: "6"),
            RegisterField(key: "powerCapacity", zh: "供电容量不低于（kVA）", en: "Power at least (kVA)", kind: .integer(min: 0, max: 1_000_000)),
            RegisterField(key: "industry", zh: "所属行业", en: "Industry", kind: .industry, filterable: true,
                          helpZh: "与园区主导产业比对", helpEn: "Compared with the parks' lead industries"),
            RegisterField(key: "maxRent", zh: "租金预算（元/m²·月）", en: "Rent budget (yuan/m²/month)", kind: .decimal(places: 2, min: 0, max: 10_000)),
            RegisterField(key: "maxPrice", zh: "购置预算", en: "Purchase budget", kind: .money),
            RegisterField(key: "neededBy", zh: "需求日期", en: "Needed by", kind: .date, sortable: true, filterable: true, listed: true),
            .note(max: 1000),
        ],
        nameField: "name", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: [
            .positive("areaMin", zh: "面积下限应大于 0 平方米", en: "The lower area bound must be above 0 m²"),
            .notLess("areaMax", than: "areaMin", zh: "面积上限不能小于下限", en: "The upper area bound cannot be below the lower"),
            .floorLoad("floorLoad"),
        ],
        defaultSort: "neededBy",
        demoRows: DemoParks.needs
    )
}
