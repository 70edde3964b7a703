import GaoxinDomain

/// 园区统计监测 (seed 001): a park's figures for a year — enterprises, revenue, tax, R&D, people,
/// space used — submitted by the park's operator and reviewed by the office. One row per park and
/// year. A park user's new or changed row is 待审核; only the office marks it 已审核 or 退回 (the
/// statistics page's review form), and a reviewed row is changed only after the office returns it.
/// Recognition (`ParkRecognitionBoard`) reads these figures, reviewed or not, and says which.
extension RegisterDeclaration {
    static let parkStatistics: RegisterDeclaration = RegisterDeclaration(
        key: "park-statistics", table: "park_statistics", entity: "park_statistic", schemaName: "ParkStatistic", titleZh: "园区年度统计", titleEn: "Park statistics",
        fields: [
            .recordNumber("统计编号", "Number", example: "YQTJ-2025-001"),
            RegisterField(key: "parkId", zh: "园区", en: "Park", kind: .reference(.park), required: true, filterable: true, listed: true),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "enterprises", zh: "入驻企业数", en: "Enterprises", kind: .integer(min: 0, max: 1_000_000), sortable: true, listed: true),
            RegisterField(key: "aboveScaleEnterprises", zh: "规上企业数", en: "Above-scale enterprises", kind: .integer(min: 0, max: 1_000_000)),
            RegisterField(key: "highTechEnterprises", zh: "高新技术企业数", en: "High-tech enterprises", kind: .integer(min: 0, max: 1_000_000)),
            RegisterField(key: "revenue", zh: "营业收入", en: "Revenue", kind: .money, sortable: true, listed: true),
            RegisterField(key: "leadIndustryRevenue", zh: "主导产业营业收入", en: "Lead-industry revenue", kind: .money),
            RegisterField(key: "tax", zh: "税收", en: "Tax", kind: .money),
            RegisterField(key: "rdSpending", zh: "研发投入", en: "R&D spending", kind: .money),
            RegisterField(key: "employees", zh: "从业人员", en: "Employees", kind: .integer(min: 0, max: 10_000_000)),
            RegisterField(key: "usableArea", zh: "可使用载体面积", en: "Usable floor area", kind: .area),
            RegisterField(key: "occupiedArea", zh: "已使用载体面积", en: "Occupied floor area", kind: .area),
            RegisterField(key: "provincialPlatforms", zh: "省级以上研发平台数", en: "Provincial or higher platforms", kind: .integer(min: 0, max: 100_000)),
            RegisterField(key: "incubated", zh: "在孵企业数", en: "Incubated enterprises", kind: .integer(min: 0, max: 1_000_000)),
            RegisterField(key: "graduated", zh: "当年毕业企业数", en: "Graduated this year", kind: .integer(min: 0, max: 1_000_000)),
            RegisterField(key: "occupancyRate", zh: "载体使用率（%）", en: "Occupancy (%)", kind: .decimal(places: 1, min: 0, max: 100), sortable: true, listed: true, derived: true),
            RegisterField(key: "leadIndustryShare", zh: "主导产业营收占比（%）", en: "Lead-industry share (%)", kind: .decimal(places: 1, min: 0, max: 100), derived: true),
            RegisterField(key: "reviewStatus", zh: "审核状态", en: "Review", kind: .choice(ParkStatistic.reviewStatuses), filterable: true, listed: true,
                          helpZh: "园区报送后为待审核，由集群办审核", helpEn: "Awaits the office's review once submitted", managed: true),
            RegisterField(key: "reviewNote", zh: "审核意见", en: "Review note", kind: .note(max: 500), managed: true),
            .note(max: 1000),
        ],
        nameField: "code", importKey: "code", policy: Policies.parks, ownership: .referencedUnit(field: "parkId", table: "parks"),
        rules: [
            .notLess("usableArea", than: "occupiedArea", zh: "已使用面积不能大于可使用面积", en: "Occupied area cannot exceed the usable area"),
            .notLess("revenue", than: "leadIndustryRevenue", zh: "主导产业营收不能大于营业收入", en: "Lead-industry revenue cannot exceed revenue"),
        ],
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoParks.statistics,
        derive: { values in
            func share(_ part: String, _ whole: String) -> RegisterValue? {
                guard let part = values[part]?.integer, let whole = values[whole]?.integer, whole > 0 else { return nil }
                return .integer(Int64((Double(part) * 1000 / Double(whole)).rounded()))
            }
            values["occupancyRate"] = share("occupiedArea", "usableArea")
            values["leadIndustryShare"] = share("leadIndustryRevenue", "revenue")
        },
        batchCheck: RegisterOneRowPerYear(field: "parkId", column: "park_id", table: "park_statistics", nameColumn: "code",
                                          ownerZh: "该园区", ownerEn: "This park", rowZh: "年度统计", rowEn: "statistics").check,
        writeRule: ParkStatistic.writeRule, activationRule: ParkStatistic.activationRule,
        managedByZh: "集群办在统计页上的审核", managedByEn: "the office's review on the statistic's page"
    )
}
