/// 自定义指标 (issue 12 item 7): a monthly metric the zone tracks besides the six built-in figures —
/// 专利授权数（件）, 研发人员（人）, 技改投入（万元）… — declared as data by the office: its name,
/// unit and kind. Values are reported per enterprise and month (`CustomFigureRegister`, the
/// enterprise page), never coded.
extension RegisterDeclaration {
    static let zoneIndicators: RegisterDeclaration = RegisterDeclaration(
        key: "zone-indicators", table: "zone_indicators", entity: "zone_indicator", schemaName: "ZoneIndicator",
        titleZh: "自定义指标", titleEn: "Zone indicators",
        fields: [
            RegisterField(key: "code", zh: "指标代码", en: "Code", kind: .code(max: 30), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 ZB-01；导入按代码更新", helpEn: "e.g. ZB-01; an import updates by this code"),
            RegisterField(key: "name", zh: "指标名称", en: "Name", kind: .text(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "填报文件用它作指标列的值", helpEn: "Files name the indicator by it"),
            RegisterField(key: "unit", zh: "计量单位", en: "Unit", kind: .text(max: 20), required: true, listed: true, helpZh: "如 件、人、万元", helpEn: "e.g. items, people, 10k yuan"),
            RegisterField(key: "kind", zh: "数值类型", en: "Kind", kind: .choice([
                RegisterChoice(value: "count", zh: "整数", en: "Whole number"),
                RegisterChoice(value: "money", zh: "金额（万元）", en: "Money (10k yuan)"),
            ]), required: true, filterable: true, listed: true),
            .note(max: 500),
        ],
        nameField: "name", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        demoRows: [
            ["code": "ZB-01", "name": "专利授权数", "unit": "件", "kind": "count", "note": "当月新授权的发明、实用新型和外观设计专利（示例指标）"],
            ["code": "ZB-02", "name": "技术改造投入", "unit": "万元", "kind": "money", "note": "当月完成的技术改造投资（示例指标）"],
        ]
    )
}
