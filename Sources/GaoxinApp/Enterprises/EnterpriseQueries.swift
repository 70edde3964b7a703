import Fluent
import GaoxinDomain
import SQLKit
import Vapor

/// Reads of the enterprise register: the list definition and the lookups pages need.
enum EnterpriseQueries {
    struct Row: Decodable, Sendable {
        var id: Int
        var creditCode: String
        var name: String
        var industryCode: String
        var unitId: Int
        var unitName: String
        var aboveScale: Bool
        var tier: String?
        var active: Bool
        var address: String?
        var note: String?
        /// 近 12 个月营收 (万元) and the month its twelve months end with (`RecentRevenue`).
        var recentRevenue: Int64?
        var revenueThrough: String?
        /// The clusters it counts in and the chain nodes it is attached to, joined by 、.
        var clusterNames: String?
        var nodeNames: String?

        var tierName: String? { tier.flatMap(EnterpriseTier.init(rawValue:))?.nameZh }
    }

    static let list = ListDefinition(
        from: "enterprises e JOIN units u ON u.id = e.unit_id JOIN enterprise_recent_revenue rr ON rr.enterprise_id = e.id",
        select: ["e.id AS id", "e.credit_code AS credit_code", "e.name AS name", "e.industry_code AS industry_code",
                 "e.unit_id AS unit_id", "u.name AS unit_name", "e.above_scale AS above_scale", "e.tier AS tier", "e.active AS active",
                 "e.address AS address", "e.note AS note", "rr.revenue AS recent_revenue", "rr.through_period AS revenue_through"],
        searchColumns: ["e.name", "e.credit_code"],
        filters: [
            ListFilter(key: "under", zh: "所属单位", en: "Unit", kind: .unitSubtree(unitIDColumn: "e.unit_id")),
            ListFilter(key: "industry", zh: "行业代码", en: "Industry", kind: .codePrefix(column: "e.industry_code")),
            ListFilter(key: "aboveScale", zh: "规上", en: "Above scale", kind: .flag(column: "e.above_scale")),
            ListFilter(key: "tier", zh: "层级", en: "Tier",
                       kind: .choice(column: "e.tier", options: EnterpriseTier.allCases.map { ($0.rawValue, $0.nameZh, $0.nameEn) })),
            ListFilter(key: "qualification", zh: "资质", en: "Qualification", kind: .heldQualification(enterpriseIDColumn: "e.id")),
            ListFilter(key: "cluster", zh: "所属集群", en: "Cluster", kind: .clusterMember(enterpriseIDColumn: "e.id")),
            ListFilter(key: "active", zh: "状态", en: "Status", kind: .flag(column: "e.active")),
        ],
        // Tier sorts by standing (链主 first when descending is off), not by its code's spelling.
        sorts: ["name": "e.name_sort", "creditCode": "e.credit_code", "industry": "e.industry_code", "unit": "u.name", "id": "e.id",
                "aboveScale": "e.above_scale", "active": "e.active", "revenue": "rr.revenue",
                "tier": "CASE e.tier WHEN 'chainLeader' THEN 1 WHEN 'candidate' THEN 2 WHEN 'backbone' THEN 3 WHEN 'rising' THEN 4 END"],
        defaultSort: "name", defaultDescending: false, tieBreaker: "e.id",
        searchIndex: ListSearchIndex(table: SearchSource.enterprises.table, idColumn: "e.id", prefixColumns: ["e.credit_code", "substr(e.credit_code, 9)"]),
        countFrom: "enterprises e",
        baseSorts: ["name", "creditCode", "industry", "id", "aboveScale", "active", "tier"],
        dialectSelect: memberships,
        rollupTotal: rollupTotal
    )

    /// The page's clusters and chain nodes of each enterprise, as one text each; evaluated per
    /// listed row (two index seeks), never over the register.
    @Sendable static func memberships(_ postgres: Bool) -> [String] {
        func joined(_ name: String, _ from: String, _ order: String) -> String {
            postgres ? "(SELECT string_agg(\(name), '、' ORDER BY \(order)) \(from))"
                     : "(SELECT group_concat(name, '、') FROM (SELECT \(name) AS name \(from) ORDER BY \(order)))"
        }
        return [
            joined("c.name", "FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id WHERE m.enterprise_id = e.id AND c.active = TRUE", "c.sort_order, c.id") + " AS cluster_names",
            joined("v.name", "FROM chain_node_enterprises ne JOIN chain_node_names v ON v.id = ne.node_id WHERE ne.enterprise_id = e.id AND v.active = TRUE", "v.name_sort, v.id") + " AS node_names",
        ]
    }

    /// The list's total from `enterprise_counts` when every filter is one the roll-up is kept by:
    /// unit subtree, scale, status, and an industry prefix of at most the division's two digits.
    @Sendable static func rollupTotal(_ query: ListQuery) -> SQLQueryString? {
        var sql: SQLQueryString = "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS total FROM enterprise_counts WHERE 1 = 1"
        for (key, value) in query.filters {
            switch key {
            case "under":
                sql.appendInterpolation(SQLQueryString(" AND unit_id IN (\(ListFilter.subtreeUnitIDs(value)))"))
            case "aboveScale": sql.appendInterpolation(SQLQueryString(" AND above_scale = \(bind: value == "1")"))
            case "active": sql.appendInterpolation(SQLQueryString(" AND active = \(bind: value == "1")"))
            case "industry":
                let digits = ListFilter.codeDigits(value)
                guard digits.count <= 2 else { return nil }
                sql.appendInterpolation(SQLQueryString(" AND division LIKE \(bind: digits + "%")"))
            default: return nil
            }
        }
        return sql
    }

    static func find(_ req: Request) async throws -> Enterprise {
        guard let id = req.parameters.get("id", as: Int.self), let enterprise = try await Enterprise.find(id, on: req.db) else {
            throw AppError.notFound("该企业")
        }
        return enterprise
    }

    static func dto(_ enterprise: Enterprise, on db: Database) async throws -> EnterpriseDTO {
        EnterpriseDTO(enterprise, unitName: try await OrgUnit.find(enterprise.unitID, on: db)?.name)
    }

    /// The enterprise's months, newest first.
    static func indicators(of enterprise: Enterprise, on db: Database, limit: Int = 120) async throws -> [EnterpriseIndicator] {
        try await EnterpriseIndicator.query(on: db).filter(\.$enterpriseID == enterprise.id!).sort(\.$period, .descending).limit(limit).all()
    }

    struct NodeLink: Decodable, Sendable { var chainId: Int; var chainName: String; var nodeName: String }

    /// The chain nodes the enterprise is attached to (one lineage: enterprise → chain → cluster).
    static func chainNodes(of enterprise: Enterprise, on db: Database) async throws -> [NodeLink] {
        try await (db as! any SQLDatabase).raw("""
            SELECT c.id AS chain_id, c.name AS chain_name, n.name AS node_name
            FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id JOIN chains c ON c.id = n.chain_id
            WHERE ne.enterprise_id = \(bind: enterprise.id!) ORDER BY c.name, n.sort_order, n.id
            """).all(decoding: NodeLink.self, with: ListRunner.decoder)
    }

    static func qualifications(of enterprise: Enterprise, on db: Database) async throws -> [EnterpriseQualification] {
        try await EnterpriseQualification.query(on: db).filter(\.$enterpriseID == enterprise.id!).sort(\.$grantedOn, .descending).sort(\.$id).all()
    }

    /// Units the actor may assign an enterprise to: all for office and admin, the own subtree for the unit role.
    static func unitOptions(for actor: Actor, on db: Database) async throws -> [FormField.Option] {
        try await UnitQueries.tree(on: db)
            .filter { entry in entry.unitPath.map(actor.owns) ?? false }
            .map(\.option)
    }
}
