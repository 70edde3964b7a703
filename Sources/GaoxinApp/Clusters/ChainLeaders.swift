import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// Chain-leader selection (链主遴选): candidates are the active enterprises attached to the
/// chain's nodes, scored by the chain's weights; a decision sets a tier and is recorded.
enum ChainLeaders {
    struct Ranking {
        var weights: LeaderWeights
        var from: Period
        var to: Period
        var scores: [LeaderScore]
    }

    struct FactsRow: Decodable {
        var id: Int
        var name: String
        var tier: String?
        var revenue: Int64
        var previousRevenue: Int64
        var rdExpense: Int64
        var patents: Int64
    }

    static func ranking(_ chain: Chain, now: Date, on db: Database) async throws -> Ranking {
        let (from, to) = try await ClusterQueries.lastTwelveMonths(now, on: db)
        let previous = ClusterQueries.twelveMonths(endingWith: Period(year: to.year - 1, month: to.month)!)
        let sql = db as! any SQLDatabase
        let (f, t, pf, pt) = (from.description, to.description, previous.from.description, previous.to.description)
        let rows = try await sql.raw("""
            SELECT e.id AS id, e.name AS name, e.tier AS tier,
                   CAST(COALESCE(SUM(CASE WHEN i.period >= \(bind: f) AND i.period <= \(bind: t) THEN i.revenue END), 0) AS BIGINT) AS revenue,
                   CAST(COALESCE(SUM(CASE WHEN i.period >= \(bind: pf) AND i.period <= \(bind: pt) THEN i.revenue END), 0) AS BIGINT) AS previous_revenue,
                   CAST(COALESCE(SUM(CASE WHEN i.period >= \(bind: f) AND i.period <= \(bind: t) THEN i.rd_expense END), 0) AS BIGINT) AS rd_expense,
                   CAST(COALESCE(SUM(CASE WHEN i.period >= \(bind: f) AND i.period <= \(bind: t) THEN i.invention_patents END), 0) AS BIGINT) AS patents
            FROM enterprises e
            LEFT JOIN enterprise_indicators i ON i.enterprise_id = e.id AND i.period >= \(bind: pf) AND i.period <= \(bind: t)
            WHERE e.active = \(bind: true) AND e.id IN (
                SELECT ne.enterprise_id FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id WHERE n.chain_id = \(bind: chain.id!))
            GROUP BY e.id, e.name, e.tier
            """).all(decoding: FactsRow.self, with: ListRunner.decoder)
        let today = DisplayFormat.day(now)
        struct Held: Decodable { var enterpriseId: Int; var n: Int }
        let held = try await sql.raw("""
            SELECT q.enterprise_id AS enterprise_id, COUNT(DISTINCT q.kind) AS n FROM enterprise_qualifications q
            WHERE q.granted_on <= \(bind: today) AND (q.expires_on IS NULL OR q.expires_on >= \(bind: today))
              AND q.enterprise_id IN (SELECT ne.enterprise_id FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id WHERE n.chain_id = \(bind: chain.id!))
            GROUP BY q.enterprise_id
            """).all(decoding: Held.self, with: ListRunner.decoder)
        let counts = Dictionary(held.map { ($0.enterpriseId, $0.n) }, uniquingKeysWith: { a, _ in a })
        let facts = rows.map {
            LeaderFacts(enterpriseID: $0.id, name: $0.name, tier: $0.tier.flatMap(EnterpriseTier.init(rawValue:)), revenue: $0.revenue,
                        previousRevenue: $0.previousRevenue, rdExpense: $0.rdExpense, patents: Int($0.patents), qualifications: counts[$0.id] ?? 0)
        }
        let weights = chain.leaderWeights
        return Ranking(weights: weights, from: from, to: to, scores: ChainLeaderScoring.rank(facts, weights: weights))
    }

    /// Records a decision and sets the enterprise's tier, both audited, in one transaction.
    static func decide(_ chain: Chain, _ input: LeaderDecisionInput, _ req: Request) async throws -> ChainLeaderDecision {
        let actor = try req.requireActor()
        try await ClusterWrites.requireOwnership(try await ClusterWrites.chainCluster(chain, on: req.db), actor: actor, on: req.db)
        var v = FieldValidator()
        let ranking = try await ranking(chain, now: req.now, on: req.db)
        let candidate = input.enterpriseId.flatMap { id in ranking.scores.first { $0.facts.enterpriseID == id } }
        if input.enterpriseId == nil { v.add(.choiceRequired("enterpriseId", label: "企业", labelEn: "Enterprise")) } else if candidate == nil {
            v.add(.invalid("enterpriseId", zh: "该企业不是本产业链的候选企业（须关联到本链环节且在册）", en: "Not a candidate of this chain"))
        }
        // A tier is the enterprise's, seen by every chain it is attached to: leading the cluster is
        // not enough to set it; the unit role must also keep the enterprise (office and admin may).
        if let candidate, let unit = try await keepingUnit(of: candidate.facts.enterpriseID, on: req.db), !(unit.unitPath.map(actor.owns) ?? false) {
            v.add(.invalid("enterpriseId", zh: "该企业属于“\(unit.name)”：企业层级在所有产业链中通用，只能由集群办或该企业所属单位决定",
                           en: "This enterprise is kept by \(unit.name): its tier applies to every chain, so only the cluster office or that unit may set it"))
        }
        let tierText = (input.tier ?? "").trimmingCharacters(in: .whitespaces)
        let tier: EnterpriseTier? = tierText.isEmpty ? nil : EnterpriseTier(codeOrName: tierText)
        if !tierText.isEmpty && tier == nil { v.add(.invalid("tier", zh: "层级“\(tierText)”不存在", en: "Unknown tier")) }
        let reason = v.requiredText("reason", input.reason, label: "决定理由", labelEn: "Reason", max: 500, multiline: true)
        try v.throwIfInvalid()
        guard let candidate, let enterprise = try await Enterprise.find(candidate.facts.enterpriseID, on: req.db) else { throw AppError.notFound("该企业") }
        let unitName = try await OrgUnit.find(enterprise.unitID, on: req.db)?.name
        let before = enterprise.snapshot(unitName: unitName)
        let tierBefore = enterprise.tier
        return try await req.db.transaction { tx in
            let decision = ChainLeaderDecision()
            decision.chainID = chain.id!
            decision.enterpriseID = enterprise.id!
            decision.tier = tier?.rawValue
            decision.previousTier = enterprise.tier
            decision.reason = reason
            decision.scoreJSON = AuditLog.json(LeaderCandidateDTO(candidate))
            decision.decidedBy = actor.userID
            decision.decidedAt = req.now
            try await decision.create(on: tx)
            enterprise.tier = tier?.rawValue
            try await enterprise.save(on: tx)
            let tierName = tier?.nameZh ?? "无层级"
            try await AuditLog.record(req, on: tx, action: .create, entity: "chain_leader_decision", entityID: "\(decision.id!)",
                                      summary: "链主遴选：“\(enterprise.name)”定为\(tierName)（\(chain.name)）", before: NoSnapshot?.none,
                                      after: LeaderDecisionDTO(decision, enterpriseName: enterprise.name, decidedByName: actor.displayName))
            if tierBefore != enterprise.tier {
                try await AuditLog.record(req, on: tx, action: .update, entity: "enterprise", entityID: "\(enterprise.id!)",
                                          summary: "链主遴选改变“\(enterprise.name)”的层级", before: before, after: enterprise.snapshot(unitName: unitName))
            }
            return decision
        }
    }

    /// The unit that keeps an enterprise (its owner for the `unit` role).
    static func keepingUnit(of enterpriseID: Int, on db: Database) async throws -> OrgUnit? {
        guard let enterprise = try await Enterprise.find(enterpriseID, on: db) else { return nil }
        return try await OrgUnit.find(enterprise.unitID, on: db)
    }

    /// The candidates whose tier this actor may set (all of them for the office and admin).
    static func decidable(_ ranking: Ranking, actor: Actor, on db: Database) async throws -> Set<Int> {
        let ids = ranking.scores.map(\.facts.enterpriseID)
        if ids.isEmpty || actor.hasAny([.admin, .office]) { return Set(ids) }
        let enterprises = try await Enterprise.query(on: db).filter(\.$id ~~ ids).all()
        let units = Dictionary(try await OrgUnit.query(on: db).filter(\.$id ~~ Set(enterprises.map(\.unitID))).all().map { ($0.id!, $0) },
                               uniquingKeysWith: { a, _ in a })
        return Set(enterprises.filter { units[$0.unitID]?.unitPath.map(actor.owns) ?? false }.map { $0.id! })
    }

    static func decisions(_ chain: Chain, on db: Database) async throws -> [LeaderDecisionDTO] {
        struct Row: Decodable {
            var id: Int; var chainId: Int; var enterpriseId: Int; var tier: String?; var previousTier: String?; var reason: String
            var decidedAt: Date; var enterpriseName: String; var decidedByName: String?
        }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT d.id AS id, d.chain_id AS chain_id, d.enterprise_id AS enterprise_id, d.tier AS tier, d.previous_tier AS previous_tier,
                   d.reason AS reason, d.decided_at AS decided_at, e.name AS enterprise_name, u.display_name AS decided_by_name
            FROM chain_leader_decisions d JOIN enterprises e ON e.id = d.enterprise_id LEFT JOIN users u ON u.id = d.decided_by
            WHERE d.chain_id = \(bind: chain.id!) ORDER BY d.decided_at DESC, d.id DESC
            """).all(decoding: Row.self, with: ListRunner.decoder)
        return rows.map {
            LeaderDecisionDTO(id: $0.id, chainId: $0.chainId, enterpriseId: $0.enterpriseId, enterpriseName: $0.enterpriseName, tier: $0.tier,
                              previousTier: $0.previousTier, reason: $0.reason, decidedAt: $0.decidedAt, decidedByName: $0.decidedByName)
        }
    }
}

struct LeaderCandidateDTO: Content, Equatable {
    var rank: Int
    var enterpriseId: Int
    var name: String
    var tier: String?
    var revenue: Int64
    var previousRevenue: Int64
    var growth: Double?
    var rdIntensity: Double?
    var patents: Int
    var qualifications: Int
    var parts: [String: Double]
    var score: Double

    init(_ line: LeaderScore) {
        rank = line.rank
        enterpriseId = line.facts.enterpriseID
        name = line.facts.name
        tier = line.facts.tier?.rawValue
        revenue = line.facts.revenue
        previousRevenue = line.facts.previousRevenue
        growth = line.facts.growth
        rdIntensity = line.facts.rdIntensity
        patents = line.facts.patents
        qualifications = line.facts.qualifications
        parts = line.parts
        score = line.score
    }

    static var schema: JSONSchema {
        let part = JSONSchema.number
        return .object(properties: [
            "rank": .integer, "enterpriseId": .integer, "name": .string, "tier": .string(required: false, nullable: true),
            "revenue": .integer, "previousRevenue": .integer, "growth": .number(required: false, nullable: true),
            "rdIntensity": .number(required: false, nullable: true), "patents": .integer, "qualifications": .integer,
            "parts": .object(properties: ["scale": part, "growth": part, "rdIntensity": part, "patents": part, "qualifications": part]),
            "score": .number,
        ])
    }
}

struct LeaderCandidatesDTO: Content, APISchema {
    var chainId: Int
    var weights: LeaderWeights
    var revenueFrom: String
    var revenueTo: String
    var items: [LeaderCandidateDTO]

    static let schemaName = "ChainLeaderCandidates"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "chainId": .integer, "weights": ChainDTO.leaderWeightsSchema(required: true), "revenueFrom": .string, "revenueTo": .string,
            "items": .array(items: LeaderCandidateDTO.schema),
        ])
    }
}

struct LeaderDecisionInput: Content, APISchema {
    var enterpriseId: Int?
    var tier: String?
    var reason: String?

    static let schemaName = "ChainLeaderDecisionInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "enterpriseId": .integer(required: true),
            "tier": .string(required: false, nullable: true, allowedValues: EnterpriseTier.allCases.map { AnyCodable($0.rawValue) } + [AnyCodable(""), nil]),
            "reason": .string(required: true, maxLength: 500, pattern: JSONSchema.nonBlank),
        ])
    }
}

struct LeaderDecisionDTO: Content, Equatable, APISchema {
    var id: Int
    var chainId: Int
    var enterpriseId: Int
    var enterpriseName: String
    var tier: String?
    var previousTier: String?
    var reason: String
    var decidedAt: Date
    var decidedByName: String?

    init(id: Int, chainId: Int, enterpriseId: Int, enterpriseName: String, tier: String?, previousTier: String?, reason: String, decidedAt: Date, decidedByName: String?) {
        self.id = id
        self.chainId = chainId
        self.enterpriseId = enterpriseId
        self.enterpriseName = enterpriseName
        self.tier = tier
        self.previousTier = previousTier
        self.reason = reason
        self.decidedAt = decidedAt
        self.decidedByName = decidedByName
    }

    init(_ decision: ChainLeaderDecision, enterpriseName: String, decidedByName: String?) {
        self.init(id: decision.id ?? 0, chainId: decision.chainID, enterpriseId: decision.enterpriseID, enterpriseName: enterpriseName, tier: decision.tier,
                  previousTier: decision.previousTier, reason: decision.reason, decidedAt: decision.decidedAt, decidedByName: decidedByName)
    }

    static let schemaName = "ChainLeaderDecision"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "chainId": .integer, "enterpriseId": .integer, "enterpriseName": .string,
            "tier": .string(required: false, nullable: true), "previousTier": .string(required: false, nullable: true),
            "reason": .string, "decidedAt": .string(format: .dateTime), "decidedByName": .string(required: false, nullable: true),
        ])
    }
}

struct LeaderDecisionListDTO: Content, APISchema {
    var items: [LeaderDecisionDTO]

    static let schemaName = "ChainLeaderDecisionList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: LeaderDecisionDTO.schemaName)))])
    }
}
