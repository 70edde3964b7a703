import GaoxinDomain

/// 年度投资计划与完成 (seed 001's 年度投资完成率, SPEC §2.4): a project's planned investment for a
/// year and what it completed each month, one row per project and year — the shape of the monthly
/// 重大项目投资完成情况表 a project office collects. The year's completed total, the last month
/// reported and the completion rate are derived on every write; the totals by unit, cluster and
/// level and the "behind plan" warning read them (`InvestmentProgress`). Belongs to the project's
/// responsible unit.
extension RegisterDeclaration {
    static let projectInvestments: RegisterDeclaration = RegisterDeclaration(
        key: "project-investments", table: "project_investments", entity: "project_investment", schemaName: "ProjectInvestment",
        titleZh: "项目年度投资", titleEn: "Project investment",
        fields: [
            RegisterField(key: "code", zh: "编号", en: "Number", kind: .code(max: 50), required: true, unique: true, searchable: true, listed: true,
                          helpZh: "如 TZ-2025-001；每月导入按编号更新完成额", helpEn: "e.g. TZ-2025-001; the monthly import updates by this number"),
            RegisterField(key: "projectId", zh: "项目", en: "Project", kind: .reference(.project), required: true, filterable: true, listed: true,
                          helpZh: "项目编号或名称", helpEn: "The project's number or name"),
            RegisterField(key: "year", zh: "年度", en: "Year", kind: .integer(min: 2000, max: 2100), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "plannedAmount", zh: "年度计划投资", en: "Planned for the year", kind: .money, required: true, sortable: true, listed: true),
        ] + ProjectInvestmentMonths.all.map { month in
            RegisterField(key: month.key, zh: "\(month.number)月完成投资", en: "Completed in \(month.en)", kind: .money)
        } + [
            RegisterField(key: "completedAmount", zh: "累计完成投资", en: "Completed so far", kind: .money, sortable: true, listed: true, derived: true),
            RegisterField(key: "reportedThrough", zh: "已报至（月）", en: "Reported through (month)", kind: .integer(min: 1, max: 12), listed: true, derived: true),
            RegisterField(key: "completionPercent", zh: "完成率（%）", en: "Completion (%)", kind: .integer(min: 0, max: Int64.max / 2), sortable: true, listed: true, derived: true), // derived: a small plan against large months passes 100,000 %
            .note(max: 1000),
        ],
        nameField: "code", importKey: "code", policy: Policies.programme, ownership: .referencedUnit(field: "projectId", table: "projects"),
        rules: [ProjectInvestmentMonths.noGaps, ProjectInvestmentMonths.totalWithinMaximum],
        defaultSort: "year", defaultDescending: true,
        demoRows: DemoAttraction.investments,
        derive: { values in
            let months = ProjectInvestmentMonths.all.map { values[$0.key]?.integer }
            let progress = InvestmentCompletion(planned: values["plannedAmount"]?.integer ?? 0, months: months)
            values["completedAmount"] = .integer(progress.completed)
            values["reportedThrough"] = progress.reportedThrough.map { .integer(Int64($0)) }
            values["completionPercent"] = progress.percent.map { .integer($0) }
        },
        batchCheck: RegisterBatchCheck.all(
            RegisterOneRowPerYear(field: "projectId", column: "project_id", table: "project_investments", nameColumn: "code",
                                  ownerZh: "该项目", ownerEn: "This project", rowZh: "投资计划", rowEn: "an investment plan").check,
            ClosedInvestmentMonths.check)
    )
}

/// The twelve monthly fields (`m01` … `m12`, columns `m01` …).
enum ProjectInvestmentMonths {
    struct Month: Sendable {
        let number: Int
        var key: String { number < 10 ? "m0\(number)" : "m\(number)" }
        var en: String { ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][number - 1] }
    }

    static let all = (1...12).map(Month.init)

    /// The months' total is the record's 累计完成投资, a money field like any other: bounded as each
    /// month is (`Wan.registerMaximum`), so the API never answers a value its own document refuses
    /// (schemathesis: two months near the bound summed past it). Named at the last month given.
    static let totalWithinMaximum = RegisterRule { values in
        let given = all.filter { values[$0.key]?.integer != nil }
        let total = given.reduce(Int64(0)) { sum, month in   // saturating: a sum must never trap or wrap
            let (next, overflow) = sum.addingReportingOverflow(values[month.key]!.integer!)
            return overflow ? .max : next
        }
        guard let last = given.last, total > Wan.registerMaximum else { return nil }
        return .invalid(last.key, zh: "各月完成投资合计超过 \(Wan.grouped(UInt64(Wan.registerMaximum))) 万元的上限，请核对金额单位（万元）",
                        en: "The months add up to more than \(Wan.registerMaximum) (10k yuan); check the unit")
    }

    /// Months are reported in order: a month left empty before a later one reported is a gap (a
    /// zero is typed as 0), so "reported through" means what it says.
    static let noGaps = RegisterRule { values in
        let months = all.map { values[$0.key]?.integer }
        guard let gap = InvestmentCompletion.firstGap(months) else { return nil }
        return .invalid(all[gap].key, zh: "\(gap + 1)月未填写而后面的月份已填写；没有完成投资的月份请填 0",
                        en: "Month \(gap + 1) is empty but a later month is reported; type 0 for a month with nothing completed")
    }
}
