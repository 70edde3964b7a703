import GaoxinDomain

extension RegisterTarget {
    static let targetMetric = RegisterTarget.register("target_metrics", zh: "目标指标", en: "Target metric", nameColumn: "name", alternateColumns: ["code"], path: "/target-metrics")
}

/// A metric the zone adds to its 目标指引清单 besides the built-in investment classes, signed
/// investment and talents (SPEC §2.5 "any other metric the zone defines") — 新引进研发机构（家）,
/// 海外人才项目落地（个）… — declared as data by the office. Goals per unit and year are
/// `targetMetricGoals`; what the units achieve they report in `targetMetricReports`; the target
/// progress adds them up over each unit's subtree (`TargetProgress`).
extension RegisterDeclaration {
    static let targetMetrics: RegisterDeclaration = RegisterDeclaration(
        key: "target-metrics", table: "target_metrics", entity: "target_metric", schemaName: "TargetMetric",
        titleZh: "自定义目标指标", titleEn: "Target metrics",
        fields: [
            RegisterField(key: "code", zh: "指标代码", en: "Code", kind: .code(max: 30), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 MBZB-01；导入按代码更新", helpEn: "e.g. MBZB-01; an import updates by this code"),
            RegisterField(key: "name", zh: "指标名称", en: "Name", kind: .text(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "如 新引进研发机构", helpEn: "e.g. new research institutes"),
            RegisterField(key: "measure", zh: "计量单位", en: "Unit of measure", kind: .text(max: 20), required: true, listed: true,
                          helpZh: "如 家、个、人", helpEn: "e.g. institutes, projects, people"),
            .note(max: 500),
        ],
        nameField: "name", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        demoRows: DemoAttraction.targetMetrics
    )
}
