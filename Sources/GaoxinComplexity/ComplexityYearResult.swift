/// Everything computed for one year. Matrices are indexed [location, product] over the
/// locations and products that take part (non-zero totals), in `locations` / `products` order;
/// ECI, PCI, COI and COG are standardised as the reference standardises them.
public struct ComplexityYearResult: Sendable {
    public let year: String
    /// Locations and products that take part in the year's computation.
    public let locations: [String]
    public let products: [String]
    /// Locations and products of the year's input whose values sum to 0: left out, as the
    /// reference leaves them out; their output rows are empty.
    public let droppedLocations: [String]
    public let droppedProducts: [String]

    /// Balassa's RCA (under the `manual` test: the input value itself).
    public let rca: DenseMatrix
    /// RPOP, under the tests `rpop` and `both`.
    public let rpop: DenseMatrix?
    /// The presence matrix M (0/1; 0/1/2 under `both`; the input under `manual`).
    public let mcp: DenseMatrix
    public let diversity: [Double]
    public let ubiquity: [Double]
    public let eci: [Double]
    public let pci: [Double]
    /// How near product p is to location c's current products, in [0, 1] for binary M.
    public let density: DenseMatrix
    public let coi: [Double]
    public let cog: DenseMatrix
    /// products × products.
    public let proximity: DenseMatrix
    /// Why any value above is NaN, and what the input policy repaired.
    public let notes: [ComplexityNote]

    /// The year's full grid in output order: every location and product of the input year,
    /// each with its index in `locations` / `products`, or nil if dropped.
    public let gridLocations: [(code: String, index: Int?)]
    public let gridProducts: [(code: String, index: Int?)]

    public func locationIndex(_ code: String) -> Int? {
        gridLocations.first { $0.code == code }?.index
    }

    public func productIndex(_ code: String) -> Int? {
        gridProducts.first { $0.code == code }?.index
    }
}

/// The columns of the output, in the order of the CLI's CSV.
public enum ComplexityColumn: String, CaseIterable, Sendable {
    case rca, mcp, diversity, ubiquity, eci, pci, density, coi, cog

    /// The value of this column for one cell of the year's full grid; NaN for a dropped
    /// location or product, as the reference leaves those rows empty.
    public func value(in result: ComplexityYearResult, location: Int?, product: Int?) -> Double {
        guard let c = location, let p = product else { return .nan }
        switch self {
        case .rca: return result.rca[c, p]
        case .mcp: return result.mcp[c, p]
        case .diversity: return result.diversity[c]
        case .ubiquity: return result.ubiquity[p]
        case .eci: return result.eci[c]
        case .pci: return result.pci[p]
        case .density: return result.density[c, p]
        case .coi: return result.coi[c]
        case .cog: return result.cog[c, p]
        }
    }
}
