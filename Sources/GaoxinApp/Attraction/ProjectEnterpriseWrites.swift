import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// One lineage (SPEC §3): a project that has registered its company (注册落地 or later) links to
/// that company's enterprise record — an existing one found by its credit code, or one created
/// here — and, where the project names a chain node the user may write, the enterprise is
/// attached to it, so its revenue flows into the node's cluster (`ClusterMembership`). The
/// enterprise, the project's link and the attachment are written with their audit rows in one
/// transaction, or not at all.
enum ProjectEnterpriseWrites {
    /// The first stage at which the project's company exists.
    static let firstStage = ProjectStage.registered

    struct Outcome: Sendable {
        var enterpriseID: Int
        var enterpriseName: String
        var created: Bool
        /// The chain node the enterprise was attached to, nil where the project names none.
        var attachedNode: String?
        /// The project names a node of a chain the user may not write: its lead department attaches it.
        var nodeLeftToOwner: Bool
    }

    /// Why the project cannot take an enterprise now (nil when it can), as its page and the API say it.
    static func refusal(_ project: RegisterRecord) -> String? {
        if !project.active { return "项目已停用" }
        if project.values["enterpriseId"]?.integer != nil { return "项目已关联落地企业" }
        let stage = project.text("stage").flatMap(ProjectStage.init) ?? .signed
        if stage < firstStage { return "项目\(firstStage.zh)后才能登记落地企业（当前阶段：\(stage.zh)）" }
        return nil
    }

    static func establish(_ project: RegisterRecord, _ input: ProjectEnterpriseInput, _ req: Request) async throws -> Outcome {
        let actor = try req.requireActor()
        try await RegisterWrites.requireOwnership(.projects, project, actor: actor, on: req.db)
        if let refusal = refusal(project) { throw AppError.conflict(refusal) }
        guard let unitID = project.values["owningUnitId"]?.integer.map(Int.init) else { throw AppError.conflict("项目没有责任单位") }

        // A company already registered under its code is linked, never entered twice.
        var existing: Enterprise?
        if case .success(let code) = CreditCode.parse(input.creditCode ?? "") {
            existing = try await Enterprise.query(on: req.db).filter(\.$creditCode == code.value).first()
        }
        if let existing, !existing.active {
            throw ValidationFailed([.invalid("creditCode", zh: "该统一社会信用代码登记的企业“\(existing.name)”已停用，请先在企业名录中启用",
                                             en: "The enterprise with this credit code is deactivated; reactivate it first")])
        }
        // A new company is checked as the enterprise register checks any new record, kept by the project's unit.
        let enterprises = RegisterDeclaration.enterprises
        var values: RegisterValues?
        if existing == nil {
            var company = RegisterInput(source: .json)
            company.texts = ["creditCode": input.creditCode ?? "", "name": input.name ?? "", "industryCode": input.industryCode ?? "",
                             "unitId": String(unitID), "aboveScale": (input.aboveScale ?? false) ? "1" : "0"]
            values = try await RegisterWrites.checked(enterprises, company, existing: nil, actor: actor, on: req.db)
        }

        var nodeToAttach: ChainNode?
        var nodeLeftToOwner = false
        if let nodeID = project.values["chainNodeId"]?.integer, let found = try await ChainNode.find(Int(nodeID), on: req.db) {
            if (try? await ChainNodeWrites.requireOwnership(chainID: found.chainID, req)) != nil { nodeToAttach = found } else { nodeLeftToOwner = true }
        }
        let node = nodeToAttach, registered = existing

        let projects = RegisterDeclaration.projects
        let enterprise: Enterprise = try await req.db.transaction { [values] tx in
            let enterprise: Enterprise
            if let registered {
                enterprise = registered
            } else {
                let id = try await RegisterStore.insert(enterprises, values!, now: req.now, on: tx)
                let record = try await RegisterStore.find(enterprises, id: id, on: tx)!
                enterprise = try await Enterprise.find(id, on: tx)!
                try await AuditLog.record(req, on: tx, action: .create, entity: enterprises.entity, entityID: "\(id)",
                                          summary: "由项目“\(RegisterWrites.name(projects, project))”新建企业“\(enterprise.name)”",
                                          before: NoSnapshot?.none, after: RegisterDTO(declaration: enterprises, record: record.forAudit))
            }
            var linked = project.values
            linked["enterpriseId"] = .integer(Int64(enterprise.id!))
            try await RegisterStore.update(projects, id: project.id, linked, now: req.now, on: tx)
            let after = try await RegisterStore.find(projects, id: project.id, on: tx)!
            try await AuditLog.record(req, on: tx, action: .update, entity: projects.entity, entityID: "\(project.id)",
                                      summary: "项目“\(RegisterWrites.name(projects, project))”关联落地企业“\(enterprise.name)”",
                                      before: RegisterDTO(declaration: projects, record: project.forAudit),
                                      after: RegisterDTO(declaration: projects, record: after.forAudit))
            if let node { try await ChainNodeWrites.insertAttachment(node, enterprise: enterprise, why: "（项目落地）", req, on: tx) }
            return enterprise
        }
        return Outcome(enterpriseID: enterprise.id!, enterpriseName: enterprise.name, created: existing == nil,
                       attachedNode: node?.name, nodeLeftToOwner: nodeLeftToOwner)
    }
}

/// The company a project registered: its credit code, and for a company not yet in the register
/// its name and industry (it is kept by the project's responsible unit).
struct ProjectEnterpriseInput: Content, APISchema {
    var creditCode: String?
    var name: String?
    var industryCode: String?
    var aboveScale: Bool?

    static let schemaName = "ProjectEnterpriseInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "creditCode": .string(required: true, description: "统一社会信用代码；已登记的企业直接关联", maxLength: 30, pattern: JSONSchema.nonBlank),
            "name": .string(required: false, nullable: true, description: "企业名称（新登记时必填）", maxLength: 200),
            "industryCode": .string(required: false, nullable: true, description: "行业代码或名称（新登记时必填）", maxLength: 100),
            "aboveScale": .boolean(required: false),
        ])
    }
}

/// What the API answers: the project's enterprise, and whether it was created and attached.
struct ProjectEnterpriseOutcome: Content, APISchema {
    var projectId: Int
    var enterpriseId: Int
    var enterpriseName: String
    var created: Bool
    var chainNode: String?
    var chainNodeLeftToOwner: Bool

    init(projectID: Int, _ outcome: ProjectEnterpriseWrites.Outcome) {
        projectId = projectID
        enterpriseId = outcome.enterpriseID
        enterpriseName = outcome.enterpriseName
        created = outcome.created
        chainNode = outcome.attachedNode
        chainNodeLeftToOwner = outcome.nodeLeftToOwner
    }

    enum CodingKeys: String, CodingKey { case projectId, enterpriseId, enterpriseName, created, chainNode, chainNodeLeftToOwner }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(projectId, forKey: .projectId)
        try container.encode(enterpriseId, forKey: .enterpriseId)
        try container.encode(enterpriseName, forKey: .enterpriseName)
        try container.encode(created, forKey: .created)
        try container.encode(chainNode, forKey: .chainNode)  // null where the project names no node the user may write
        try container.encode(chainNodeLeftToOwner, forKey: .chainNodeLeftToOwner)
    }

    static let schemaName = "ProjectEnterpriseOutcome"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "projectId": .integer, "enterpriseId": .integer, "enterpriseName": .string,
            "created": .boolean(description: "true：新登记的企业；false：按信用代码关联已有企业"),
            "chainNode": .string(required: true, nullable: true, description: "企业已关联到的产业链环节"),
            "chainNodeLeftToOwner": .boolean(description: "项目所属环节的产业链由牵头部门维护，须由其关联"),
        ])
    }
}
