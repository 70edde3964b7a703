import Fluent
import Foundation
import GaoxinComplexity
import GaoxinDomain
import Vapor

/// Puts a zone's chain map beside a ranking: which recommended industries would fill a missing
/// node (补链) or strengthen a weak one (强链), matched by industry code.
struct ChainGapAnalysis {
    var chainID: Int
    var chainName: String
    /// Per recommended product, the gap nodes it fills (missing first).
    var fills: [String: [ChainNodeProducts]]
    /// Every missing or weak node with the recommended products that fill it.
    var gaps: [ChainNodeGap]

    /// Node codes are GB/T 4754 digits at 2–4 levels; a dataset's products may be coarser. When
    /// every product code is digits of one length L, longer node codes are cut to L, and a shorter
    /// node code covers every product that starts with it.
    static func nodes(_ map: ChainMapDTO, productCodes: [String]) -> [ChainNodeProducts] {
        let lengths = Set(productCodes.map(\.count))
        let uniform = productCodes.allSatisfy { $0.allSatisfy(\.isNumber) } && lengths.count == 1 ? lengths.first : nil
        return map.nodes.map { node in
            let codes = node.industryCodes.map { code in uniform.map { String(code.prefix($0)) } ?? code }
            let strength = ChainNodeStrength(rawValue: node.strength) ?? .missing
            return ChainNodeProducts(nodeID: "\(node.id)", name: node.name, strength: strength, productCodes: Array(Set(codes)).sorted())
        }
    }

    static func build(chain: Chain, outcome: ComplexityAnalysis.Outcome, now: Date, on db: Database) async throws -> ChainGapAnalysis {
        let map = try await ClusterQueries.map(chain, now: now, on: db)
        let nodes = nodes(map, productCodes: outcome.result.products)
        let recommendations = outcome.recommendations?.items ?? []
        let marked = ChainGapMarker.mark(recommendations, nodes: nodes, matching: .prefix)
        var fills: [String: [ChainNodeProducts]] = [:]
        for entry in marked where entry.fillsGap { fills[entry.recommendation.product] = entry.fills }
        return ChainGapAnalysis(chainID: chain.id!, chainName: chain.name, fills: fills,
                                gaps: ChainGapMarker.gaps(recommendations, nodes: nodes, matching: .prefix))
    }
}
