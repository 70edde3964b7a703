import GaoxinDomain

/// A zone indicator's target for a year (有效高企 1200 家), typed in the indicator's own unit: a
/// number that only makes sense in another unit is refused with the conversion (`KpiMeasure`).
/// One target per indicator and year.
extension RegisterDeclaration {
    static let zoneKpiTargets: RegisterDeclaration = RegisterDeclaration(
        key: "zone-kpi-targets", table: "zone_kpi_targets", entity: "zone_kpi_target", schemaName: "ZoneKpiTarget",
        titleZh: "区域指标目标", titleEn: "Zone indicator targets",
        fields: [
            .recordNumber("目标编号", "Number", example: "ZBMB-2025-01"),
            RegisterField(key: "kpiId", zh: "指标", en: "Indicator", kind: .reference(.zoneKpi), required: true, filterable: true, listed: true,
                          helpZh: "指标名称或代码", helpEn: "The indicator's name or code"),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "target", zh: "目标值", en: "Target", kind: .decimal(places: 2, min: 0, max: 1_000_000_000_000), required: true, sortable: true, listed: true,
                          helpZh: "按指标的计量单位填写（如 80 万平方米填 80）", helpEn: "In the indicator's unit (80 for 800,000 m² when it counts 10k m²)", example: "12"),
            .note(max: 500),
        ],
        nameField: "code", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoZoneKpis.targets,
        batchCheck: ZoneKpiFigureCheck(field: "target", table: "zone_kpi_targets", rowZh: "目标", rowEn: "a target", enteredOnly: false).checks
    )
}
