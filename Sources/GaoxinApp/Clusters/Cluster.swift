import Fluent
import Foundation
import GaoxinDomain

/// An industrial cluster (产业集群, SPEC §2.2) with its lead department.
final class Cluster: Model, @unchecked Sendable {
    static let schema = "clusters"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    /// Pinyin key of the name (`PinyinNameMiddleware`), for lists sorted by name.
    @OptionalField(key: "name_sort") var nameSort: String?
    @Field(key: "category") var category: String
    /// 牵头部门: the unit that maintains the cluster's chains; bounds the unit role's writes.
    @Field(key: "lead_unit_id") var leadUnitID: Int
    @OptionalField(key: "liaison_leader") var liaisonLeader: String?
    /// Annual revenue target, 万元.
    @OptionalField(key: "annual_target") var annualTarget: Int64?
    /// `ClusterFiguresSource`: whether its monthly revenue is summed from its enterprises or entered.
    @Field(key: "figures_source") var figuresSource: String
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "active") var active: Bool
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() { figuresSource = ClusterFiguresSource.bottomUp.rawValue }

    var clusterCategory: ClusterCategory? { ClusterCategory(rawValue: category) }
    var source: ClusterFiguresSource { ClusterFiguresSource(rawValue: figuresSource) ?? .bottomUp }
}

/// An industrial chain (产业链) of a cluster, with the thresholds that grade its nodes.
final class Chain: Model, @unchecked Sendable {
    static let schema = "chains"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "cluster_id") var clusterID: Int
    @Field(key: "name") var name: String
    @Field(key: "min_enterprises") var minEnterprises: Int
    /// 万元 over the last twelve months.
    @Field(key: "min_revenue") var minRevenue: Int64
    @Field(key: "require_backbone") var requireBackbone: Bool
    /// `LeaderWeights` as JSON; nil means the standard weights.
    @OptionalField(key: "leader_weights") var leaderWeightsJSON: String?
    @Field(key: "active") var active: Bool
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var rule: NodeStrengthRule { NodeStrengthRule(minEnterprises: minEnterprises, minRevenue: minRevenue, requireBackbone: requireBackbone) }
}

/// A link (环节) of a chain: a tree under the three segments, with its products and the industry
/// codes that make it (what the complexity ranking is matched against).
final class ChainNode: Model, @unchecked Sendable {
    static let schema = "chain_nodes"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "chain_id") var chainID: Int
    @OptionalField(key: "parent_id") var parentID: Int?
    @Field(key: "segment") var segment: String
    @Field(key: "name") var name: String
    /// GB/T 4754 digits, comma-separated (`3973,3972`).
    @Field(key: "industry_codes") var industryCodes: String
    /// Key products and technologies, free text.
    @OptionalField(key: "products") var products: String?
    @Field(key: "sort_order") var sortOrder: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var codes: [String] { industryCodes.split(separator: ",").map(String.init) }
    var chainSegment: ChainSegment { ChainSegment(rawValue: segment) ?? .midstream }
}

/// An enterprise attached to a node (SPEC §2.2: enterprises attach to nodes).
final class ChainNodeEnterprise: Model, @unchecked Sendable {
    static let schema = "chain_node_enterprises"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "node_id") var nodeID: Int
    @Field(key: "enterprise_id") var enterpriseID: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

extension Cluster: PinyinSorted {
    var sortedName: String { name }
}
