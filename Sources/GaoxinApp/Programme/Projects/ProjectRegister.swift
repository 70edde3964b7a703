import GaoxinDomain

/// 项目 (SPEC §2.4, seed 001's 重大项目, seed 004's 签约→投产): a project the zone has signed, from a
/// signed lead or entered directly — investor, cluster, chain node, responsible unit, category,
/// investment, land and space needs, key/major level — and its lifecycle 签约 → 注册落地 → 开工 →
/// 竣工 → 投产. The stage and the days it was reached are managed: set when the project is
/// entered, then moved only through the project page's stage form (`ProjectStageWrites`), which
/// records who and when and refuses skips without a reason. 滞后 is derived: today past the
/// earliest planned day of a stage not reached (`nextDueOn`).
extension RegisterTarget {
    static let project = RegisterTarget.register("projects", zh: "项目", en: "Project", nameColumn: "name", alternateColumns: ["code"], path: "/projects")
}

extension RegisterDeclaration {
    static let projects: RegisterDeclaration = RegisterDeclaration(
        key: "projects", table: "projects", entity: "project", schemaName: "Project",
        titleZh: "项目库", titleEn: "Projects",
        fields: [
            .recordNumber("项目编号", "Project number", example: "XM-2025-001"),
            RegisterField(key: "name", zh: "项目名称", en: "Project", kind: .text(max: 200), required: true, searchable: true, sortable: true, listed: true),
            RegisterField(key: "investor", zh: "投资方", en: "Investor", kind: .text(max: 200), required: true, searchable: true),
            RegisterField(key: "leadId", zh: "来源线索", en: "From lead", kind: .reference(.lead), unique: true,
                          helpZh: "由签约线索转入时填写", helpEn: "The signed lead it came from"),
            RegisterField(key: "enterpriseId", zh: "落地企业", en: "Enterprise", kind: .reference(.enterprise), filterable: true,
                          helpZh: "注册落地后的企业；投产后其营收计入所属集群", helpEn: "The enterprise it registered as"),
            RegisterField(key: "clusterId", zh: "产业集群", en: "Cluster", kind: .reference(.cluster), filterable: true, listed: true),
            RegisterField(key: "chainNodeId", zh: "产业链环节", en: "Chain node", kind: .reference(.chainNode), filterable: true),
            RegisterField(key: "owningUnitId", zh: "责任单位", en: "Responsible unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "category", zh: "项目类别", en: "Category", kind: .choice([
                RegisterChoice(value: "industrial", zh: "产业项目", en: "Industrial"),
                RegisterChoice(value: "sci_tech", zh: "科创项目", en: "Science and technology"),
                RegisterChoice(value: "headquarters", zh: "总部项目", en: "Headquarters"),
                RegisterChoice(value: "services", zh: "服务业项目", en: "Services"),
                RegisterChoice(value: "platform", zh: "平台项目", en: "Platform"),
            ]), required: true, filterable: true, listed: true),
            RegisterField(key: "totalInvestment", zh: "总投资", en: "Total investment", kind: .money, required: true, sortable: true, listed: true),
            RegisterField(key: "foreignFunded", zh: "外资项目", en: "Foreign-funded", kind: .flag, filterable: true),
            RegisterField(key: "foreignInvestmentUsd", zh: "外资金额（万美元）", en: "Foreign investment (10k USD)", kind: .integer(min: 0, max: 100_000_000)),
            RegisterField(key: "landMu", zh: "用地需求（亩）", en: "Land needed (mu)", kind: .integer(min: 0, max: 100_000)),
            RegisterField(key: "spaceNeed", zh: "空间需求", en: "Space needed", kind: .area),
            RegisterField(key: "level", zh: "重大项目级别", en: "Key project level", kind: .choice([
                RegisterChoice(value: "provincial", zh: "省重大", en: "Provincial major"),
                RegisterChoice(value: "municipal", zh: "市重大", en: "Municipal major"),
                RegisterChoice(value: "district", zh: "区重点", en: "District key"),
                RegisterChoice(value: "none", zh: "一般项目", en: "Ordinary"),
            ]), required: true, sortable: true, filterable: true, listed: true),
            RegisterField(key: "stage", zh: "阶段", en: "Stage", kind: .choice(ProjectStage.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.zh, en: $0.en) }),
                          required: true, sortable: true, filterable: true, listed: true, managed: true),
            RegisterField(key: "signedOn", zh: "签约日期", en: "Signed on", kind: .date, required: true, sortable: true, filterable: true, listed: true),
        ] + ProjectStage.allCases.compactMap { stage in
            stage.plannedKey.map { RegisterField(key: $0, zh: "计划\(stage.zh)日期", en: "Planned \(stage.en.lowercased()) on", kind: .date) }
        } + ProjectStage.allCases.filter { $0 != .signed }.map { stage in
            RegisterField(key: stage.reachedKey, zh: "\(stage.zh)日期", en: "\(stage.en) on", kind: .date, managed: true)
        } + [
            RegisterField(key: "nextDueOn", zh: "下一计划节点", en: "Next milestone", kind: .date, sortable: true, filterable: true, listed: true, derived: true),
            .note(max: 2000),
        ],
        nameField: "name", importKey: "code", policy: Policies.programme, ownership: .unitField("owningUnitId"),
        rules: ProjectRules.all,
        defaultSort: "signedOn", defaultDescending: true,
        timeLimit: .schedule("nextDueOn", settledWhen: "stage", equals: ProjectStage.producing.rawValue),
        demoRows: DemoAttraction.projects,
        derive: { values in
            let stage = values["stage"]?.text.flatMap(ProjectStage.init) ?? .signed
            var planned: [ProjectStage: String] = [:]
            for stage in ProjectStage.allCases { if let key = stage.plannedKey, let day = values[key]?.text { planned[stage] = day } }
            values["nextDueOn"] = ProjectStageTransition.nextPlannedDay(stage: stage, planned: planned).map { .text($0) }
        },
        indexedChoiceOrders: ["stage", "level"],
        managedByZh: "项目页的“推进阶段”", managedByEn: "the project page's stage form"
    )
}

/// A project's rules across fields: planned and reached days not before signing, a reached day
/// only for a stage reached, the foreign amount only for a foreign-funded project.
enum ProjectRules {
    static let all: [RegisterRule] = ProjectStage.allCases.compactMap { stage in
        stage.plannedKey.map { .notBefore($0, "signedOn", zh: "计划\(stage.zh)日期不能早于签约日期", en: "The planned day cannot come before signing") }
    } + ProjectStage.allCases.filter { $0 != .signed }.map { stage in
        .notBefore(stage.reachedKey, "signedOn", zh: "\(stage.zh)日期不能早于签约日期", en: "\(stage.en) cannot come before signing")
    } + [
        RegisterRule { values in
            let stage = values["stage"]?.text.flatMap(ProjectStage.init) ?? .signed
            guard let later = ProjectStage.allCases.first(where: { $0 > stage && values[$0.reachedKey] != nil }) else { return nil }
            return .invalid(later.reachedKey, zh: "项目尚未到\(later.zh)阶段，不能填写\(later.zh)日期", en: "The project has not reached \(later.en.lowercased())")
        },
        RegisterRule { values in
            guard values["foreignInvestmentUsd"] != nil, values["foreignFunded"] != .flag(true) else { return nil }
            return .invalid("foreignInvestmentUsd", zh: "只有外资项目填写外资金额", en: "Only a foreign-funded project has a foreign amount")
        },
    ]
}
