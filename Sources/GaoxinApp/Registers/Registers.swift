/// Every declared register, in menu order. Declaring one here gives it routes, pages, API and
/// OpenAPI, import and export, backup, and the contract tests.
enum Registers {
    // Scenario applications come before leads: a lead may point at the application it came from,
    // and a restore writes tables in this order.
    static let all: [RegisterDeclaration] = [.policies, .funds, .platforms, .talents, .events, .promotionOrganisations, .advisors, .certifiedStaff, .awards, .targetCompanies,
                                                .enterpriseLiaisons, .enterpriseVisits, .serviceItems, .zoneIndicators,
                                                .scenarios, .scenarioApplications, .leadSources, .leads, .leadActivities, .projects, .projectInvestments, .patrols, .obstacles, .attractionTargets,
                                                .targetMetrics, .targetMetricGoals, .targetMetricReports, .assessmentItems, .zoneKpis, .zoneKpiTargets, .zoneKpiValues,
                                                .parks, .parkTenants, .parkStatistics, .parkStandards, .parkCriteria, .spaces, .spaceNeeds]

    /// Declared registers the rest of the product is built around (units own every record, users sign in;
    /// enterprises: figures, qualifications, chain nodes and the programme's records point at them;
    /// clusters: chains, figures and checklists hang off them). Declared like the others — routes, forms, API, import and
    /// export, search and the contract tests come from the declaration — but their tables are
    /// backed up and restored among the fixed ones that refer to them, their routes are assembled
    /// with their own (`OrganisationRoutes`, `ClusterRoutes`), and they are not on the 登记册 overview.
    static let core: [RegisterDeclaration] = [.units, .users, .enterprises, .clusters]

    /// Every declaration, core first.
    static var declared: [RegisterDeclaration] { core + all }

    static func find(_ key: String) -> RegisterDeclaration? { declared.first { $0.key == key } }
    /// Something worked out once for every declared register (its list definition, its JSON
    /// layout), by key; declarations are static and a key names one of them.
    static func byKey<Value>(_ make: (RegisterDeclaration) -> Value) -> [String: Value] {
        Dictionary(declared.map { ($0.key, make($0)) }, uniquingKeysWith: { first, _ in first })
    }
    /// By audit entity (`policy`), for reading the audit log.
    static let byEntity: [String: RegisterDeclaration] = Dictionary((core + all).map { ($0.entity, $0) }, uniquingKeysWith: { first, _ in first })
}
