import Plot
import Vapor

/// What a register shows on its record page beyond its fields and the records pointing at it (a
/// project's stage timeline and form, its enterprise): loaded with the request, drawn with the
/// page's context. Registered by key, so the generic pages stay generic; each section has a name
/// so a form that fails can redraw its own section with the errors and keep the others.
enum RegisterRecordSections {
    typealias Draw = @Sendable (PageContext) -> Node<HTML.BodyContext>
    typealias Load = @Sendable (Request, RegisterRecord) async throws -> Draw

    struct Section: Sendable {
        let name: String
        let load: Load
    }

    /// A section drawn in place of its loaded self (the form posted, with its errors).
    struct Redrawn: Sendable {
        let name: String
        let draw: Draw
    }

    static let all: [String: [Section]] = [
        RegisterDeclaration.units.key: UnitSections.all,
        RegisterDeclaration.users.key: UserSections.all,
        RegisterDeclaration.enterprises.key: EnterpriseSections.all,
        RegisterDeclaration.clusters.key: ClusterSections.all,
        RegisterDeclaration.projects.key: [
            Section(name: ProjectStagePages.sectionName, load: ProjectStagePages.section),
            Section(name: ProjectEnterprisePages.sectionName, load: ProjectEnterprisePages.section),
            Section(name: "project-space", load: SpaceMatchPages.projectSection),
        ],
        RegisterDeclaration.leads.key: [Section(name: "lead-actions", load: LeadPages.section)],
        RegisterDeclaration.patrols.key: [Section(name: PatrolPages.sectionName, load: PatrolPages.section)],
        RegisterDeclaration.parks.key: [Section(name: "park-work", load: ParkPages.parkSection)],
        RegisterDeclaration.projectInvestments.key: [Section(name: InvestmentRestatement.sectionName, load: InvestmentRestatement.section)],
        RegisterDeclaration.spaces.key: [Section(name: "space-freshness", load: ParkPages.spaceSection)],
        RegisterDeclaration.parkStatistics.key: [Section(name: ParkPages.reviewSection, load: ParkPages.statisticSection)],
        RegisterDeclaration.spaceNeeds.key: [Section(name: "space-matches", load: SpaceMatchPages.needSection)],
        RegisterDeclaration.scenarioApplications.key: [Section(name: "application-lead", load: ScenarioPages.applicationSection)],
        RegisterDeclaration.scenarios.key: [Section(name: "scenario-public", load: ScenarioPages.scenarioSection)],
    ]

    /// The register's sections in order, `redrawn` taking its own section's place. The sections
    /// read different tables and need nothing of each other: they load concurrently, each on its
    /// own pooled connection, so a page waits for the slowest (a cluster's figures) and not their sum.
    static func draw(_ declaration: RegisterDeclaration, _ record: RegisterRecord, redrawn: Redrawn?, _ req: Request) async throws -> [Draw] {
        let sections = all[declaration.key] ?? []
        return try await withThrowingTaskGroup(of: (Int, Draw).self) { group in
            for (index, section) in sections.enumerated() {
                if let redrawn, redrawn.name == section.name {
                    group.addTask { (index, redrawn.draw) }
                } else {
                    group.addTask { (index, try await section.load(req, record)) }
                }
            }
            var draws = [Draw?](repeating: nil, count: sections.count)
            for try await (index, draw) in group { draws[index] = draw }
            return draws.compactMap { $0 }
        }
    }
}
