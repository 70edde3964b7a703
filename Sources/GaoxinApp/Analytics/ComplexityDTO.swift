import Foundation
import GaoxinComplexity
import OpenAPIKit30
import Vapor

struct ComplexityDatasetDTO: Content, APISchema {
    var id: Int
    var name: String
    var measure: String
    var rowCount: Int
    var years: [String]
    /// `upload` or `zone` (built from the zone's enterprise figures).
    var source: String
    var description: String?
    var createdAt: Date

    init(_ dataset: ComplexityDataset) {
        id = dataset.id ?? 0
        name = dataset.name
        measure = dataset.measure
        rowCount = dataset.rowCount
        years = dataset.yearList
        source = dataset.source ?? "upload"
        description = dataset.description
        createdAt = dataset.createdAt
    }

    static let schemaName = "ComplexityDataset"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "name": .string, "measure": .string(allowedValues: ComplexityMeasure.allCases.map { AnyCodable($0.rawValue) }),
            "rowCount": .integer, "years": .array(items: .string),
            "source": .string(allowedValues: ["upload", "zone", AnyCodable(IllustrativeMatrix.source)]), "description": .string(required: false, nullable: true),
            "createdAt": .string(format: .dateTime),
        ])
    }
}

struct ComplexityDatasetListDTO: Content, APISchema {
    var items: [ComplexityDatasetDTO]

    static let schemaName = "ComplexityDatasetList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: ComplexityDatasetDTO.schemaName)))])
    }
}

/// The ranking for one location and year, every component of each score included. Values that
/// are undefined (NaN) are null, never a number.
struct RecommendationListDTO: Content, APISchema {
    struct Item: Content {
        var rank: Int
        var product: String
        var rca: Double?
        var density: Double?
        var pci: Double?
        var cog: Double?
        var densityContribution: Double
        var pciContribution: Double
        var cogContribution: Double
        var score: Double
        /// With `chain`: the missing or weak nodes this industry would fill.
        var fillsNodes: [NodeRef]?
    }

    struct NodeRef: Content {
        var nodeId: Int
        var name: String
        var strength: String
    }

    struct Gap: Content {
        var node: NodeRef
        var candidates: [String]
    }

    var datasetId: Int
    var year: String
    var location: String
    var eci: Double?
    var weights: [String: Double]
    var items: [Item]
    var unranked: [String]
    var problem: String?
    var chainId: Int?
    /// With `chain`: every missing or weak node (missing first) and the recommended industries that fill it.
    var chainGaps: [Gap]?

    static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    init(datasetID: Int, outcome: ComplexityAnalysis.Outcome) {
        datasetId = datasetID
        year = outcome.year
        location = outcome.location
        eci = outcome.result.locationIndex(outcome.location).flatMap { Self.finite(outcome.result.eci[$0]) }
        let list = outcome.recommendations
        weights = list.map { ["density": $0.weights.density, "pci": $0.weights.pci, "cog": $0.weights.cog] } ?? [:]
        let analysis = outcome.chainGaps
        items = (list?.items ?? []).map { item in
            Item(rank: item.rank, product: item.product, rca: Self.finite(item.rca), density: Self.finite(item.density), pci: Self.finite(item.pci),
                 cog: Self.finite(item.cog), densityContribution: item.densityContribution, pciContribution: item.pciContribution,
                 cogContribution: item.cogContribution, score: item.score,
                 fillsNodes: analysis.map { ($0.fills[item.product] ?? []).map(Self.ref) })
        }
        chainId = outcome.chainGaps?.chainID
        chainGaps = analysis?.gaps.map { gap in Gap(node: Self.ref(gap.node), candidates: gap.candidates.map(\.product)) }
        unranked = list?.unranked ?? []
        problem = outcome.problem
    }

    static func ref(_ node: ChainNodeProducts) -> NodeRef {
        NodeRef(nodeId: Int(node.nodeID) ?? 0, name: node.name, strength: node.strength.rawValue)
    }

    static let schemaName = "RecommendationList"
    static var openAPISchema: JSONSchema {
        let number = JSONSchema.number(required: false, nullable: true)
        let nodeRef = JSONSchema.object(properties: ["nodeId": .integer, "name": .string,
                                                     "strength": .string(allowedValues: ["missing", "weak", "strong"])])
        return .object(properties: [
            "datasetId": .integer, "year": .string, "location": .string, "eci": number,
            "weights": .object(additionalProperties: .init(.number)),
            "items": .array(items: .object(properties: [
                "rank": .integer, "product": .string, "rca": number, "density": number, "pci": number, "cog": number,
                "densityContribution": .number, "pciContribution": .number, "cogContribution": .number, "score": .number,
                "fillsNodes": .array(required: false, items: nodeRef),
            ])),
            "unranked": .array(items: .string),
            "chainId": .integer(required: false, nullable: true),
            "chainGaps": .array(required: false, items: .object(properties: ["node": nodeRef, "candidates": .array(items: .string)])),
            "problem": .string(required: false, nullable: true),
        ])
    }
}
