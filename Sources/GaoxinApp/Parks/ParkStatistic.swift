import GaoxinDomain

/// What a park's yearly statistics (`park-statistics`) offer a recognition criterion, and who may
/// set their review state.
enum ParkStatistic {
    /// The statistics a recognition criterion may read: stored fields and the two derived shares.
    static let readable: [RegisterChoice] = [
        RegisterChoice(value: "enterprises", zh: "入驻企业数（家）", en: "Enterprises"),
        RegisterChoice(value: "aboveScaleEnterprises", zh: "规上企业数（家）", en: "Above-scale enterprises"),
        RegisterChoice(value: "highTechEnterprises", zh: "高新技术企业数（家）", en: "High-tech enterprises"),
        RegisterChoice(value: "revenue", zh: "营业收入（万元）", en: "Revenue (10k yuan)"),
        RegisterChoice(value: "leadIndustryShare", zh: "主导产业营收占比（%）", en: "Lead-industry share of revenue (%)"),
        RegisterChoice(value: "tax", zh: "税收（万元）", en: "Tax (10k yuan)"),
        RegisterChoice(value: "rdSpending", zh: "研发投入（万元）", en: "R&D spending (10k yuan)"),
        RegisterChoice(value: "employees", zh: "从业人员（人）", en: "Employees"),
        RegisterChoice(value: "occupancyRate", zh: "载体使用率（%）", en: "Occupancy (%)"),
        RegisterChoice(value: "provincialPlatforms", zh: "省级以上研发平台（个）", en: "Provincial or higher platforms"),
        RegisterChoice(value: "incubated", zh: "在孵企业数（家）", en: "Incubated enterprises"),
        RegisterChoice(value: "graduated", zh: "当年毕业企业数（家）", en: "Graduated this year"),
    ]

    static let reviewStatuses = [
        RegisterChoice(value: "submitted", zh: "待审核", en: "Awaiting review"),
        RegisterChoice(value: "reviewed", zh: "已审核", en: "Reviewed"),
        RegisterChoice(value: "returned", zh: "退回修改", en: "Returned"),
    ]

    /// A park user submits; the office reviews. A row the park changes goes back to 待审核; a reviewed
    /// row is the office's until it is returned.
    static let writeRule: RegisterWriteRule = { values, existing, actor in
        guard !actor.hasAny([.admin, .office]) else {
            if values["reviewStatus"] == nil { values["reviewStatus"] = .text("submitted") }
            return []
        }
        // A reviewed row unchanged (its own export imported back, a form saved as it was) passes.
        if let existing, existing.text("reviewStatus") == "reviewed", values == existing.values { return [] }
        if existing?.text("reviewStatus") == "reviewed" {
            return [.invalid("reviewStatus", zh: "已审核的年度统计不能修改，请集群办先退回", en: "A reviewed statistic changes only after the office returns it")]
        }
        if existing == nil, let status = values["reviewStatus"]?.text, status != "submitted" {
            return [.invalid("reviewStatus", zh: "审核状态由集群办审核时设置，新报送的统计为“待审核”", en: "The office sets the review status; a new statistic awaits review")]
        }
        values["reviewStatus"] = .text("submitted")
        return []
    }

    /// A reviewed row is the office's to deactivate too: the park cannot withdraw what was accepted.
    static let activationRule: @Sendable (RegisterRecord, Actor) -> FieldError? = { record, actor in
        guard !actor.hasAny([.admin, .office]), record.text("reviewStatus") == "reviewed" else { return nil }
        return .invalid("reviewStatus", zh: "已审核的年度统计不能停用，请集群办先退回", en: "A reviewed statistic is deactivated only after the office returns it")
    }
}

