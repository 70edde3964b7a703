import GaoxinDomain

/// A unit's goal for a zone-defined metric (`targetMetrics`) in a year — a line of its 目标指引
///清单 beyond the built-in ones, set by the office like the list itself. One per unit, metric and
/// year; progress is what the unit's subtree reports that year (`targetMetricReports`).
extension RegisterDeclaration {
    static let targetMetricGoals: RegisterDeclaration = RegisterDeclaration(
        key: "target-metric-goals", table: "target_metric_goals", entity: "target_metric_goal", schemaName: "TargetMetricGoal",
        titleZh: "自定义指标目标", titleEn: "Target metric goals",
        fields: [
            .recordNumber("目标编号", "Number", example: "MBZ-2025-WXGX-01"),
            RegisterField(key: "metricId", zh: "指标", en: "Metric", kind: .reference(.targetMetric), required: true, filterable: true, listed: true,
                          helpZh: "指标名称或代码", helpEn: "The metric's name or code"),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "计入本单位及下级单位填报的完成量", helpEn: "Counts what this unit and the units below it report"),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "goal", zh: "目标值", en: "Goal", kind: .integer(min: 0, max: 1_000_000_000), required: true, sortable: true, listed: true),
            .note(max: 500),
        ],
        nameField: "code", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoAttraction.targetMetricGoals,
        batchCheck: RegisterOneRowPerYear(owners: [.init(field: "owningUnitId", column: "owning_unit_id"), .init(field: "metricId", column: "metric_id")],
                                          table: "target_metric_goals", nameColumn: "code", ownerZh: "该单位", ownerEn: "This unit",
                                          rowZh: "该指标的目标", rowEn: "a goal for the metric",
                                          sameZh: "同一单位、同一指标、同一年度", sameEn: "the same unit, metric and year").check
    )
}
