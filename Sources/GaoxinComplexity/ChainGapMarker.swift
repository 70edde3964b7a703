/// How strong a zone's chain node is (as the chain map grades it).
public enum ChainNodeStrength: String, Sendable, CaseIterable {
    case missing, weak, strong

    /// A gap worth filling.
    public var isGap: Bool { self != .strong }
}

/// A node of one of the zone's industrial chains, with the product (industry) codes that make it.
public struct ChainNodeProducts: Sendable, Equatable {
    public let nodeID: String
    public let name: String
    public let strength: ChainNodeStrength
    public let productCodes: [String]

    public init(nodeID: String, name: String, strength: ChainNodeStrength, productCodes: [String]) {
        self.nodeID = nodeID
        self.name = name
        self.strength = strength
        self.productCodes = productCodes
    }
}

/// How a node's codes meet product codes.
public enum ChainCodeMatching: Sendable {
    /// The codes are equal.
    case exact
    /// A node code covers every product code that starts with it (a node mapped to industry
    /// class "C39" covers "C3911"), for chains mapped at a coarser level of the classification.
    case prefix
}

/// A recommended product and the missing or weak nodes it would fill.
public struct ChainGapFill: Sendable, Equatable {
    public let recommendation: ProductRecommendation
    /// Missing nodes first, then weak ones, each in the order given.
    public let fills: [ChainNodeProducts]

    public var fillsGap: Bool { !fills.isEmpty }
}

/// A missing or weak node and the recommended products that would fill it.
public struct ChainNodeGap: Sendable, Equatable {
    public let node: ChainNodeProducts
    /// Best-ranked first; empty when no recommendation fills the node.
    public let candidates: [ProductRecommendation]
}

/// Marks which recommended products fill a missing or weak node of the zone's chains: the
/// bridge from "what the zone could do next" to "what its chains lack".
public enum ChainGapMarker {
    /// One entry per recommendation, in the recommendations' order.
    public static func mark(_ recommendations: [ProductRecommendation], nodes: [ChainNodeProducts],
                            matching: ChainCodeMatching = .exact) -> [ChainGapFill] {
        let gaps = nodes.filter { $0.strength == .missing } + nodes.filter { $0.strength == .weak }
        return recommendations.map { recommendation in
            ChainGapFill(recommendation: recommendation,
                         fills: gaps.filter { covers($0, recommendation.product, matching) })
        }
    }

    /// One entry per missing or weak node (missing first), in the order given.
    public static func gaps(_ recommendations: [ProductRecommendation], nodes: [ChainNodeProducts],
                            matching: ChainCodeMatching = .exact) -> [ChainNodeGap] {
        let gaps = nodes.filter { $0.strength == .missing } + nodes.filter { $0.strength == .weak }
        let ranked = recommendations.sorted { $0.rank < $1.rank }
        return gaps.map { node in
            ChainNodeGap(node: node, candidates: ranked.filter { covers(node, $0.product, matching) })
        }
    }

    static func covers(_ node: ChainNodeProducts, _ product: String, _ matching: ChainCodeMatching) -> Bool {
        switch matching {
        case .exact: return node.productCodes.contains(product)
        case .prefix: return node.productCodes.contains { !$0.isEmpty && product.hasPrefix($0) }
        }
    }
}
