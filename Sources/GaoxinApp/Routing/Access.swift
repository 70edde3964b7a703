import GaoxinDomain

/// Which roles may read and which may write one kind of data. Every route names one of these and
/// says whether it reads or writes, so the role × route matrix is data a test can walk.
struct ResourcePolicy: Sendable {
    let name: String
    let read: Set<Role>
    let write: Set<Role>
}

enum Policies {
    static let everyone: Set<Role> = Set(Role.allCases)

    /// The unit tree: everyone signed in reads it (it names every owner); admin and office shape it.
    static let organisation = ResourcePolicy(name: "organisation", read: everyone, write: [.admin, .office])
    /// Accounts are personal data: readable by those who administer or audit them.
    static let users = ResourcePolicy(name: "users", read: [.admin, .office, .auditor], write: [.admin])
    /// SPEC §5: the auditor reads the audit log. Separation of duties: the administrator, whose
    /// own actions are in the log, does not read (or export) it.
    static let audit = ResourcePolicy(name: "audit", read: [.auditor], write: [])
    /// The enterprise register and its monthly figures: read by everyone who works with programme
    /// data; written by the office and by units for the enterprises their subtree keeps (SPEC §5).
    static let enterprises = ResourcePolicy(name: "enterprises", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office, .unit])
    /// Clusters and their chain maps: read by everyone who works with programme data; written by
    /// the office and by the lead department (unit role) of the cluster.
    static let clusters = ResourcePolicy(name: "clusters", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office, .unit])
    /// The programme's registers (policies, funds, platforms…): read by everyone who works with
    /// programme data; written by the office and by units for the records their subtree owns.
    /// The cluster registry — creating, changing and deactivating clusters — and what spans clusters
    /// (structures such as "465", checklist templates) are the cluster office's (SPEC §5, issue 12);
    /// a lead department keeps its own cluster's chain map, figures and checklist under `clusters`.
    static let clusterRegistry = ResourcePolicy(name: "clusterRegistry", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office])
    static let programme = ResourcePolicy(name: "programme", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office, .unit])
    /// Declared registers that configure the programme for the whole zone (its own indicators):
    /// read like the programme's, written by the office only.
    static let officeRegisters = ResourcePolicy(name: "officeRegisters", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office])
    /// Parks and what hangs on them (spaces, tenants, yearly statistics): read like the programme;
    /// written by the office, and by the `park` role (SPEC §5: 园区用户 writes its park and spaces) and
    /// the `unit` role for the parks their unit or subtree operates (`RegisterOwnership`).
    static let parks = ResourcePolicy(name: "parks", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office, .unit, .park])
    /// One's own API tokens and password: everyone signed in.
    static let ownAccount = ResourcePolicy(name: "ownAccount", read: everyone, write: everyone)
    /// The import page: whoever may write at least one importable register.
    static let imports = ResourcePolicy(name: "imports", read: organisation.write.union(users.write).union(enterprises.write).union(parks.write),
                                        write: organisation.write.union(users.write).union(enterprises.write).union(parks.write))
    /// Analytics: everyone who works with programme data reads; admin and the cluster office upload.
    static let analytics = ResourcePolicy(name: "analytics", read: [.admin, .office, .unit, .park, .leader], write: [.admin, .office])
    /// Jobs are visible to whoever can start them; a user sees their own (admin sees all).
    static let jobs = ResourcePolicy(name: "jobs", read: everyone, write: [])
    /// What operators watch (`/metrics`): the administrator, or a scraper holding an admin's token.
    static let operations = ResourcePolicy(name: "operations", read: [.admin], write: [])
}

/// What a route demands of the request.
enum Access: Sendable {
    /// No sign-in needed (sign-in page, health, the OpenAPI document, static assets).
    case publicRoute
    /// Reading data under the policy.
    case read(ResourcePolicy)
    /// Changing data under the policy.
    case write(ResourcePolicy)

    var allowedRoles: Set<Role>? {
        switch self {
        case .publicRoute: return nil
        case .read(let policy): return policy.read
        case .write(let policy): return policy.write
        }
    }

    var isWrite: Bool {
        if case .write = self { return true }
        return false
    }
}
