/// Links to pages and API resources, built in one place so no view or test spells a URL.
enum Site {
    static let home = "/"
    static let signIn = "/sign-in"
    static let signOut = "/sign-out"
    static let language = "/language"
    static let account = "/account"
    static let accountPassword = "/account/password"
    static let accountTokens = "/account/tokens"
    static func accountTokenRevoke(_ id: Int) -> String { "/account/tokens/\(id)/revoke" }

    // The unit tree is declared: its addresses are the declaration's.
    static var units: String { RegisterDeclaration.units.path }
    static var unitNew: String { units + "/new" }
    static var unitsExport: String { units + "/export" }
    static func unit(_ id: Int) -> String { RegisterDeclaration.units.path(id) }
    static func unitEdit(_ id: Int) -> String { unit(id) + "/edit" }
    static func unitMove(_ id: Int) -> String { unit(id) + "/move" }
    static func unitDeactivate(_ id: Int) -> String { unit(id) + "/deactivate" }
    static func unitReactivate(_ id: Int) -> String { unit(id) + "/reactivate" }

    // Users are declared: their addresses are the declaration's.
    static var users: String { RegisterDeclaration.users.path }
    static var userNew: String { users + "/new" }
    static var usersExport: String { users + "/export" }
    static func user(_ id: Int) -> String { RegisterDeclaration.users.path(id) }
    static func userEdit(_ id: Int) -> String { user(id) + "/edit" }
    static func userDeactivate(_ id: Int) -> String { user(id) + "/deactivate" }
    static func userReactivate(_ id: Int) -> String { user(id) + "/reactivate" }
    static func userUnlock(_ id: Int) -> String { user(id) + "/unlock" }
    static func userPassword(_ id: Int) -> String { user(id) + "/password" }

    // The enterprise register's addresses are its declaration's.
    static var enterprises: String { RegisterDeclaration.enterprises.path }
    static var enterpriseNew: String { enterprises + "/new" }
    static var enterprisesExport: String { enterprises + "/export" }
    static func enterprise(_ id: Int) -> String { RegisterDeclaration.enterprises.path(id) }
    static func enterpriseEdit(_ id: Int) -> String { enterprise(id) + "/edit" }
    static func enterpriseDeactivate(_ id: Int) -> String { enterprise(id) + "/deactivate" }
    static func enterpriseReactivate(_ id: Int) -> String { enterprise(id) + "/reactivate" }
    static func enterpriseIndicators(_ id: Int) -> String { enterprise(id) + "/indicators" }
    static func enterpriseQualifications(_ id: Int) -> String { enterprise(id) + "/qualifications" }
    static func enterpriseQualificationDelete(_ id: Int, _ qualificationID: Int) -> String { enterprise(id) + "/qualifications/\(qualificationID)/delete" }

    // The cluster registry is declared: its addresses are the declaration's.
    static var clusters: String { RegisterDeclaration.clusters.path }
    static var clusterNew: String { clusters + "/new" }
    static var clustersExport: String { clusters + "/export" }
    static func cluster(_ id: Int) -> String { RegisterDeclaration.clusters.path(id) }
    static func clusterEdit(_ id: Int) -> String { cluster(id) + "/edit" }
    static func clusterDeactivate(_ id: Int) -> String { cluster(id) + "/deactivate" }
    static func clusterReactivate(_ id: Int) -> String { cluster(id) + "/reactivate" }
    static func clusterChains(_ id: Int) -> String { "/clusters/\(id)/chains" }
    static func clusterFigures(_ id: Int) -> String { "/clusters/\(id)/figures" }
    static func clusterChecklistItem(_ id: Int, _ item: Int) -> String { "/clusters/\(id)/checklist/\(item)" }
    static let checklistGaps = "/checklist-gaps"
    static func clusterListsExport(_ id: Int) -> String { "/clusters/\(id)/lists/export" }
    static let checklistGapsExport = "/checklist-gaps/export"
    static let checklistTemplates = "/checklist-templates"
    static let checklistTemplateNew = "/checklist-templates/new"
    static func checklistTemplate(_ id: Int) -> String { "/checklist-templates/\(id)" }
    static func checklistTemplateEdit(_ id: Int) -> String { "/checklist-templates/\(id)/edit" }
    static let clusterStructures = "/cluster-structures"
    static let clusterStructureNew = "/cluster-structures/new"
    static func clusterStructure(_ id: Int) -> String { "/cluster-structures/\(id)" }
    static func clusterStructureEdit(_ id: Int) -> String { "/cluster-structures/\(id)/edit" }
    static func clusterStructureDelete(_ id: Int) -> String { "/cluster-structures/\(id)/delete" }
    static func clusterFigureDelete(_ id: Int, _ period: String) -> String { "/clusters/\(id)/figures/\(period)/delete" }
    static func chain(_ id: Int) -> String { "/chains/\(id)" }
    static func chainDrawing(_ id: Int) -> String { "/chains/\(id)/map" }
    static func chainEdit(_ id: Int) -> String { "/chains/\(id)/edit" }
    static func chainExport(_ id: Int) -> String { "/chains/\(id)/export" }
    static func chainLeaders(_ id: Int) -> String { "/chains/\(id)/leaders" }
    static func chainLeaderWeights(_ id: Int) -> String { "/chains/\(id)/leaders/weights" }
    static func chainLeaderDecisions(_ id: Int) -> String { "/chains/\(id)/leaders/decisions" }
    static func chainNodes(_ id: Int) -> String { "/chains/\(id)/nodes" }
    static func chainNode(_ id: Int) -> String { "/chain-nodes/\(id)" }
    static func chainNodeEdit(_ id: Int) -> String { "/chain-nodes/\(id)/edit" }
    static func chainNodeDelete(_ id: Int) -> String { "/chain-nodes/\(id)/delete" }
    static func chainNodeEnterprises(_ id: Int) -> String { "/chain-nodes/\(id)/enterprises" }
    static func chainNodeDetach(_ id: Int, _ enterpriseID: Int) -> String { "/chain-nodes/\(id)/enterprises/\(enterpriseID)/detach" }
    /// The `id` of a node's row on its chain page, and the link to that row.
    static func chainNodeAnchor(_ nodeID: Int) -> String { "node-\(nodeID)" }
    static func chain(_ id: Int, node nodeID: Int) -> String { chain(id) + "#" + chainNodeAnchor(nodeID) }
    /// The missing and weak nodes of every active chain.
    static let chainGaps = "/chain-gaps"
    static let chainGapsExport = "/chain-gaps/export"

    /// Every declared register with its count of active records (each register's own links come
    /// from its declaration: `RegisterDeclaration.path`).
    static let registers = "/registers"

    static let audit = "/audit"
    static let auditExport = "/audit/export"
    static func auditEntry(_ id: Int) -> String { "/audit/\(id)" }

    static let imports = "/imports"
    static func importUpload(_ register: String) -> String { "/imports/\(register)" }
    static func importTemplate(_ register: String, format: String) -> String { "/imports/\(register)/template?format=\(format)" }
    /// The register's current data in its import format (edit and import back).
    static func importData(_ register: String, format: String) -> String { "/imports/\(register)/data?format=\(format)" }
    static func job(_ id: Int) -> String { "/jobs/\(id)" }
    static func jobErrors(_ id: Int, format: String) -> String { "/jobs/\(id)/errors?format=\(format)" }

    static let complexity = "/analytics/complexity"
    static let complexityFromZone = "/analytics/complexity/from-zone"
    static func complexityDataset(_ id: Int) -> String { "/analytics/complexity/\(id)" }
    static func complexityExport(_ id: Int) -> String { "/analytics/complexity/\(id)/export" }

    static let stylesheet = "/assets/app.css"
    static let script = "/assets/app.js"
    static let health = "/healthz"

    enum API {
        static let base = "/api/v1"
        static let openAPI = "/api/v1/openapi.json"
        static let me = "/api/v1/me"
        static var units: String { RegisterDeclaration.units.apiPath }
        static func unit(_ id: Int) -> String { RegisterDeclaration.units.apiPath(id) }
        static func unitMove(_ id: Int) -> String { unit(id) + "/move" }
        static func unitDeactivate(_ id: Int) -> String { unit(id) + "/deactivate" }
        static func unitReactivate(_ id: Int) -> String { unit(id) + "/reactivate" }
        static var users: String { RegisterDeclaration.users.apiPath }
        static func user(_ id: Int) -> String { RegisterDeclaration.users.apiPath(id) }
        static func userDeactivate(_ id: Int) -> String { user(id) + "/deactivate" }
        static func userReactivate(_ id: Int) -> String { user(id) + "/reactivate" }
        static var enterprises: String { RegisterDeclaration.enterprises.apiPath }
        static func enterprise(_ id: Int) -> String { RegisterDeclaration.enterprises.apiPath(id) }
        static func enterpriseDeactivate(_ id: Int) -> String { enterprise(id) + "/deactivate" }
        static func enterpriseReactivate(_ id: Int) -> String { enterprise(id) + "/reactivate" }
        static func enterpriseIndicators(_ id: Int) -> String { enterprise(id) + "/indicators" }
        static func enterpriseQualifications(_ id: Int) -> String { enterprise(id) + "/qualifications" }
        static func enterpriseQualification(_ id: Int, _ qualificationID: Int) -> String { enterprise(id) + "/qualifications/\(qualificationID)" }
        static func enterpriseIndicator(_ id: Int, _ period: String) -> String { enterprise(id) + "/indicators/\(period)" }
        static var clusters: String { RegisterDeclaration.clusters.apiPath }
        static func cluster(_ id: Int) -> String { RegisterDeclaration.clusters.apiPath(id) }
        static let clusterStructures = "/api/v1/cluster-structures"
        static func clusterStructure(_ id: Int) -> String { "/api/v1/cluster-structures/\(id)" }
        static func clusterChains(_ id: Int) -> String { "/api/v1/clusters/\(id)/chains" }
        static func chain(_ id: Int) -> String { "/api/v1/chains/\(id)" }
        static func chainNodes(_ id: Int) -> String { "/api/v1/chains/\(id)/nodes" }
        static func chainLeaderCandidates(_ id: Int) -> String { "/api/v1/chains/\(id)/leader-candidates" }
        static func chainLeaderDecisions(_ id: Int) -> String { "/api/v1/chains/\(id)/leader-decisions" }
        static func chainNode(_ id: Int) -> String { "/api/v1/chain-nodes/\(id)" }
        static func chainNodeEnterprise(_ id: Int, _ enterpriseID: Int) -> String { "/api/v1/chain-nodes/\(id)/enterprises/\(enterpriseID)" }
        static let chainGaps = "/api/v1/chain-gaps"
        static let audit = "/api/v1/audit"
        static let tokens = "/api/v1/tokens"
        static func token(_ id: Int) -> String { "/api/v1/tokens/\(id)" }
        static func importUpload(_ register: String) -> String { "/api/v1/imports/\(register)" }
        static func job(_ id: Int) -> String { "/api/v1/jobs/\(id)" }
        static let complexityFromZone = "/api/v1/analytics/complexity/datasets/from-zone"
    }
}
