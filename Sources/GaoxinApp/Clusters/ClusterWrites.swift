import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Changes to a cluster's chains, validated and audited in the same transaction. The cluster's
/// own record is a declared register (`RegisterDeclaration.clusters`). The unit role writes the
/// chains, figures and checklist of the clusters its unit or subtree leads (the lead department
/// maintains its chain map).
enum ClusterWrites {
    /// The lead department or above: what chains, figures and checklist entries require.
    static func requireOwnership(_ cluster: Cluster, actor: Actor, on db: Database) async throws {
        guard let unit = try await OrgUnit.find(cluster.leadUnitID, on: db), let path = unit.unitPath, actor.owns(path) else { throw AppError.forbidden }
    }

    // MARK: chains

    struct ChainFields {
        var name: String
        var minEnterprises: Int
        var minRevenue: Int64
        var requireBackbone: Bool
        var leaderWeights: LeaderWeights?
        var note: String?
    }

    static func validateChain(_ input: ChainInput, clusterID: Int, existing: Chain?, on db: Database) async throws -> ChainFields {
        var v = FieldValidator()
        let name = v.requiredText("name", input.name ?? existing?.name, label: "产业链名称", labelEn: "Name", max: 100)
        let minEnterprises = input.minEnterprises ?? existing?.minEnterprises ?? 3
        v.check((0...10_000).contains(minEnterprises), .invalid("minEnterprises", zh: "企业数门槛应为 0 到 10000 之间的整数", en: "Enterprise threshold out of range"))
        let minRevenue = input.minRevenue ?? existing?.minRevenue ?? 0
        v.check((0..<IndicatorWrites.moneyLimit).contains(minRevenue), .invalid("minRevenue", zh: "营收门槛应为不小于 0 的整数（万元）", en: "Revenue threshold must be ≥ 0"))
        let note = v.optionalText("note", input.note ?? existing?.note, label: "备注", labelEn: "Note", max: 2000)
        let weights = input.leaderWeights ?? existing.map(\.leaderWeights)
        for (criterion, problem) in weights?.problems ?? [] {
            v.add(.invalid("leaderWeights.\(criterion.rawValue)", zh: "\(criterion.nameZh)：\(problem)", en: "\(criterion.nameEn): weight 0–100, not all 0"))
        }
        if v.isValid {
            var query = Chain.query(on: db).filter(\.$clusterID == clusterID).filter(\.$name == name)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if try await query.count() > 0 { v.add(FieldError(field: "name", code: "duplicate", zh: "该集群下已有名为“\(name)”的产业链", en: "The cluster has a chain with this name")) }
        }
        try v.throwIfInvalid()
        return ChainFields(name: name, minEnterprises: minEnterprises, minRevenue: minRevenue,
                           requireBackbone: input.requireBackbone ?? existing?.requireBackbone ?? true,
                           leaderWeights: input.leaderWeights == nil ? nil : weights, note: note)
    }

    static func applyChain(_ fields: ChainFields, to chain: Chain) {
        chain.name = fields.name
        chain.minEnterprises = fields.minEnterprises
        chain.minRevenue = fields.minRevenue
        chain.requireBackbone = fields.requireBackbone
        if let weights = fields.leaderWeights {
            chain.leaderWeightsJSON = weights == .standard ? nil : AuditLog.json(weights)
        }
        chain.note = fields.note
    }

    static func createChain(in cluster: Cluster, _ input: ChainInput, _ req: Request) async throws -> Chain {
        try await requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        let fields = try await validateChain(input, clusterID: cluster.id!, existing: nil, on: req.db)
        return try await req.db.transaction { tx in
            let chain = Chain()
            chain.clusterID = cluster.id!
            applyChain(fields, to: chain)
            chain.active = true
            try await chain.create(on: tx)
            try await AuditLog.record(req, on: tx, action: .create, entity: "chain", entityID: "\(chain.id!)",
                                      summary: "新建产业链“\(chain.name)”（\(cluster.name)）", before: NoSnapshot?.none, after: ChainDTO(chain))
            return chain
        }
    }

    static func chainCluster(_ chain: Chain, on db: Database) async throws -> Cluster {
        guard let cluster = try await Cluster.find(chain.clusterID, on: db) else { throw AppError.notFound("该产业集群") }
        return cluster
    }

    static func updateChain(_ chain: Chain, _ input: ChainInput, _ req: Request) async throws -> Chain {
        try await requireOwnership(try await chainCluster(chain, on: req.db), actor: try req.requireActor(), on: req.db)
        let fields = try await validateChain(input, clusterID: chain.clusterID, existing: chain, on: req.db)
        let before = ChainDTO(chain)
        return try await req.db.transaction { tx in
            applyChain(fields, to: chain)
            try await chain.save(on: tx)
            try await AuditLog.record(req, on: tx, action: .update, entity: "chain", entityID: "\(chain.id!)",
                                      summary: "修改产业链“\(chain.name)”", before: before, after: ChainDTO(chain))
            return chain
        }
    }
}
