import GaoxinDomain

/// 目标指引清单 (seed 002): a unit's attraction targets for a year — new projects by investment
/// class (counted cumulatively, `InvestmentClass`) and total signed investment. Progress is never
/// typed: it is the projects the unit's subtree signed that year and the talents it introduced
/// (`TargetProgress`); the zone's own metrics are `targetMetricGoals` beside it.
extension RegisterDeclaration {
    static let attractionTargets: RegisterDeclaration = RegisterDeclaration(
        key: "attraction-targets", table: "attraction_targets", entity: "attraction_target", schemaName: "AttractionTarget",
        titleZh: "招商目标指引清单", titleEn: "Attraction targets",
        fields: [
            .recordNumber("清单编号", "Number", example: "MB-2025-WXGX"),
            RegisterField(key: "title", zh: "清单名称", en: "Title", kind: .text(max: 100), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "目标计入本单位及下级单位负责的项目", helpEn: "Counts the projects of this unit and the units below it"),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "over100Yi", zh: "超100亿元项目（个）", en: "Projects ≥ 10bn yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "over50Yi", zh: "超50亿元项目（个）", en: "Projects ≥ 5bn yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "over10Yi", zh: "超10亿元项目（个）", en: "Projects ≥ 1bn yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "over1Yi", zh: "超亿元项目（个）", en: "Projects ≥ 100m yuan", kind: .integer(min: 0, max: 100_000), listed: true),
            RegisterField(key: "signedInvestment", zh: "签约总投资", en: "Signed investment", kind: .money, listed: true),
            RegisterField(key: "talentsIntroduced", zh: "引进人才（人）", en: "Talents introduced", kind: .integer(min: 0, max: 1_000_000),
                          helpZh: "完成数为人才名录中当年引进、由本单位及下级单位负责的人才", helpEn: "Counted from the talent register: introduced that year by this unit's subtree"),
            .note(max: 1000),
        ],
        nameField: "title", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoAttraction.targets,
        batchCheck: RegisterOneRowPerYear(field: "owningUnitId", column: "owning_unit_id", table: "attraction_targets", nameColumn: "title",
                                          ownerZh: "该单位", ownerEn: "This unit", rowZh: "目标清单", rowEn: "targets").check
    )
}
