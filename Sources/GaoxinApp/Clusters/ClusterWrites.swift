import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Changes to clusters and chains: validated, audited in the same transaction. The unit role
/// writes the clusters its unit or subtree leads (the lead department maintains its chain map).
enum ClusterWrites: FieldRecordWrites {
    typealias Record = Cluster
    typealias Input = ClusterInput

    static func record(_ req: Request) async throws -> Cluster { try await ClusterQueries.find(req) }

    struct Fields: Sendable {
        var name: String
        var category: ClusterCategory
        var leadUnitID: Int
        var liaisonLeader: String?
        var annualTarget: Int64?
        var figuresSource: ClusterFiguresSource
        var sortOrder: Int
        var note: String?
    }

    static func validate(_ input: ClusterInput, existing: Cluster?, actor: Actor, on db: Database) async throws -> Fields {
        var v = FieldValidator()
        let name = v.requiredText("name", input.name ?? existing?.name, label: "集群名称", labelEn: "Name", max: 100)
        let categoryText = input.category ?? existing?.category ?? ""
        let category = ClusterCategory(codeOrName: categoryText)
        if categoryText.isEmpty { v.add(.choiceRequired("category", label: "集群类别", labelEn: "Category")) } else if category == nil {
            v.add(.invalid("category", zh: "集群类别“\(categoryText)”不存在", en: "Unknown category"))
        }
        let leadUnitID = input.leadUnitId ?? existing?.leadUnitID
        if let leadUnitID {
            if let unit = try await OrgUnit.find(leadUnitID, on: db) {
                if !unit.active, unit.id != existing?.leadUnitID { v.add(.invalid("leadUnitId", zh: "单位“\(unit.name)”已停用", en: "The unit is deactivated")) }
                else if let path = unit.unitPath, !actor.owns(path) { v.add(.invalid("leadUnitId", zh: "只能选择本单位或下级单位", en: "Choose your own unit or one below it")) }
            } else { v.add(.invalid("leadUnitId", zh: "牵头部门不存在", en: "Unit not found")) }
        } else { v.add(.choiceRequired("leadUnitId", label: "牵头部门", labelEn: "Lead unit")) }
        let leader = v.optionalText("liaisonLeader", input.liaisonLeader ?? existing?.liaisonLeader, label: "挂钩领导", labelEn: "Liaison leader", max: 100)
        let target = input.annualTarget ?? existing?.annualTarget
        if let target { v.check((0..<IndicatorWrites.moneyLimit).contains(target), .invalid("annualTarget", zh: "年度目标应为不小于 0 的整数（万元）", en: "Target must be ≥ 0 (10k yuan)")) }
        let sourceText = input.figuresSource ?? existing?.figuresSource ?? ClusterFiguresSource.bottomUp.rawValue
        let source = ClusterFiguresSource(codeOrName: sourceText)
        if source == nil { v.add(.invalid("figuresSource", zh: "营收口径只能是：" + ClusterFiguresSource.allCases.map(\.nameZh).joined(separator: "、"), en: "Unknown figures source")) }
        let sortOrder = input.sortOrder ?? existing?.sortOrder ?? 0
        v.check(InputLimits.sortOrder.contains(sortOrder), .invalid("sortOrder", zh: "排序号应在 -1000000 到 1000000 之间", en: "Sort order out of range"))
        let note = v.optionalText("note", input.note ?? existing?.note, label: "备注", labelEn: "Note", max: 2000)
        if v.isValid {
            var query = Cluster.query(on: db).filter(\.$name == name)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if try await query.count() > 0 { v.add(FieldError(field: "name", code: "duplicate", zh: "已有名为“\(name)”的产业集群", en: "A cluster has this name")) }
        }
        try v.throwIfInvalid()
        return Fields(name: name, category: category!, leadUnitID: leadUnitID!, liaisonLeader: leader, annualTarget: target,
                      figuresSource: source!, sortOrder: sortOrder, note: note)
    }

    static func requireOwnership(_ cluster: Cluster, actor: Actor, on db: Database) async throws {
        guard let unit = try await OrgUnit.find(cluster.leadUnitID, on: db), let path = unit.unitPath, actor.owns(path) else { throw AppError.forbidden }
    }

    static func apply(_ fields: Fields, to cluster: Cluster) {
        cluster.name = fields.name
        cluster.category = fields.category.rawValue
        cluster.leadUnitID = fields.leadUnitID
        cluster.liaisonLeader = fields.liaisonLeader
        cluster.annualTarget = fields.annualTarget
        cluster.figuresSource = fields.figuresSource.rawValue
        cluster.sortOrder = fields.sortOrder
        cluster.note = fields.note
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

extension Cluster: AuditedRecord {
    static let auditEntity = "cluster"
    static let auditNounZh = "产业集群"
    var auditName: String { name }
    var auditSnapshot: ClusterDTO { ClusterDTO(self) }
}
