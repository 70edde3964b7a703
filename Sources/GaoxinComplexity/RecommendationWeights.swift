/// How a candidate product's feasibility (density) weighs against its value (PCI, COG) in
/// the recommendation score. Each weight is ≥ 0; they are used normalised to sum 1.
public struct RecommendationWeights: Sendable, Equatable {
    /// Feasibility: how close the product is to what the zone already does (density).
    public var density: Double
    /// Value: how complex the product is (PCI).
    public var pci: Double
    /// Value: how much moving into the product opens further, more complex, products (COG).
    public var cog: Double

    public init(density: Double, pci: Double, cog: Double) {
        self.density = density
        self.pci = pci
        self.cog = cog
    }

    /// Feasibility first: the nearest products, for a zone that wants quick, safe wins.
    public static let nearby = RecommendationWeights(density: 0.6, pci: 0.15, cog: 0.25)
    /// The default: mostly feasibility, with a substantial share of value.
    public static let balanced = RecommendationWeights(density: 0.5, pci: 0.2, cog: 0.3)
    /// Value first: more complex products further away, for a zone that can afford long jumps.
    public static let strategic = RecommendationWeights(density: 0.35, pci: 0.3, cog: 0.35)

    /// The weights scaled to sum 1; nil if any is negative or not finite, or all are 0.
    var normalised: RecommendationWeights? {
        let parts = [density, pci, cog]
        guard parts.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        let total = parts.reduce(0, +)
        guard total > 0 else { return nil }
        return RecommendationWeights(density: density / total, pci: pci / total, cog: cog / total)
    }
}
