/// How a location is judged to "have" a product (the matrix M, `mcp`): the `presence_test`
/// argument of the Growth Lab's `ecomplexity` 0.5.3, with the same four choices.
public enum PresenceTest: String, CaseIterable, Sendable {
    /// M = 1 where Balassa's RCA ≥ the RCA threshold.
    case rca
    /// M = 1 where RPOP (value per inhabitant relative to the world's) ≥ the RPOP threshold;
    /// needs a population table.
    case rpop
    /// M = [RCA ≥ t₁] + [RPOP ≥ t₂]: the reference *adds* the two tests, so M can be 2. Kept
    /// as it is because the numbers must match the reference.
    case both
    /// The value column already is M (binary or not); RCA is reported as the value itself.
    case manual
}

/// The options of one computation, named after the reference's arguments
/// (`rca_mcp_threshold`, `rpop_mcp_threshold`, `continuous`, `asymmetric`,
/// `proximity_edgelist`, `pop`). Defaults are the reference's defaults.
public struct ComplexityOptions: Sendable {
    public var presenceTest: PresenceTest
    /// `rca_mcp_threshold`: RCA at or above which M is 1.
    public var rcaThreshold: Double
    /// `rpop_mcp_threshold`: RPOP at or above which M is 1 (tests `rpop` and `both`).
    public var rpopThreshold: Double
    /// `continuous`: proximity as (1 + correlation of the products' RCA (or RPOP) columns) / 2,
    /// and density weighted by RCA (or RPOP) instead of M.
    public var continuous: Bool
    /// `asymmetric`: proximity φ(p, q) = P(q | p) instead of min(P(p | q), P(q | p)).
    public var asymmetric: Bool
    /// `pop`: population by year and location, for the tests `rpop` and `both`.
    public var population: PopulationTable?
    /// `proximity_edgelist`: a given proximity (the same for every year) instead of the one
    /// computed from the data.
    public var proximityOverride: ProximityTable?

    public init(
        presenceTest: PresenceTest = .rca,
        rcaThreshold: Double = 1,
        rpopThreshold: Double = 1,
        continuous: Bool = false,
        asymmetric: Bool = false,
        population: PopulationTable? = nil,
        proximityOverride: ProximityTable? = nil
    ) {
        self.presenceTest = presenceTest
        self.rcaThreshold = rcaThreshold
        self.rpopThreshold = rpopThreshold
        self.continuous = continuous
        self.asymmetric = asymmetric
        self.population = population
        self.proximityOverride = proximityOverride
    }

    /// Refuses combinations the reference cannot compute, before any work is done.
    public func validate() throws {
        guard rcaThreshold.isFinite else {
            throw ComplexityInputError.invalidOption(name: "rca threshold", value: "\(rcaThreshold)")
        }
        guard rpopThreshold.isFinite else {
            throw ComplexityInputError.invalidOption(name: "rpop threshold", value: "\(rpopThreshold)")
        }
        switch presenceTest {
        case .rpop, .both:
            guard population != nil else { throw ComplexityInputError.populationRequired(test: presenceTest) }
        case .rca, .manual:
            break
        }
        // With continuous proximity and the test "both", the reference computes no density
        // at all and fails; Gaoxin says so up front instead.
        if continuous && presenceTest == .both {
            throw ComplexityInputError.unsupportedCombination(
                detail: "continuous proximity with presence test \"both\"")
        }
    }
}

/// What to do with input that the reference silently repairs.
public enum InputPolicy: String, Sendable {
    /// Gaoxin's default: refuse non-numeric, empty and duplicate rows with an error naming the row.
    case strict
    /// Repair as the reference does (with pandas 2): a non-numeric or empty value becomes 0 and
    /// a repeated (year, location, product) keeps its first row. Each repair is reported as a note.
    case coerce
}
