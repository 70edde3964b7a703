import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// Reads of clusters and chains: lookups, and the chain map with strengths (the cluster list is
/// the declared register's, `RegisterDeclaration.clusters`).
enum ClusterQueries {
    /// The active clusters as a select's choices (id, name) in cluster order, read with SQLKit:
    /// the enterprise list draws this filter on every page, and decoding 60 Fluent models took
    /// 15 % of that page's CPU at province scale.
    static func options(on db: Database) async throws -> [FormField.Option] {
        struct Row: Decodable { let id: Int; let name: String }
        return try await (db as! any SQLDatabase).raw("""
            SELECT id, name FROM clusters WHERE active = \(bind: true) ORDER BY sort_order, name
            """).all(decoding: Row.self).map { FormField.Option(value: "\($0.id)", label: $0.name) }
    }

    static func find(_ req: Request) async throws -> Cluster {
        guard let id = req.parameters.get("id", as: Int.self), let cluster = try await Cluster.find(id, on: req.db) else {
            throw AppError.notFound("该产业集群")
        }
        return cluster
    }

    static func findChain(_ req: Request) async throws -> Chain {
        guard let id = req.parameters.get("id", as: Int.self), let chain = try await Chain.find(id, on: req.db) else {
            throw AppError.notFound("该产业链")
        }
        return chain
    }

    static func findChainByID(_ id: Int, on db: Database) async throws -> Chain {
        guard let chain = try await Chain.find(id, on: db) else { throw AppError.notFound("该产业链") }
        return chain
    }

    static func findNode(_ req: Request) async throws -> ChainNode {
        guard let id = req.parameters.get("id", as: Int.self), let node = try await ChainNode.find(id, on: req.db) else {
            throw AppError.notFound("该产业链环节")
        }
        return node
    }

    /// The twelve months ending with the latest month anyone has reported (not after the
    /// current one): monthly figures arrive weeks late, and a map must not turn weak merely
    /// because this month's figures are not in yet.
    static func lastTwelveMonths(_ now: Date, on db: Database) async throws -> (from: Period, to: Period) {
        let current = IndicatorWrites.currentPeriod(now)
        // ORDER BY … LIMIT 1 is one seek on the period index; MAX with a bound walks it (3 ms at 36M rows).
        let latest = try await EnterpriseIndicator.query(on: db).filter(\.$period <= current.description).sort(\.$period, .descending).first()?.period
        return twelveMonths(endingWith: latest.flatMap { Period($0) } ?? current)
    }

    static func twelveMonths(endingWith to: Period) -> (from: Period, to: Period) {
        let fromIndex = to.year * 12 + (to.month - 1) - 11
        return (Period(year: fromIndex / 12, month: fromIndex % 12 + 1)!, to)
    }

    struct Attachment: Decodable {
        var nodeId: Int
        var enterpriseId: Int
        var name: String
        var tier: String?
        var revenue: Int64
    }

    /// The chain map: nodes in segment and tree order, each with its local enterprises (active
    /// ones only), their revenue over the last twelve months, and the derived strength.
    static func map(_ chain: Chain, now: Date, window: (from: Period, to: Period)? = nil, on db: Database) async throws -> ChainMapDTO {
        try await maps([chain], now: now, window: window, on: db)[0]
    }

    /// What a map holds of each node's enterprises: each one by name (the map page, its export,
    /// the API), or only the facts its strength is judged on (the gaps list and the dashboard's
    /// tile, which read every chain: 78,553 attachments at province scale, whose names and sort
    /// they never show).
    enum Members { case listed, counted }

    /// The maps of several chains from three queries in all (clusters, nodes, attachments with
    /// their revenue), not three per chain: the gap list and the dashboard read every chain.
    static func maps(_ chains: [Chain], now: Date, window: (from: Period, to: Period)? = nil, members: Members = .listed,
                     on db: Database) async throws -> [ChainMapDTO] {
        guard !chains.isEmpty else { return [] }
        let chainIDs = chains.map { $0.id! }
        let clusters = try await Cluster.query(on: db).filter(\.$id ~~ Set(chains.map(\.clusterID))).all()
        let clusterNames = Dictionary(clusters.map { ($0.id!, $0.name) }, uniquingKeysWith: { first, _ in first })
        let nodesByChain = Dictionary(grouping: try await ChainNode.query(on: db).filter(\.$chainID ~~ chainIDs).all(), by: \.chainID)
        var months = window
        if months == nil { months = try await lastTwelveMonths(now, on: db) }
        let (from, to) = months!
        let sql = db as! any SQLDatabase
        let ids = SQLList(chainIDs.map { SQLBind($0) })
        let revenue = windowRevenue(from: from, to: to)
        let attached: SQLQueryString = """
            FROM chain_node_enterprises ne
            JOIN chain_nodes n ON n.id = ne.node_id
            JOIN enterprises e ON e.id = ne.enterprise_id
            LEFT JOIN \(unsafeRaw: RecentRevenue.table) r ON r.enterprise_id = e.id
            WHERE n.chain_id IN (\(ids)) AND e.active = \(bind: true)
            """
        var listed: [Int: [Attachment]] = [:]
        var facts: [Int: NodeStrengthRule.Facts] = [:]
        switch members {
        case .listed:
            let attachments = try await sql.raw("""
                SELECT ne.node_id AS node_id, e.id AS enterprise_id, e.name AS name, e.tier AS tier, CAST(\(revenue) AS BIGINT) AS revenue
                \(attached) ORDER BY e.name_sort, e.id
                """).all(decoding: Attachment.self, with: ListRunner.decoder)
            listed = Dictionary(grouping: attachments, by: \.nodeId)
            facts = listed.mapValues { local in
                NodeStrengthRule.Facts(enterprises: local.count, revenue: local.reduce(0) { $0 + $1.revenue },
                                       bestTier: bestTier(local.map(\.tier)))
            }
        case .counted:
            struct Tally: Decodable { var nodeId: Int; var tier: String?; var enterprises: Int; var revenue: Int64 }
            let tallies = try await sql.raw("""
                SELECT ne.node_id AS node_id, e.tier AS tier, COUNT(*) AS enterprises, CAST(SUM(\(revenue)) AS BIGINT) AS revenue
                \(attached) GROUP BY ne.node_id, e.tier
                """).all(decoding: Tally.self, with: ListRunner.decoder)
            facts = Dictionary(grouping: tallies, by: \.nodeId).mapValues { tiers in
                NodeStrengthRule.Facts(enterprises: tiers.reduce(0) { $0 + $1.enterprises }, revenue: tiers.reduce(0) { $0 + $1.revenue },
                                       bestTier: bestTier(tiers.map(\.tier)))
            }
        }
        let targetRows = try await sql.raw("""
            SELECT t.id, t.name, t.region, t.chain_node_id FROM target_companies t JOIN chain_nodes n ON n.id = t.chain_node_id
            WHERE n.chain_id IN (\(ids)) AND t.active = \(bind: true) ORDER BY t.name_sort, t.id
            """).all()
        var targets: [Int: [ChainMapDTO.NodeTarget]] = [:]
        for row in targetRows {
            targets[try row.decode(column: "chain_node_id", as: Int.self), default: []].append(
                .init(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                      region: try row.decode(column: "region", as: String?.self)))
        }
        return chains.map { chain in
            var map = assemble(chain, clusterName: clusterNames[chain.clusterID] ?? "", nodes: nodesByChain[chain.id!] ?? [],
                               facts: facts, listed: listed, from: from, to: to)
            for index in map.nodes.indices { map.nodes[index].targetCompanies = targets[map.nodes[index].id] ?? [] }
            return map
        }
    }

    /// An attached enterprise's revenue over the window (aliases e, r): its kept twelve-month sum
    /// (`RecentRevenue`) when its latest month ends the window — nearly every one — none when it
    /// stopped reporting before the window; only the others sum their months. (Summing every
    /// attachment's twelve months read 159,000 pages on PostgreSQL at province scale.)
    private static func windowRevenue(from: Period, to: Period) -> SQLQueryString {
        let months: SQLQueryString = """
            COALESCE((SELECT SUM(i.revenue) FROM enterprise_indicators i
                      WHERE i.enterprise_id = e.id AND i.period >= \(bind: from.description) AND i.period <= \(bind: to.description)), 0)
            """
        // The kept sum is of twelve months: another window sums its own.
        guard twelveMonths(endingWith: to) == (from, to) else { return months }
        return """
        CASE WHEN r.through_period = \(bind: to.description) THEN COALESCE(r.revenue, 0)
             WHEN r.enterprise_id IS NOT NULL AND (r.through_period IS NULL OR r.through_period < \(bind: from.description)) THEN 0
             ELSE \(months)
        END
        """
    }

    private static func bestTier(_ tiers: [String?]) -> EnterpriseTier? {
        tiers.compactMap { $0.flatMap(EnterpriseTier.init(rawValue:)) }.max { $0.rank < $1.rank }
    }

    /// One chain's map from its nodes, each node's facts and (when listed) its enterprises: the
    /// tree walk and each node's strength.
    private static func assemble(_ chain: Chain, clusterName: String, nodes: [ChainNode], facts: [Int: NodeStrengthRule.Facts],
                                 listed: [Int: [Attachment]], from: Period, to: Period) -> ChainMapDTO {
        let rule = chain.rule
        var ordered: [ChainMapDTO.Node] = []
        let children = Dictionary(grouping: nodes, by: { $0.parentID ?? 0 })
        func visit(_ node: ChainNode, depth: Int) {
            let local = listed[node.id!] ?? []
            let facts = facts[node.id!] ?? NodeStrengthRule.Facts(enterprises: 0, revenue: 0, bestTier: nil)
            let (strength, reasons) = rule.assess(facts)
            ordered.append(ChainMapDTO.Node(
                id: node.id!, parentId: node.parentID, depth: depth, segment: node.segment, name: node.name, industryCodes: node.codes,
                products: node.products, strength: strength.rawValue, strengthName: strength.nameZh, reasons: reasons.map(\.zh), reasonsEn: reasons.map(\.en),
                enterpriseCount: facts.enterprises, revenue: facts.revenue,
                enterprises: local.map { .init(id: $0.enterpriseId, name: $0.name, tier: $0.tier, revenue: $0.revenue) }))
            for child in (children[node.id!] ?? []).sorted(by: { ($0.sortOrder, $0.id!) < ($1.sortOrder, $1.id!) }) { visit(child, depth: depth + 1) }
        }
        for segment in ChainSegment.allCases {
            let roots = nodes.filter { $0.parentID == nil && $0.chainSegment == segment }.sorted { ($0.sortOrder, $0.id!) < ($1.sortOrder, $1.id!) }
            for root in roots { visit(root, depth: 0) }
        }
        return ChainMapDTO(chain: ChainDTO(chain), clusterName: clusterName, rule: rule.descriptionZh, ruleEn: rule.descriptionEn,
                           revenueFrom: from.description, revenueTo: to.description, nodes: ordered)
    }
}
