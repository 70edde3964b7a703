import GaoxinDomain

extension RegisterTarget {
    static let zoneKpi = RegisterTarget.register("zone_kpis", zh: "区域指标", en: "Zone indicator", nameColumn: "name", alternateColumns: ["code"], path: "/zone-kpis")
}

/// 区域指标体系 (SPEC §3 "zone indicators", issue 14): the zone's own KPI system — the 国家高新区
/// evaluation's indicators and the board's yearly targets of seed 003 (有效高企 1200 家, 科创载体
/// 80 万平方米, 引进大学生 1.6 万人) — declared as data by the office. Each says its unit and where its
/// value comes from: computed from the registers (`ZoneKpiSource`, query shown on the indicator
/// board) or entered year by year (`zoneKpiValues`); targets per year are `zoneKpiTargets`.
extension RegisterDeclaration {
    static let zoneKpis: RegisterDeclaration = RegisterDeclaration(
        key: "zone-kpis", table: "zone_kpis", entity: "zone_kpi", schemaName: "ZoneKpi", titleZh: "区域指标", titleEn: "Zone indicators",
        fields: [
            RegisterField(key: "code", zh: "指标代码", en: "Code", kind: .code(max: 30), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 ZB-01；导入按代码更新", helpEn: "e.g. ZB-01; an import updates by this code"),
            RegisterField(key: "name", zh: "指标名称", en: "Name", kind: .text(max: 60), required: true, unique: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "category", zh: "指标类别", en: "Category", kind: .choice(ZoneKpiCategory.choices), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "measure", zh: "计量单位", en: "Unit of measure", kind: .choice(KpiMeasure.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.zh, en: $0.en) }),
                          required: true, listed: true, helpZh: "目标与填报值都按此单位填写", helpEn: "Targets and reported values are typed in this unit"),
            RegisterField(key: "source", zh: "取值方式", en: "Source", kind: .choice(ZoneKpiSource.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.zh, en: $0.en) }),
                          required: true, filterable: true, listed: true,
                          helpZh: "“填报”按年度填写取值；其余由系统按登记数据计算，指标页显示所用查询",
                          helpEn: "Entered: a value a year is typed in; otherwise computed from the registers, the query shown on the board"),
            RegisterField(key: "cumulative", zh: "年内累计", en: "Adds up over the year", kind: .flag, required: true,
                          helpZh: "是：自 1 月 1 日起累计（如引进人才），年中按时间进度比较；否：取某日的存量（如有效高企）",
                          helpEn: "Yes: a flow from 1 January, compared with the time elapsed; no: a stock read at a day"),
            RegisterField(key: "lowerIsBetter", zh: "越小越好", en: "Lower is better", kind: .flag, helpZh: "如单位 GDP 能耗", helpEn: "e.g. energy per unit of GDP"),
            .note(max: 500),
        ],
        nameField: "name", importKey: "code", policy: Policies.officeRegisters, ownership: .officeOnly,
        rules: [
            RegisterRule { values in
                guard let source = values["source"]?.text.flatMap(ZoneKpiSource.init(rawValue:)), let measure = source.measure,
                      values["measure"]?.text != measure.rawValue else { return nil }
                return .invalid("measure", zh: "取值方式“\(source.zh)”以“\(measure.zh)”计，计量单位应为“\(measure.zh)”",
                                en: "\(source.en) is counted in \(measure.en); the unit of measure must be \(measure.en)")
            },
            RegisterRule { values in
                guard let source = values["source"]?.text.flatMap(ZoneKpiSource.init(rawValue:)), let cumulative = source.cumulative,
                      let flag = values["cumulative"], flag != .flag(cumulative) else { return nil }
                return .invalid("cumulative", zh: "取值方式“\(source.zh)”\(cumulative ? "为年内累计，应选“是”" : "为存量，应选“否”")",
                                en: "\(source.en) \(cumulative ? "adds up over the year: choose yes" : "is a stock: choose no")")
            },
        ],
        defaultSort: "category",
        demoRows: DemoZoneKpis.indicators
    )
}

/// The groups of the 国家高新区 evaluation (科技部《国家高新区评价指标体系》's five), and the
/// zone's own yearly targets beside them.
enum ZoneKpiCategory {
    static let choices: [RegisterChoice] = [
        RegisterChoice(value: "innovation", zh: "创新能力和创业活跃度", en: "Innovation and entrepreneurship"),
        RegisterChoice(value: "structure", zh: "结构优化和产业价值链", en: "Structure and value chain"),
        RegisterChoice(value: "green", zh: "绿色发展和宜居包容性", en: "Green and inclusive development"),
        RegisterChoice(value: "openness", zh: "开放创新和国际竞争力", en: "Openness and competitiveness"),
        RegisterChoice(value: "quality", zh: "综合质效和持续创新力", en: "Overall quality"),
        RegisterChoice(value: "annual", zh: "年度重点目标", en: "The year's key targets"),
    ]
}
