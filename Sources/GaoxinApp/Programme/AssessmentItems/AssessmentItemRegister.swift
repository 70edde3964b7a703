import GaoxinDomain

/// 考核项目 (SPEC §2.5, issue 14): one line of a year's assessment — its name and the formula
/// that turns the unit's metrics into points (`AssessmentFormula` over `AssessmentMetric`),
/// declared as data by the office and shown beside every score it gives (`Assessment`). A formula
/// naming a metric that does not exist, or that does not parse, is refused at the field.
extension RegisterDeclaration {
    static let assessmentItems: RegisterDeclaration = RegisterDeclaration(
        key: "assessment-items", table: "assessment_items", entity: "assessment_item", schemaName: "AssessmentItem",
        titleZh: "考核项目", titleEn: "Assessment items",
        fields: [
            RegisterField(key: "code", zh: "项目编号", en: "Number", kind: .code(max: 30), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 KH-2025-01；导入按编号更新", helpEn: "e.g. KH-2025-01; an import updates by this number"),
            RegisterField(key: "year", zh: "考核年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "name", zh: "考核项目", en: "Item", kind: .text(max: 50), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "formula", zh: "计分公式", en: "Formula", kind: .text(max: 500), required: true, listed: true,
                          helpZh: "用指标名称与 + − × ÷、括号、min(…,…)、max(…,…) 书写，如 min(签约总投资 ÷ 目标签约总投资, 1.2) × 40；除数为 0 时该项计 0。可用指标：" + AssessmentMetric.listZh,
                          helpEn: "Metric names with + − × ÷, brackets, min(…,…) and max(…,…), e.g. min(签约总投资 ÷ 目标签约总投资, 1.2) × 40; a division by zero counts 0",
                          example: "min(签约总投资 ÷ 目标签约总投资, 1.2) × 40 − 2 × 滞后项目数"),
            .note(max: 500),
        ],
        nameField: "name", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        rules: [
            RegisterRule { values in
                guard let text = values["formula"]?.text else { return nil }
                do {
                    _ = try AssessmentFormula.parse(text, metrics: AssessmentMetric.names)
                    return nil
                } catch let error as AssessmentFormula.ParseError {
                    return .invalid("formula", zh: error.messageZh + "。可用指标：" + AssessmentMetric.listZh, en: error.messageEn)
                } catch {
                    return .invalid("formula", zh: "公式无法识别", en: "The formula cannot be read")
                }
            },
        ],
        defaultSort: "year", defaultDescending: true,
        demoRows: [
            ["code": "KH-2025-01", "year": "2025", "name": "签约投资", "formula": "min(签约总投资 ÷ 目标签约总投资, 1.2) × 40",
             "note": "完成签约总投资目标得 40 分，超额最多计 120%"],
            ["code": "KH-2025-02", "year": "2025", "name": "项目质量", "formula": "min(超10亿元项目数 ÷ 目标超10亿元项目数, 1) × 15 + min(超亿元项目数 ÷ 目标超亿元项目数, 1) × 10"],
            ["code": "KH-2025-03", "year": "2025", "name": "投资完成", "formula": "min(投资完成率, 1) × 20"],
            ["code": "KH-2025-04", "year": "2025", "name": "人才引进", "formula": "min(引进人才数 ÷ 目标引进人才数, 1) × 15"],
            ["code": "KH-2025-05", "year": "2025", "name": "扣分项", "formula": "max(−2 × 滞后项目数 − 逾期问题数, −10)",
             "note": "每个滞后项目扣 2 分、每个逾期问题扣 1 分，最多扣 10 分"],
        ]
    )
}
