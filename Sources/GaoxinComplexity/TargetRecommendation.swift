/// Ranks the products a location (a zone) does not yet have (M = 0) as targets to attract or
/// cultivate, after Hidalgo et al. (2007) and the Growth Lab's "strategic approach":
///
///     score = w_d · z(density) + w_p · z(PCI) + w_g · z(COG)
///
/// where z(·) standardises a component over this location's candidates (mean 0, population
/// standard deviation 1; a component that does not vary contributes 0) and the weights are
/// normalised to sum 1. Density says how feasible a product is (how much of the know-how
/// around it the zone already has); PCI and COG say what it is worth (its own complexity,
/// and how much it opens up). Every component, its z-score and its weighted contribution are
/// returned, so a page can show why a product ranks where it does. Ties are broken by product
/// code, so the order is reproducible.
public enum TargetRecommendation {
    public static func rank(_ result: ComplexityYearResult, location: String,
                            weights: RecommendationWeights = .balanced) throws -> RecommendationList {
        guard let normalised = weights.normalised else {
            throw RecommendationError.invalidWeights(density: weights.density, pci: weights.pci, cog: weights.cog)
        }
        guard result.gridLocations.contains(where: { $0.code == location }) else {
            throw RecommendationError.unknownLocation(location: location, year: result.year)
        }
        guard let c = result.locationIndex(location) else {
            throw RecommendationError.locationWithoutData(location: location, year: result.year)
        }
        let candidates = result.products.indices.filter { result.mcp[c, $0] == 0 }
        guard !candidates.isEmpty else {
            throw RecommendationError.nothingToAdd(location: location, year: result.year)
        }
        let complete = candidates.filter { p in
            [result.density[c, p], result.pci[p], result.cog[c, p]].allSatisfy(\.isFinite)
        }
        let ranked = Set(complete)
        let unranked = candidates.filter { !ranked.contains($0) }.map { result.products[$0] }
        guard !complete.isEmpty else {
            throw RecommendationError.indicesUndefined(year: result.year)
        }
        let density = Standardised(complete.map { result.density[c, $0] })
        let pci = Standardised(complete.map { result.pci[$0] })
        let cog = Standardised(complete.map { result.cog[c, $0] })
        var items: [ProductRecommendation] = complete.enumerated().map { k, p in
            let parts = (density.z(k) * normalised.density, pci.z(k) * normalised.pci, cog.z(k) * normalised.cog)
            return ProductRecommendation(
                product: result.products[p], rank: 0, rca: result.rca[c, p],
                density: result.density[c, p], pci: result.pci[p], cog: result.cog[c, p],
                densityScore: density.z(k), pciScore: pci.z(k), cogScore: cog.z(k),
                densityContribution: parts.0, pciContribution: parts.1, cogContribution: parts.2,
                score: parts.0 + parts.1 + parts.2)
        }
        items.sort { $0.score != $1.score ? $0.score > $1.score : $0.product.utf8.lexicographicallyPrecedes($1.product.utf8) }
        for index in items.indices { items[index].rank = index + 1 }
        return RecommendationList(year: result.year, location: location, weights: normalised, items: items, unranked: unranked)
    }
}

/// One candidate product with every component of its score.
public struct ProductRecommendation: Sendable, Equatable {
    public let product: String
    /// 1 for the best.
    public internal(set) var rank: Int
    /// The location's current RCA in the product (how far it is from presence).
    public let rca: Double
    public let density: Double
    public let pci: Double
    public let cog: Double
    /// The components standardised over the location's candidates.
    public let densityScore: Double
    public let pciScore: Double
    public let cogScore: Double
    /// Weight × standardised component; the three add up to `score`.
    public let densityContribution: Double
    public let pciContribution: Double
    public let cogContribution: Double
    public let score: Double
}

/// The ranked candidates of one location in one year.
public struct RecommendationList: Sendable, Equatable {
    public let year: String
    public let location: String
    /// The weights used, normalised to sum 1.
    public let weights: RecommendationWeights
    /// Best first.
    public let items: [ProductRecommendation]
    /// Candidates left out because a component is NaN (see the year's notes for why).
    public let unranked: [String]
}

/// z-scores over one component's values (population standard deviation, as elsewhere).
private struct Standardised {
    let values: [Double]
    let mean: Double
    let deviation: Double

    init(_ values: [Double]) {
        self.values = values
        mean = NumpyReductions.mean(values)
        deviation = NumpyReductions.standardDeviation(values)
    }

    func z(_ index: Int) -> Double {
        deviation > 0 ? (values[index] - mean) / deviation : 0
    }
}
