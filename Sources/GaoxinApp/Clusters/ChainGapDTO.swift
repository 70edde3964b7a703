import GaoxinDomain
import OpenAPIKit30
import Vapor

/// A missing (缺失) or weak (薄弱) chain node with where it sits and why: one row of the gaps list.
struct ChainGapDTO: Content, Equatable, APISchema {
    var clusterId: Int
    var clusterName: String
    var chainId: Int
    var chainName: String
    var nodeId: Int
    var segment: String
    var name: String
    /// `missing` or `weak`.
    var strength: String
    /// The rule's reasons, in Chinese and in English (same order).
    var reasons: [String]
    var reasonsEn: [String]
    var industryCodes: [String]
    var enterpriseCount: Int
    /// 万元 over the chain map's twelve months.
    var revenue: Int64

    init(cluster: Cluster, chain: Chain, node: ChainMapDTO.Node) {
        clusterId = cluster.id ?? 0
        clusterName = cluster.name
        chainId = chain.id ?? 0
        chainName = chain.name
        nodeId = node.id
        segment = node.segment
        name = node.name
        strength = node.strength
        reasons = node.reasons
        reasonsEn = node.reasonsEn
        industryCodes = node.industryCodes
        enterpriseCount = node.enterpriseCount
        revenue = node.revenue
    }

    static let schemaName = "ChainGap"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "clusterId": .integer, "clusterName": .string, "chainId": .integer, "chainName": .string, "nodeId": .integer,
            "segment": .string(allowedValues: ChainSegment.allCases.map { AnyCodable($0.rawValue) }), "name": .string,
            "strength": .string(allowedValues: ChainGaps.strengths.map { AnyCodable($0.rawValue) }),
            "reasons": .array(items: .string), "reasonsEn": .array(items: .string), "industryCodes": .array(items: .string),
            "enterpriseCount": .integer, "revenue": .integer,
        ])
    }
}

typealias ChainGapListDTO = PagedDTO<ChainGapDTO>
