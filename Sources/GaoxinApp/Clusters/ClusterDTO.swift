import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// A chain's own fields (for the audit log and as part of the chain map).
struct ChainDTO: Content, Equatable, APISchema {
    var id: Int
    var clusterId: Int
    var name: String
    var minEnterprises: Int
    var minRevenue: Int64
    var requireBackbone: Bool
    var leaderWeights: LeaderWeights
    var active: Bool
    var note: String?

    init(_ chain: Chain) {
        id = chain.id ?? 0
        clusterId = chain.clusterID
        name = chain.name
        minEnterprises = chain.minEnterprises
        minRevenue = chain.minRevenue
        requireBackbone = chain.requireBackbone
        leaderWeights = chain.leaderWeights
        active = chain.active
        note = chain.note
    }

    static let schemaName = "Chain"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "clusterId": .integer, "name": .string, "minEnterprises": .integer, "minRevenue": .integer,
            "requireBackbone": .boolean, "leaderWeights": leaderWeightsSchema(required: true), "active": .boolean,
            "note": .string(required: false, nullable: true),
        ])
    }

    static func leaderWeightsSchema(required: Bool) -> JSONSchema {
        let weight = JSONSchema.integer(maximum: (100, exclusive: false), minimum: (0, exclusive: false))
        return .object(required: required, properties: ["scale": weight, "growth": weight, "rdIntensity": weight, "patents": weight, "qualifications": weight])
    }
}

struct ChainInput: Content, APISchema {
    var name: String?
    var minEnterprises: Int?
    var minRevenue: Int64?
    var requireBackbone: Bool?
    var leaderWeights: LeaderWeights?
    var note: String?

    static let schemaName = "ChainInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "name": .string(required: true, maxLength: 100, pattern: JSONSchema.nonBlank), "minEnterprises": .integer(required: false, minimum: (0, exclusive: false)),
            "minRevenue": .integer(required: false, minimum: (0, exclusive: false)), "requireBackbone": .boolean(required: false),
            "leaderWeights": ChainDTO.leaderWeightsSchema(required: false),
            "note": .string(required: false, nullable: true, maxLength: 2000),
        ])
    }
}

/// A node's own fields (for the audit log).
struct ChainNodeDTO: Content, Equatable, APISchema {
    var id: Int
    var chainId: Int
    var parentId: Int?
    var segment: String
    var name: String
    var industryCodes: [String]
    var products: String?
    var sortOrder: Int

    init(_ node: ChainNode) {
        id = node.id ?? 0
        chainId = node.chainID
        parentId = node.parentID
        segment = node.segment
        name = node.name
        industryCodes = node.codes
        products = node.products
        sortOrder = node.sortOrder
    }

    static let schemaName = "ChainNode"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "chainId": .integer, "parentId": .integer(required: false, nullable: true),
            "segment": .string(allowedValues: ChainSegment.allCases.map { AnyCodable($0.rawValue) }), "name": .string,
            "industryCodes": .array(items: .string), "products": .string(required: false, nullable: true), "sortOrder": .integer,
        ])
    }
}

struct ChainNodeInput: Content, APISchema {
    var segment: String?
    var parentId: Int?
    var name: String?
    var industryCodes: [String]?
    var products: String?
    var sortOrder: Int?

    static let schemaName = "ChainNodeInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "segment": .string(required: true, allowedValues: ChainSegment.allCases.map { AnyCodable($0.rawValue) }),
            "parentId": .integer(required: false, nullable: true), "name": .string(required: true, maxLength: 100, pattern: JSONSchema.nonBlank),
            "industryCodes": .array(required: false, items: .string(maxLength: 10)), "products": .string(required: false, nullable: true, maxLength: 2000),
            "sortOrder": .sortOrder(),
        ])
    }
}

/// The chain map (产业链招商图谱) as data: every node with its derived strength and local enterprises.
struct ChainMapDTO: Content, APISchema {
    struct NodeEnterprise: Content, Equatable {
        var id: Int
        var name: String
        var tier: String?
        var revenue: Int64
    }

    struct Node: Content {
        var id: Int
        var parentId: Int?
        var depth: Int
        var segment: String
        var name: String
        var industryCodes: [String]
        var products: String?
        var strength: String
        var strengthName: String
        /// What the node misses, in Chinese and in English (same order).
        var reasons: [String]
        var reasonsEn: [String]
        var enterpriseCount: Int
        var revenue: Int64
        var enterprises: [NodeEnterprise]
        /// 招商目标企业 attached to the node (the attraction map's second half).
        var targetCompanies: [NodeTarget] = []
    }

    struct NodeTarget: Content, Equatable {
        var id: Int
        var name: String
        var region: String?
    }

    var chain: ChainDTO
    var clusterName: String
    var rule: String
    var ruleEn: String
    /// First month of the twelve the revenue covers, and the last.
    var revenueFrom: String
    var revenueTo: String
    var nodes: [Node]

    static let schemaName = "ChainMap"
    static var openAPISchema: JSONSchema {
        let enterprise = JSONSchema.object(properties: ["id": .integer, "name": .string, "tier": .string(required: false, nullable: true), "revenue": .integer])
        let node = JSONSchema.object(properties: [
            "id": .integer, "parentId": .integer(required: false, nullable: true), "depth": .integer,
            "segment": .string(allowedValues: ChainSegment.allCases.map { AnyCodable($0.rawValue) }), "name": .string,
            "industryCodes": .array(items: .string), "products": .string(required: false, nullable: true),
            "strength": .string(allowedValues: NodeStrength.allCases.map { AnyCodable($0.rawValue) }), "strengthName": .string,
            "reasons": .array(items: .string), "reasonsEn": .array(items: .string), "enterpriseCount": .integer, "revenue": .integer, "enterprises": .array(items: enterprise),
            "targetCompanies": .array(items: .object(properties: ["id": .integer, "name": .string, "region": .string(required: false, nullable: true)])),
        ])
        return .object(properties: [
            "chain": .reference(.component(named: ChainDTO.schemaName)), "clusterName": .string, "rule": .string, "ruleEn": .string,
            "revenueFrom": .string, "revenueTo": .string, "nodes": .array(items: node),
        ])
    }
}
