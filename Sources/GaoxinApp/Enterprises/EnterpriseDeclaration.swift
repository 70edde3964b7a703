import GaoxinDomain

/// 企业 (SPEC §2.3), declared: the register's fields, list, forms, API, import template, export
/// and audit come from here like every register's. What only an enterprise has — its monthly
/// figures, qualifications, the zone's own indicators and its chain nodes — are sections of its
/// page (`EnterpriseSections`) and routes of their own (`EnterpriseRoutes`); its import is the
/// streamed bulk one a province's million enterprises need (`EnterpriseRegister`), reading the
/// columns and checks declared here. The list is tuned for that size (`EnterpriseList`).
extension RegisterDeclaration {
    static let enterprises: RegisterDeclaration = RegisterDeclaration(
        key: "enterprises", table: "enterprises", entity: "enterprise", schemaName: "Enterprise", titleZh: "企业", titleEn: "Enterprises",
        fields: [
            RegisterField(key: "name", zh: "企业名称", en: "Name", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true,
                          example: "无锡芯测半导体有限公司"),
            // Unique among all enterprises, deactivated ones too: figures and qualification files name an enterprise by it.
            RegisterField(key: "creditCode", zh: "统一社会信用代码", en: "Credit code", kind: .creditCode, required: true, unique: true, uniqueAmongAll: true,
                          searchedByPrefix: true, sortable: true, listed: true,
                          helpZh: "18 位，末位校验位；已登记的代码导入时更新该企业", helpEn: "18 characters with a check character; an import row with a registered code updates that enterprise",
                          example: "91320214MA1XYU0003"),
            RegisterField(key: "industryCode", zh: "行业代码", en: "Industry code", kind: .industry, required: true, sortable: true, filterable: true, listed: true,
                          helpZh: "GB/T 4754-2017 的 2–4 位代码，或行业名称（如 集成电路制造）", helpEn: "A GB/T 4754-2017 code of 2–4 digits, or the industry's name",
                          example: "3973"),
            RegisterField(key: "unitId", zh: "所属单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true,
                          helpZh: "管理该企业的板块或部门；单位角色只能维护本单位及下级单位的企业", helpEn: "The board or department that keeps the enterprise",
                          example: "XW"),
            RegisterField(key: "aboveScale", zh: "规上", en: "Above scale", kind: .flag, sortable: true, filterable: true, listed: true,
                          helpZh: "规模以上工业企业", helpEn: "Above the statistical scale threshold", example: "是", whenEmpty: .flag(false),
                          flagWords: ["规上": true, "规下": false]),
            RegisterField(key: "tier", zh: "层级", en: "Tier", kind: .choice(EnterpriseTier.allCases.map {
                RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn)
            }), sortable: true, filterable: true, listed: true, helpZh: "链主层级由链主遴选决定改变", helpEn: "A chain-leader decision changes it too",
               example: "骨干"),
            RegisterField(key: "address", zh: "地址", en: "Address", kind: .text(max: 200), example: "无锡市新吴区"),
            .note(),
        ],
        nameField: "name", importKey: "creditCode", policy: Policies.enterprises, ownership: .unitField("unitId"),
        // The list export of the hand-written register (before it was declared) had these shown-only columns.
        exportOnlyHeadings: ["行业名称", "Industry", "近12个月营收（亿元）", "Revenue, last 12 months (100m yuan)", "所属集群", "Clusters",
                             "产业链环节", "Chain nodes"],
        listTuning: EnterpriseList.tune,
        indexedChoiceOrders: ["tier"],
        listFacts: EnterpriseList.facts
    )
}
