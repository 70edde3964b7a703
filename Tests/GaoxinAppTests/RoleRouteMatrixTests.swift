import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest
import SQLKit

/// The whole role × route matrix, walked over HTTP: every route of `AppRoutes.all`, for every role
/// and for an anonymous visitor. The expectations are a literal table written from SPEC §5, not
/// read from the routes' own declarations; a new route fails this test until it is added here.
final class RoleRouteMatrixTests: XCTestCase {
    enum Rule: Equatable {
        case publicRoute
        case roles(Set<Role>)
    }

    // Who may do what, from SPEC §5 (and issue 3 where the SPEC is silent).
    static let signedIn: Set<Role> = [.admin, .office, .unit, .park, .leader, .auditor]
    /// The unit tree is programme data's frame: office writes programme data, admin administers.
    static let treeWriters: Set<Role> = [.admin, .office]
    /// Accounts are administered by the system administrator only.
    static let userAdmins: Set<Role> = [.admin]
    /// SPEC is silent on reading accounts: administrators, the office (who assigns work to
    /// people) and the auditor (who must know who an actor is). Leaders, units and parks do not.
    static let userReaders: Set<Role> = [.admin, .office, .auditor]
    /// "auditor 审计 (read the audit log)": separation of duties, the administrator does not.
    static let auditReaders: Set<Role> = [.auditor]
    /// Analytics is programme work: read by everyone but the auditor, uploaded by admin and office.
    static let analysts: Set<Role> = [.admin, .office, .unit, .park, .leader]
    /// The enterprise register is programme data: everyone who works with it reads (not the auditor).
    static let enterpriseReaders: Set<Role> = [.admin, .office, .unit, .park, .leader]
    /// "office (read/write all programme data); unit (write what its unit or subtree owns)": the
    /// unit role's writes are further bounded to its subtree by the handlers (EnterpriseWriteTests).
    static let enterpriseWriters: Set<Role> = [.admin, .office, .unit]
    /// Clusters and chain maps: read like all programme data; written by the office and the lead
    /// department (unit role, bounded to the clusters its subtree leads by the handlers).
    static let clusterReaders: Set<Role> = [.admin, .office, .unit, .park, .leader]
    static let clusterWriters: Set<Role> = [.admin, .office, .unit]
    static let structureWriters: Set<Role> = [.admin, .office]
    /// The import page: whoever may import at least one register.
    static let importers: Set<Role> = treeWriters.union(userAdmins).union(enterpriseWriters).union(parkWriters)
    /// Parks and what hangs on them: the park role writes its own parks and spaces (SPEC §5).
    static let parkWriters: Set<Role> = [.admin, .office, .unit, .park]
    static let parkRegisters = ["parks", "park-tenants", "park-statistics", "spaces"]

    /// The programme's registers (policies, funds…, SPEC §2.6, §3): read like all programme data,
    /// written by the office and by units for what their subtree owns (bounded by the handlers).
    static let programmeReaders: Set<Role> = [.admin, .office, .unit, .park, .leader]
    static let programmeWriters: Set<Role> = [.admin, .office, .unit]
    static let programmeRegisters = ["policies", "funds", "platforms", "talents", "events", "promotion-organisations", "advisors", "certified-staff", "awards", "target-companies",
                                            "enterprise-liaisons", "enterprise-visits", "service-items", "leads", "lead-activities", "projects", "project-investments", "patrols", "obstacles", "target-metric-reports",
                                            "space-needs", "scenarios", "scenario-applications"]
    /// Declared registers only the office writes (`Policies.officeRegisters`).
    static let officeRegisters = ["zone-indicators", "lead-sources", "attraction-targets", "target-metrics", "target-metric-goals", "assessment-items",
                                  "zone-kpis", "zone-kpi-targets", "zone-kpi-values", "park-standards", "park-criteria"]

    /// Every register has the same routes: list, export, record page, forms, writes, and the API twins.
    static func registerRoutes(_ key: String, writers programmeWriters: Set<Role> = programmeWriters) -> [String: Rule] {
        [
            "GET /\(key)": .roles(programmeReaders), "GET /\(key)/export": .roles(programmeReaders), "GET /\(key)/new": .roles(programmeWriters),
            "POST /\(key)": .roles(programmeWriters), "GET /\(key)/:id": .roles(programmeReaders), "GET /\(key)/:id/edit": .roles(programmeWriters),
            "POST /\(key)/:id": .roles(programmeWriters), "POST /\(key)/:id/deactivate": .roles(programmeWriters),
            "POST /\(key)/:id/reactivate": .roles(programmeWriters),
            "GET /api/v1/\(key)": .roles(programmeReaders), "POST /api/v1/\(key)": .roles(programmeWriters),
            "GET /api/v1/\(key)/:id": .roles(programmeReaders), "PATCH /api/v1/\(key)/:id": .roles(programmeWriters),
            "POST /api/v1/\(key)/:id/deactivate": .roles(programmeWriters), "POST /api/v1/\(key)/:id/reactivate": .roles(programmeWriters),
            "GET /imports/\(key)/template": .roles(programmeWriters), "POST /imports/\(key)": .roles(programmeWriters),
            "POST /api/v1/imports/\(key)": .roles(programmeWriters),
        ]
    }

    static let table: [String: Rule] = (programmeRegisters.map { registerRoutes($0) } + officeRegisters.map { registerRoutes($0, writers: structureWriters) }
                                        + parkRegisters.map { registerRoutes($0, writers: parkWriters) })
        .reduce(into: fixedTable) { table, routes in table.merge(routes) { a, _ in a } }

    static let fixedTable: [String: Rule] = [
        "GET /": .roles(signedIn),
        // My work: every signed-in user's own unit (what is listed follows the registers they may read).
        "GET /api/v1/my-work": .roles(signedIn),

        // Attraction and projects beyond the registers' own routes.
        "POST /projects/:id/stage": .roles(programmeWriters),
        "POST /api/v1/projects/:id/stage": .roles(programmeWriters),
        "GET /api/v1/projects/:id/stage-changes": .roles(programmeReaders),
        "POST /projects/:id/enterprise": .roles(programmeWriters),
        "POST /api/v1/projects/:id/enterprise": .roles(programmeWriters),
        "GET /projects/pipeline": .roles(programmeReaders),
        "GET /api/v1/projects/pipeline": .roles(programmeReaders),
        "GET /leads/board": .roles(programmeReaders),
        "POST /leads/:id/stage": .roles(programmeWriters),
        "GET /attraction-targets/progress": .roles(programmeReaders),
        "GET /api/v1/attraction-targets/progress": .roles(programmeReaders),
        "GET /project-investments/progress": .roles(programmeReaders),
        "GET /api/v1/project-investments/progress": .roles(programmeReaders),
        "GET /warnings": .roles(programmeReaders),
        "GET /api/v1/warnings": .roles(programmeReaders),
        "GET /periods": .roles(programmeReaders),
        "GET /periods/:month": .roles(programmeReaders),
        "POST /periods/:month/close": .roles(structureWriters),
        "POST /periods/:month/reopen": .roles(structureWriters),
        "GET /api/v1/periods/:month": .roles(programmeReaders),
        "POST /api/v1/periods/:month/close": .roles(structureWriters),
        "POST /api/v1/periods/:month/reopen": .roles(structureWriters),
        "GET /bulletins": .roles(programmeReaders),
        "GET /bulletins/:month": .roles(programmeReaders),
        "GET /bulletins/:month/download": .roles(programmeReaders),
        "POST /bulletins/:month/generate": .roles(structureWriters),
        "GET /api/v1/bulletins/:month": .roles(programmeReaders),
        "POST /api/v1/bulletins/:month/generate": .roles(structureWriters),
        "GET /assessments": .roles(programmeReaders),
        "GET /assessments/export": .roles(programmeReaders),
        "GET /api/v1/assessments/:year": .roles(programmeReaders),
        // Parks and space: recognition is read like the programme; the office reviews statistics;
        // a space's owner confirms it; matching is read like projects; the public pages need no sign-in.
        // A closed month's investment corrected as a restatement: written like the plan.
        "POST /project-investments/:id/restate": .roles(programmeWriters),
        "POST /api/v1/project-investments/:id/restate": .roles(programmeWriters),
        "GET /parks/recognition": .roles(programmeReaders),
        "GET /api/v1/parks/recognition/:year": .roles(programmeReaders),
        "POST /park-statistics/:id/review": .roles(structureWriters),
        "POST /spaces/:id/confirm": .roles(parkWriters),
        "POST /api/v1/spaces/:id/confirm": .roles(parkWriters),
        "POST /parks/:id/confirm-spaces": .roles(parkWriters),
        "GET /matching": .roles(programmeReaders),
        "GET /api/v1/matching": .roles(programmeReaders),
        "GET /api/v1/space-needs/:id/matches": .roles(programmeReaders),
        "GET /public/spaces": .publicRoute,
        "GET /public/scenarios": .publicRoute,
        "GET /public/scenarios/:id": .publicRoute,
        "POST /public/scenarios/:id/apply": .publicRoute,
        "GET /kpis": .roles(programmeReaders),
        "GET /kpis/export": .roles(programmeReaders),
        "GET /api/v1/kpis/:year": .roles(programmeReaders),
        "GET /healthz": .publicRoute,
        "GET /metrics": .roles([.admin]),
        "GET /assets/app.css": .publicRoute,
        "GET /assets/app.js": .publicRoute,
        "GET /assets/screen.css": .publicRoute,
        "GET /screen": .roles(programmeReaders),
        "GET /api/v1/screen": .roles(programmeReaders),
        "GET /language": .publicRoute,
        "GET /api/v1/openapi.json": .publicRoute,

        "GET /sign-in": .publicRoute,
        "POST /sign-in": .publicRoute,
        "POST /sign-out": .roles(signedIn),
        "GET /account": .roles(signedIn),
        "POST /account/password": .roles(signedIn),
        "POST /account/tokens": .roles(signedIn),
        "POST /account/tokens/:id/revoke": .roles(signedIn),
        "GET /api/v1/me": .roles(signedIn),
        "GET /api/v1/tokens": .roles(signedIn),
        "POST /api/v1/tokens": .roles(signedIn),
        "DELETE /api/v1/tokens/:id": .roles(signedIn),

        "GET /units": .roles(signedIn),
        "GET /units/export": .roles(signedIn),
        "GET /units/:id": .roles(signedIn),
        "GET /units/new": .roles(treeWriters),
        "POST /units": .roles(treeWriters),
        "GET /units/:id/edit": .roles(treeWriters),
        "POST /units/:id": .roles(treeWriters),
        "POST /units/:id/move": .roles(treeWriters),
        "POST /units/:id/deactivate": .roles(treeWriters),
        "POST /units/:id/reactivate": .roles(treeWriters),
        "GET /api/v1/units": .roles(signedIn),
        "GET /api/v1/units/:id": .roles(signedIn),
        "POST /api/v1/units": .roles(treeWriters),
        "PATCH /api/v1/units/:id": .roles(treeWriters),
        "POST /api/v1/units/:id/move": .roles(treeWriters),
        "POST /api/v1/units/:id/deactivate": .roles(treeWriters),
        "POST /api/v1/units/:id/reactivate": .roles(treeWriters),

        "GET /users": .roles(userReaders),
        "GET /users/export": .roles(userReaders),
        "GET /users/:id": .roles(userReaders),
        "GET /users/new": .roles(userAdmins),
        "POST /users": .roles(userAdmins),
        "GET /users/:id/edit": .roles(userAdmins),
        "POST /users/:id": .roles(userAdmins),
        "POST /users/:id/deactivate": .roles(userAdmins),
        "POST /users/:id/reactivate": .roles(userAdmins),
        "POST /users/:id/unlock": .roles(userAdmins),
        "POST /users/:id/password": .roles(userAdmins),
        "GET /api/v1/users": .roles(userReaders),
        "GET /api/v1/users/:id": .roles(userReaders),
        "POST /api/v1/users": .roles(userAdmins),
        "PATCH /api/v1/users/:id": .roles(userAdmins),
        "POST /api/v1/users/:id/deactivate": .roles(userAdmins),
        "POST /api/v1/users/:id/reactivate": .roles(userAdmins),

        "GET /audit": .roles(auditReaders),
        "GET /audit/export": .roles(auditReaders),
        "GET /audit/:id": .roles(auditReaders),
        "GET /api/v1/audit": .roles(auditReaders),

        "GET /enterprises": .roles(enterpriseReaders),
        "GET /enterprises/export": .roles(enterpriseReaders),
        "GET /enterprises/:id": .roles(enterpriseReaders),
        "GET /enterprises/new": .roles(enterpriseWriters),
        "POST /enterprises": .roles(enterpriseWriters),
        "GET /enterprises/:id/edit": .roles(enterpriseWriters),
        "POST /enterprises/:id": .roles(enterpriseWriters),
        "POST /enterprises/:id/deactivate": .roles(enterpriseWriters),
        "POST /enterprises/:id/reactivate": .roles(enterpriseWriters),
        "POST /enterprises/:id/indicators": .roles(enterpriseWriters),
        "POST /enterprises/:id/qualifications": .roles(enterpriseWriters),
        "POST /enterprises/:id/qualifications/:qualificationId/delete": .roles(enterpriseWriters),
        "GET /api/v1/enterprises/:id/qualifications": .roles(enterpriseReaders),
        "POST /api/v1/enterprises/:id/qualifications": .roles(enterpriseWriters),
        "DELETE /api/v1/enterprises/:id/qualifications/:qualificationId": .roles(enterpriseWriters),
        "GET /api/v1/enterprises": .roles(enterpriseReaders),
        "GET /api/v1/enterprises/:id": .roles(enterpriseReaders),
        "POST /api/v1/enterprises": .roles(enterpriseWriters),
        "PATCH /api/v1/enterprises/:id": .roles(enterpriseWriters),
        "POST /api/v1/enterprises/:id/deactivate": .roles(enterpriseWriters),
        "POST /api/v1/enterprises/:id/reactivate": .roles(enterpriseWriters),
        "GET /api/v1/enterprises/:id/indicators": .roles(enterpriseReaders),
        "PUT /api/v1/enterprises/:id/indicators/:period": .roles(enterpriseWriters),

        // The index of the programme's registers: read like the registers themselves.
        "GET /registers": .roles(programmeReaders),

        // Importing a register is writing it; the unit role writes enterprises, so it imports them.
        "GET /imports": .roles(importers),
        "GET /imports/units/template": .roles(treeWriters),
        "POST /imports/units": .roles(treeWriters),
        "POST /api/v1/imports/units": .roles(treeWriters),
        "GET /imports/users/template": .roles(userAdmins),
        "POST /imports/users": .roles(userAdmins),
        "POST /api/v1/imports/users": .roles(userAdmins),
        "GET /imports/enterprises/template": .roles(enterpriseWriters),
        "POST /imports/enterprises": .roles(enterpriseWriters),
        "POST /api/v1/imports/enterprises": .roles(enterpriseWriters),
        "GET /imports/indicators/template": .roles(enterpriseWriters),
        "POST /imports/indicators": .roles(enterpriseWriters),
        "POST /api/v1/imports/indicators": .roles(enterpriseWriters),
        "GET /imports/qualifications/template": .roles(enterpriseWriters),
        "POST /imports/qualifications": .roles(enterpriseWriters),
        "POST /api/v1/imports/qualifications": .roles(enterpriseWriters),
        "GET /imports/clusters/template": .roles(structureWriters),
        "POST /imports/clusters": .roles(structureWriters),
        "POST /api/v1/imports/clusters": .roles(structureWriters),
        "GET /imports/chain-nodes/template": .roles(clusterWriters),
        "POST /imports/chain-nodes": .roles(clusterWriters),
        "POST /api/v1/imports/chain-nodes": .roles(clusterWriters),
        "GET /imports/cluster-figures/template": .roles(clusterWriters),
        "POST /imports/cluster-figures": .roles(clusterWriters),
        "POST /api/v1/imports/cluster-figures": .roles(clusterWriters),
        "GET /imports/cluster-figures/data": .roles(clusterWriters),

        // Everyone may look at jobs; the handler shows a user only their own (admin: all).
        // The monthly figures in their import format: whoever may import them.
        "GET /imports/indicators/data": .roles(enterpriseWriters),
        "GET /imports/custom-figures/template": .roles(enterpriseWriters),
        "POST /imports/custom-figures": .roles(enterpriseWriters),
        "POST /api/v1/imports/custom-figures": .roles(enterpriseWriters),
        "GET /imports/custom-figures/data": .roles(enterpriseWriters),
        "GET /jobs/:id": .roles(signedIn),
        "GET /jobs/:id/errors": .roles(signedIn),
        "GET /api/v1/jobs/:id": .roles(signedIn),

        "GET /analytics/complexity": .roles(analysts),
        "POST /analytics/complexity": .roles(treeWriters),
        "GET /analytics/complexity/:id": .roles(analysts),
        "GET /analytics/complexity/:id/export": .roles(analysts),
        "GET /api/v1/analytics/complexity/datasets": .roles(analysts),
        "POST /api/v1/analytics/complexity/datasets": .roles(treeWriters),
        "GET /api/v1/analytics/complexity/datasets/:id/recommendations": .roles(analysts),
        "POST /analytics/complexity/from-zone": .roles(treeWriters),
        "POST /api/v1/analytics/complexity/datasets/from-zone": .roles(treeWriters),

        "GET /clusters": .roles(clusterReaders),
        "GET /clusters/export": .roles(clusterReaders),
        "GET /clusters/new": .roles(structureWriters),
        "POST /clusters": .roles(structureWriters),
        "GET /clusters/:id": .roles(clusterReaders),
        "GET /clusters/:id/edit": .roles(structureWriters),
        "POST /clusters/:id": .roles(structureWriters),
        "POST /clusters/:id/deactivate": .roles(structureWriters),
        "POST /clusters/:id/reactivate": .roles(structureWriters),
        "POST /clusters/:id/chains": .roles(clusterWriters),
        "POST /clusters/:id/figures": .roles(clusterWriters),
        "GET /cluster-structures": .roles(clusterReaders),
        "GET /clusters/:id/lists/export": .roles(clusterReaders),
        "GET /chains/:id/map": .roles(clusterReaders),
        "GET /clusters/:id/checklist/:itemId": .roles(clusterWriters),
        "POST /clusters/:id/checklist/:itemId": .roles(clusterWriters),
        "GET /checklist-gaps": .roles(clusterReaders),
        "GET /checklist-gaps/export": .roles(clusterReaders),
        "GET /checklist-templates": .roles(structureWriters),
        "GET /checklist-templates/new": .roles(structureWriters),
        "POST /checklist-templates": .roles(structureWriters),
        "GET /checklist-templates/:id/edit": .roles(structureWriters),
        "POST /checklist-templates/:id": .roles(structureWriters),
        "GET /cluster-structures/new": .roles(structureWriters),
        "POST /cluster-structures": .roles(structureWriters),
        "GET /cluster-structures/:id": .roles(clusterReaders),
        "GET /cluster-structures/:id/edit": .roles(structureWriters),
        "POST /cluster-structures/:id": .roles(structureWriters),
        "POST /cluster-structures/:id/delete": .roles(structureWriters),
        "POST /clusters/:id/figures/:period/delete": .roles(clusterWriters),
        // The missing and weak nodes of every chain: a reading of the chain maps.
        "GET /chain-gaps": .roles(clusterReaders),
        "GET /chain-gaps/export": .roles(clusterReaders),
        "GET /api/v1/chain-gaps": .roles(clusterReaders),
        "GET /chains/:id": .roles(clusterReaders),
        "GET /chains/:id/export": .roles(clusterReaders),
        "GET /chains/:id/edit": .roles(clusterWriters),
        "GET /chains/:id/leaders": .roles(clusterReaders),
        "POST /chains/:id/leaders/weights": .roles(clusterWriters),
        "POST /chains/:id/leaders/decisions": .roles(clusterWriters),
        "GET /api/v1/chains/:id/leader-candidates": .roles(clusterReaders),
        "GET /api/v1/chains/:id/leader-decisions": .roles(clusterReaders),
        "POST /api/v1/chains/:id/leader-decisions": .roles(clusterWriters),
        "POST /chains/:id": .roles(clusterWriters),
        "POST /chains/:id/nodes": .roles(clusterWriters),
        "GET /chain-nodes/:id/edit": .roles(clusterWriters),
        "POST /chain-nodes/:id": .roles(clusterWriters),
        "POST /chain-nodes/:id/delete": .roles(clusterWriters),
        "POST /chain-nodes/:id/enterprises": .roles(clusterWriters),
        "POST /chain-nodes/:id/enterprises/:enterpriseId/detach": .roles(clusterWriters),
        "GET /api/v1/clusters": .roles(clusterReaders),
        "POST /api/v1/clusters": .roles(structureWriters),
        "GET /api/v1/clusters/:id": .roles(clusterReaders),
        "PATCH /api/v1/clusters/:id": .roles(structureWriters),
        "POST /api/v1/clusters/:id/deactivate": .roles(structureWriters),
        "POST /api/v1/clusters/:id/reactivate": .roles(structureWriters),
        "GET /api/v1/clusters/:id/figures": .roles(clusterReaders),
        "GET /api/v1/cluster-structures": .roles(clusterReaders),
        "GET /api/v1/clusters/:id/checklist": .roles(clusterReaders),
        "GET /api/v1/clusters/:id/lists": .roles(clusterReaders),
        "PUT /api/v1/clusters/:id/checklist/:itemId": .roles(clusterWriters),
        "GET /api/v1/checklist-gaps": .roles(clusterReaders),
        "POST /api/v1/cluster-structures": .roles(structureWriters),
        "GET /api/v1/cluster-structures/:id": .roles(clusterReaders),
        "PUT /api/v1/cluster-structures/:id": .roles(structureWriters),
        "DELETE /api/v1/cluster-structures/:id": .roles(structureWriters),
        "PUT /api/v1/clusters/:id/figures/:period": .roles(clusterWriters),
        "DELETE /api/v1/clusters/:id/figures/:period": .roles(clusterWriters),
        "GET /api/v1/clusters/:id/chains": .roles(clusterReaders),
        "POST /api/v1/clusters/:id/chains": .roles(clusterWriters),
        "GET /api/v1/chains/:id": .roles(clusterReaders),
        "PATCH /api/v1/chains/:id": .roles(clusterWriters),
        "POST /api/v1/chains/:id/nodes": .roles(clusterWriters),
        "PATCH /api/v1/chain-nodes/:id": .roles(clusterWriters),
        "DELETE /api/v1/chain-nodes/:id": .roles(clusterWriters),
        "PUT /api/v1/chain-nodes/:id/enterprises/:enterpriseId": .roles(clusterWriters),
        "DELETE /api/v1/chain-nodes/:id/enterprises/:enterpriseId": .roles(clusterWriters),
    ]

    /// Real rows for the path parameters, made for the walking user.
    struct Targets {
        var unit: Int
        var parentOfUnit: Int
        var user: Int
        var token: Int
        var auditEntry: Int
        var job: Int
        var dataset: Int
        /// Kept by the unit role's own unit, so that role's allowed writes are not refused by ownership.
        var enterprise: Int
        var period = "2025-01"
        /// A cluster led by the unit role's own unit, its chain and a node of it.
        var cluster: Int = 0
        /// A record of each declared register, owned by the unit role's unit.
        var records: [String: Int] = [:]
        var chain: Int = 0
        var chainNode: Int = 0
        var structure: Int = 0
    }

    func testEveryRouteIsInTheTable() {
        let names = AppRoutes.all.map(\.name)
        XCTAssertEqual(Set(names).count, names.count, "duplicate routes: \(names.sorted())")
        let missing = names.filter { Self.table[$0] == nil }
        XCTAssertEqual(missing, [], "routes without an expectation: add them to RoleRouteMatrixTests.table")
        let stale = Self.table.keys.filter { !names.contains($0) }.sorted()
        XCTAssertEqual(stale, [], "expectations for routes that no longer exist")
    }

    /// A quick diff of the declarations against the table; the HTTP walk below is the real test.
    func testDeclaredAccessAgreesWithTheTable() {
        for route in AppRoutes.all {
            guard let rule = Self.table[route.name] else { continue }
            switch (rule, route.access.allowedRoles) {
            case (.publicRoute, nil): break
            case (.roles(let expected), let declared?): XCTAssertEqual(declared, expected, route.name)
            default: XCTFail("\(route.name): table says \(rule), route declares \(route.access)")
            }
        }
    }

    func testAnonymousVisitor() async throws {
        try await withApp { app, fixtures in
            let targets = try await makeTargets(app, fixtures, walker: fixtures.users[.admin]!)
            try await walk(app, fixtures, targets, role: nil)
        }
    }

    func testAdmin() async throws { try await walk(as: .admin) }
    func testOffice() async throws { try await walk(as: .office) }
    func testUnit() async throws { try await walk(as: .unit) }
    func testPark() async throws { try await walk(as: .park) }
    func testLeader() async throws { try await walk(as: .leader) }
    func testAuditor() async throws { try await walk(as: .auditor) }

    private func walk(as role: Role) async throws {
        try await withApp { app, fixtures in
            let targets = try await makeTargets(app, fixtures, walker: fixtures.users[role]!)
            try await walk(app, fixtures, targets, role: role)
        }
    }

    private func makeTargets(_ app: Application, _ fixtures: Fixtures, walker: Int) async throws -> Targets {
        let hash = try await app.password.async.hash(Fixtures.password)
        let user = try await UserSeed.insert(.init(username: "t-target", displayName: "目标用户", unitID: fixtures.zone, roles: [.leader]), passwordHash: hash, on: app.db)
        let token = APIToken()
        token.userID = walker
        token.name = "spare"
        token.tokenHash = SecretToken.hash(SecretToken.generate(prefix: TokenWrites.prefix))
        token.prefix = "gx_spare"
        token.readOnly = false
        token.createdAt = app.clock.now()
        try await token.create(on: app.db)
        try await AuditLog.record(on: app.db, at: app.clock.now(), actor: nil, address: nil, action: .update, entity: "unit",
                                  entityID: "\(fixtures.team)", summary: "矩阵测试记录", before: NoSnapshot?.none, after: NoSnapshot?.none)
        let entry = try await AuditEntry.query(on: app.db).sort(\.$id, .descending).first()
        let job = try await JobRunner.create(kind: "import:units", createdBy: walker, input: nil, inputName: nil, on: app.db, now: app.clock.now())
        let dataset = ComplexityDataset()
        dataset.name = "矩阵"
        dataset.measure = "revenue"
        dataset.rowCount = 4
        dataset.years = "2024"
        dataset.createdAt = app.clock.now()
        try await dataset.create(on: app.db)
        for (loc, prod, val) in [("A", "01", 3.0), ("A", "02", 1.0), ("B", "01", 1.0), ("B", "02", 4.0)] {
            try await (app.db as! any SQLDatabase).insert(into: "complexity_observations").columns("dataset_id", "year", "loc", "prod", "val")
                .values(SQLBind(dataset.id!), SQLBind("2024"), SQLBind(loc), SQLBind(prod), SQLBind(val)).run()
        }
        let enterprise = Enterprise()
        enterprise.creditCode = USCC.numbered(9001)
        enterprise.name = "矩阵测试企业"
        enterprise.industryCode = "3976"
        enterprise.unitID = fixtures.team
        enterprise.aboveScale = false
        enterprise.active = true
        try await enterprise.create(on: app.db)
        let cluster = Cluster()
        cluster.name = "矩阵测试集群"
        cluster.category = ClusterCategory.emerging.rawValue
        cluster.leadUnitID = fixtures.team
        cluster.sortOrder = 0
        cluster.active = true
        try await cluster.create(on: app.db)
        let chain = Chain()
        chain.clusterID = cluster.id!
        chain.name = "矩阵测试产业链"
        chain.minEnterprises = 1
        chain.minRevenue = 0
        chain.requireBackbone = false
        chain.active = true
        try await chain.create(on: app.db)
        let node = ChainNode()
        node.chainID = chain.id!
        node.segment = ChainSegment.upstream.rawValue
        node.name = "矩阵测试环节"
        node.industryCodes = "3976"
        node.sortOrder = 0
        try await node.create(on: app.db)
        var targets = Targets(unit: fixtures.otherTeam, parentOfUnit: fixtures.zone, user: user.id!, token: token.id!,
                              auditEntry: try XCTUnwrap(entry?.id), job: job.id!, dataset: dataset.id!, enterprise: enterprise.id!)
        targets.cluster = cluster.id!
        targets.chain = chain.id!
        targets.chainNode = node.id!
        let structure = ClusterStructure()
        structure.name = "矩阵测试体系"
        structure.sortOrder = 0
        structure.active = true
        try await structure.create(on: app.db)
        targets.structure = structure.id!
        // Each register's record may refer to the records made before it (a lead to its source, a project to its lead).
        var referable = [RegisterTarget.enterprise.table: enterprise.id!, RegisterTarget.chainNode.table: node.id!]
        for declaration in Registers.all {
            let id = try await RegisterStore.insert(declaration, RegisterSamples.values(declaration, n: 1, unit: fixtures.team, targets: referable),
                                                    now: app.clock.now(), on: app.db)
            targets.records[declaration.key] = id
            referable[declaration.table] = id
        }
        return targets
    }

    private func concretePath(_ route: RouteSpec, _ targets: Targets) -> String {
        if route.path.contains(":month") { return route.path.replacingOccurrences(of: ":month", with: targets.period) }
        guard route.path.contains(":id") else { return route.path }
        let id: Int
        if let key = (Self.programmeRegisters + Self.officeRegisters + Self.parkRegisters).first(where: { route.path.contains("/\($0)/") }) { id = targets.records[key] ?? 0 }
        else if route.path.contains("/complexity/") { id = targets.dataset }
        else if route.path.contains("/chain-nodes/") { id = targets.chainNode }
        else if route.path.contains("/chains/") { id = targets.chain }
        else if route.path.contains("/clusters/") { id = targets.cluster }
        else if route.path.contains("/cluster-structures/") { id = targets.structure }
        else if route.path.contains("/checklist-templates/") { id = 2 }  // the built-in, editable "六个一"
        else if route.path.contains("/enterprises/") { id = targets.enterprise }
        else if route.path.contains("/units/") { id = targets.unit }
        else if route.path.contains("/users/") { id = targets.user }
        else if route.path.contains("/tokens/") { id = targets.token }
        else if route.path.contains("/audit/") { id = targets.auditEntry }
        else if route.path.contains("/jobs/") { id = targets.job }
        else { XCTFail("no target for \(route.path)"); id = 0 }
        return route.path.replacingOccurrences(of: ":id", with: "\(id)").replacingOccurrences(of: ":period", with: targets.period)
            .replacingOccurrences(of: ":enterpriseId", with: "\(targets.enterprise)")
            .replacingOccurrences(of: ":qualificationId", with: "999999")
            .replacingOccurrences(of: ":itemId", with: "1")
    }

    /// Form fields for page POSTs: as little as possible, so allowed writes fail validation or are no-ops.
    private func form(_ route: RouteSpec, _ targets: Targets, role: Role?) -> [(String, String)] {
        switch route.name {
        case "POST /sign-in": return [("username", Fixtures.username(role ?? .leader)), ("password", Fixtures.password), ("next", "/")]
        case "POST /units/:id/move": return [("parentId", "\(targets.parentOfUnit)")]
        default: return []
        }
    }

    private func json(_ route: RouteSpec, _ targets: Targets) -> String? {
        guard route.method == .POST || route.method == .PATCH, !route.path.contains("/imports/") else { return nil }
        return route.name == "POST /api/v1/units/:id/move" ? #"{"parentId":\#(targets.parentOfUnit)}"# : "{}"
    }

    private func walk(_ app: Application, _ fixtures: Fixtures, _ targets: Targets, role: Role?) async throws {
        let who = role.map(\.rawValue) ?? "anonymous"
        var client = APIClient(app: app, token: nil)
        var cookieClient: Browser?
        if let role {
            client = try await APIClient.forRole(role, app: app, fixtures: fixtures)
            cookieClient = try await Browser.signedIn(app, as: role)
        }
        // Pages share one signed-in browser (signing in for each of some 400 pages was half of
        // this test's time); a route that may end or replace the session signs in again after it.
        let sessionEnding: Set<String> = ["POST /sign-out", "POST /sign-in", "POST /account/password", "POST /users/:id/password"]
        var pageBrowser: Browser?
        var checked = 0
        for route in AppRoutes.all {
            guard let rule = Self.table[route.name] else { continue }
            let path = concretePath(route, targets)
            if route.isAPI {
                let response = try await client.send(route.method, path, json: json(route, targets))
                verify(response, route, rule, role: role, how: "\(who) with bearer token")
                if let cookieClient {
                    let viaCookie = route.method == .GET
                        ? try await cookieClient.get(path)
                        : try await cookieClient.sendJSON(route.method, path, json(route, targets) ?? "", csrfHeader: cookieClient.csrf)
                    verify(viaCookie, route, rule, role: role, how: "\(who) with session cookie")
                }
            } else {
                let browser: Browser
                if let pageBrowser { browser = pageBrowser } else if let role { browser = try await Browser.signedIn(app, as: role) } else { browser = try await Browser.anonymous(app) }
                pageBrowser = sessionEnding.contains(route.name) ? nil : browser
                let response = route.method == .GET ? try await browser.get(path) : try await browser.post(path, form(route, targets, role: role))
                verify(response, route, rule, role: role, how: "\(who) in a browser")
            }
            checked += 1
        }
        XCTAssertEqual(checked, AppRoutes.all.count, "every route was requested")
    }

    private func verify(_ response: XCTHTTPResponse, _ route: RouteSpec, _ rule: Rule, role: Role?, how: String) {
        let label = "\(route.name) as \(how): \(response.status.code) \(response.redirectLocation ?? "") \(response.text.prefix(300))"
        let allowed: Bool
        switch rule {
        case .publicRoute: allowed = true
        case .roles(let roles): allowed = role.map(roles.contains) ?? false
        }
        if allowed {
            if route.name == "POST /sign-out" {
                XCTAssertEqual(response.redirectLocation, Site.signIn + "?notice=signedOut", label)
            }
            XCTAssertNotEqual(response.status, .unauthorized, label)
            XCTAssertNotEqual(response.status, .forbidden, label)
            XCTAssertFalse(response.isSignInRedirect, label)
            XCTAssertLessThan(response.status.code, 500, label)
        } else if role == nil {
            if route.isAPI {
                XCTAssertEqual(response.status, .unauthorized, label)
            } else {
                XCTAssertTrue(response.isSignInRedirect, label)
            }
        } else {
            XCTAssertEqual(response.status, .forbidden, label)
            if route.isAPI, response.status == .forbidden {
                XCTAssertEqual((try? apiErrorObject(response))?["code"] as? String, "forbidden", label)
            }
        }
    }
}
