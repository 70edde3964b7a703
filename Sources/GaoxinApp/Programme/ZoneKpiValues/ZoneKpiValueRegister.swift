import GaoxinDomain

/// The value of an entered zone indicator for a year (每万人发明专利拥有量, 科创载体面积…), with
/// where it comes from; typed in the indicator's unit. A computed indicator takes no entries.
extension RegisterDeclaration {
    static let zoneKpiValues: RegisterDeclaration = RegisterDeclaration(
        key: "zone-kpi-values", table: "zone_kpi_values", entity: "zone_kpi_value", schemaName: "ZoneKpiValue",
        titleZh: "区域指标填报", titleEn: "Zone indicator values",
        fields: [
            .recordNumber("填报编号", "Number", example: "ZBTB-2025-01"),
            RegisterField(key: "kpiId", zh: "指标", en: "Indicator", kind: .reference(.zoneKpi), required: true, filterable: true, listed: true,
                          helpZh: "取值方式为“填报”的指标", helpEn: "An indicator whose source is “entered”"),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "value", zh: "取值", en: "Value", kind: .decimal(places: 2, min: 0, max: 1_000_000_000_000), required: true, sortable: true, listed: true,
                          helpZh: "按指标的计量单位填写；年度未结束时填最新值", helpEn: "In the indicator's unit; within the year, the latest value", example: "12"),
            RegisterField(key: "basis", zh: "数据来源", en: "Basis", kind: .text(max: 200), listed: true,
                          helpZh: "如 统计局年报、科技局认定名单", helpEn: "e.g. the statistics bureau's yearbook"),
            .note(max: 500),
        ],
        nameField: "code", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoZoneKpis.values,
        batchCheck: ZoneKpiFigureCheck(field: "value", table: "zone_kpi_values", rowZh: "填报值", rowEn: "a value", enteredOnly: true).checks
    )
}
