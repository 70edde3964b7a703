/// Something a user should know about a result: a repair the coerce policy made, or why some
/// output cells are empty (NaN). Gaoxin never leaves a NaN in its output without one of these.
public enum ComplexityNote: Equatable, Sendable {
    /// The coerce policy turned non-numeric or empty values into 0.
    case coercedValues(count: Int, firstLine: Int, example: String)
    /// The coerce policy kept the first of repeated (year, location, product) rows.
    case droppedDuplicates(count: Int, firstLine: Int)
    /// Locations whose values sum to 0 in a year are left out of that year's computation, as
    /// the reference does; their output rows are empty.
    case zeroLocations(year: String, codes: [String])
    /// The same for products.
    case zeroProducts(year: String, codes: [String])
    /// Locations with no product present (possible with a threshold above 1 or the RPOP test):
    /// the reference then gives NaN ECI, PCI and COG for the whole year.
    case noPresence(year: String, codes: [String])
    /// Products present nowhere: proximity, density, COI and COG become NaN, and ECI/PCI too.
    case nowherePresent(year: String, codes: [String])
    /// The sign rule needs a correlation between diversity and ECI, which is undefined when
    /// every location has the same diversity: ECI, PCI, COG (and COI) are NaN for the year.
    case signUndefined(year: String)
    /// ECI is uncorrelated with diversity (|r| below `ComplexityIndices.signTolerance`), so the
    /// sign rule has nothing to go on: the reference's sign then follows rounding noise in its
    /// correlation (and an exact 0 would make its ECI empty). Gaoxin keeps the eigenvector's
    /// sign as computed and says that ECI and PCI may be the reference's negated.
    case signArbitrary(year: String)
    /// The eigenvector could not be computed (too few locations or products with presence).
    case eigenvectorUnavailable(year: String)
    /// The second-largest eigenvalue is not separated from its neighbours (`eigenvalues`, the
    /// largest ones, ascending): e.g. the location–product network falls apart in separate
    /// pieces. ECI and PCI are then not unique; the values given are one valid choice and can
    /// differ from another implementation's.
    case eigenvectorNotUnique(year: String, eigenvalues: [Double])
    /// The location–product network falls into `parts` separate parts: ECI then only tells
    /// the parts apart, and which part the reference singles out depends on rounding in its
    /// eigen-solver. Gaoxin singles out the largest part (`chosenLocations`); ECI and PCI then
    /// equal the reference's when there are two parts, COI and COG can differ.
    case disconnectedNetwork(year: String, parts: Int, chosenLocations: [String])
    /// Some proximities are NaN (a product whose RCA does not vary, under continuous
    /// proximity): densities that involve them are NaN.
    case undefinedProximity(year: String, codes: [String])
    /// A given proximity file lacks some pairs (read as 0) or some products' proximity to
    /// themselves (read as 1), as the reference fills them (it warns too).
    case proximityFilled(missingPairs: Int, missingDiagonal: Int)

    public var year: String? {
        switch self {
        case .coercedValues, .droppedDuplicates, .proximityFilled:
            return nil
        case .zeroLocations(let year, _), .zeroProducts(let year, _), .noPresence(let year, _),
             .nowherePresent(let year, _), .signUndefined(let year), .signArbitrary(let year), .eigenvectorUnavailable(let year),
             .eigenvectorNotUnique(let year, _), .disconnectedNetwork(let year, _, _),
             .undefinedProximity(let year, _):
            return year
        }
    }
}

extension ComplexityNote: CustomStringConvertible {
    public var description: String { "\(messageZh) / \(messageEn)" }
}
