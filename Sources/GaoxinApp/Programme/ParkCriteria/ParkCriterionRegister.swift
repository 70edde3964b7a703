/// 认定指标: one criterion of a recognition standard — the statistic it reads, its threshold in
/// that statistic's unit, its weight, and whether it is 必备 (must be met whatever the score).
/// Scoring is `ParkRecognition` (GaoxinDomain); the weights need not sum to 100.
extension RegisterDeclaration {
    static let parkCriteria: RegisterDeclaration = RegisterDeclaration(
        key: "park-criteria", table: "park_criteria", entity: "park_criterion", schemaName: "ParkCriterion", titleZh: "认定指标", titleEn: "Recognition criteria",
        fields: [
            RegisterField(key: "code", zh: "指标编号", en: "Number", kind: .code(max: 50), required: true, unique: true, searchable: true, sortable: true, listed: true,
                          helpZh: "如 RD-TS-01；导入按编号更新", helpEn: "e.g. RD-TS-01; an import updates by this number"),
            RegisterField(key: "name", zh: "指标名称", en: "Name", kind: .text(max: 100), required: true, searchable: true, listed: true),
            RegisterField(key: "standardId", zh: "认定标准", en: "Standard", kind: .reference(.parkStandard), required: true, filterable: true, listed: true),
            RegisterField(key: "statistic", zh: "统计项", en: "Statistic", kind: .choice(ParkStatistic.readable), required: true, filterable: true, listed: true),
            RegisterField(key: "threshold", zh: "门槛值", en: "Threshold", kind: .decimal(places: 2, min: 0, max: 1_000_000_000_000), required: true, listed: true,
                          helpZh: "按统计项的单位填写（营业收入 30 亿元填 300000）", helpEn: "In the statistic's unit (revenue in 10k yuan)", example: "50"),
            RegisterField(key: "weight", zh: "权重", en: "Weight", kind: .integer(min: 1, max: 100), required: true, listed: true),
            RegisterField(key: "required", zh: "必备条件", en: "Required", kind: .flag, filterable: true, listed: true),
            .note(max: 500),
        ],
        nameField: "code", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        defaultSort: "code",
        demoRows: DemoParks.criteria
    )
}
