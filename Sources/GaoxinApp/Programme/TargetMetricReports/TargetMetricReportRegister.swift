import GaoxinDomain

/// What a unit achieved on a zone-defined metric: each report a dated entry with what it was
/// (引进某研发机构, 2 家), written by the unit that achieved it (the `unit` role writes its own
/// subtree's reports). The year's sum over a unit's subtree is its actual in `TargetProgress`.
extension RegisterDeclaration {
    static let targetMetricReports: RegisterDeclaration = RegisterDeclaration(
        key: "target-metric-reports", table: "target_metric_reports", entity: "target_metric_report", schemaName: "TargetMetricReport",
        titleZh: "自定义指标完成填报", titleEn: "Target metric reports",
        fields: [
            .recordNumber("填报编号", "Number", example: "TB-2025-0001"),
            RegisterField(key: "content", zh: "完成事项", en: "Achieved", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true,
                          helpZh: "如 引进某某研究院无锡分院", helpEn: "What was achieved"),
            RegisterField(key: "metricId", zh: "指标", en: "Metric", kind: .reference(.targetMetric), required: true, filterable: true, listed: true,
                          helpZh: "指标名称或代码", helpEn: "The metric's name or code"),
            RegisterField(key: "owningUnitId", zh: "填报单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "achievedOn", zh: "完成日期", en: "Achieved on", kind: .date, required: true, sortable: true, filterable: true, listed: true,
                          helpZh: "按此日期计入年度", helpEn: "Counts in the year of this day"),
            RegisterField(key: "amount", zh: "完成量", en: "Amount", kind: .integer(min: 0, max: 1_000_000_000), required: true, sortable: true, listed: true,
                          helpZh: "按指标的计量单位", helpEn: "In the metric's unit of measure"),
            .note(max: 1000),
        ],
        nameField: "content", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        defaultSort: "achievedOn", defaultDescending: true,
        demoRows: DemoAttraction.targetMetricReports
    )
}
