/// Economic complexity per year, with the definitions, normalisation, sign convention, zero
/// handling and options of the Harvard Growth Lab's `ecomplexity` 0.5.3 (`ecomplexity()` and
/// `proximity()`), which its results match to 1e-6 (see GaoxinComplexityTests).
///
/// Not carried over from the reference: its log-supermodularity check (a printed diagnostic
/// on a random sample, with no effect on the results) and its `knn` density, whose code sums
/// the neighbours' presence without the proximity weights it computes.
public enum EconomicComplexity {
    /// All years of a table, in the table's order.
    public static func compute(_ table: ComplexityTable, options: ComplexityOptions = ComplexityOptions()) throws
        -> [ComplexityYearResult] {
        try options.validate()
        return try table.years.map { try computeYear($0, options: options) }
    }

    /// One year (the body of the reference's loop over years).
    public static func computeYear(_ input: YearInput, options: ComplexityOptions = ComplexityOptions()) throws
        -> ComplexityYearResult {
        try options.validate()
        var notes: [ComplexityNote] = []

        // create_full_df: locations and products whose values sum to 0 are left out.
        let rowTotals = NumpyReductions.rowSums(input.values)
        let columnTotals = NumpyReductions.columnSums(input.values)
        let keptLocations = rowTotals.indices.filter { rowTotals[$0] != 0 }
        let keptProducts = columnTotals.indices.filter { columnTotals[$0] != 0 }
        let droppedLocations = rowTotals.indices.filter { rowTotals[$0] == 0 }.map { input.locations[$0] }
        let droppedProducts = columnTotals.indices.filter { columnTotals[$0] == 0 }.map { input.products[$0] }
        if !droppedLocations.isEmpty { notes.append(.zeroLocations(year: input.year, codes: droppedLocations)) }
        if !droppedProducts.isEmpty { notes.append(.zeroProducts(year: input.year, codes: droppedProducts)) }
        if let problem = ComplexityTableAssembler.shapeProblem(input) { throw problem }
        let locations = keptLocations.map { input.locations[$0] }
        let products = keptProducts.map { input.products[$0] }
        let values = Self.submatrix(input.values, rows: keptLocations, columns: keptProducts)

        // calculate_rca / calculate_rpop / calculate_mcp.
        let rca: DenseMatrix, mcp: DenseMatrix
        var rpop: DenseMatrix?
        switch options.presenceTest {
        case .manual:
            rca = values
            mcp = values
        case .rca:
            rca = PresenceMatrix.rca(values)
            mcp = PresenceMatrix.binary(rca, threshold: options.rcaThreshold)
        case .rpop, .both:
            rca = PresenceMatrix.rca(values)
            let population = try options.population!.populations(year: input.year, locations: locations)
            let perHead = PresenceMatrix.rpop(values, population: population)
            rpop = perHead
            let byPopulation = PresenceMatrix.binary(perHead, threshold: options.rpopThreshold)
            mcp = options.presenceTest == .rpop
                ? byPopulation
                : PresenceMatrix.sum(PresenceMatrix.binary(rca, threshold: options.rcaThreshold), byPopulation)
        }
        let diversity = NumpyReductions.nanRowSums(mcp)
        let ubiquity = NumpyReductions.nanColumnSums(mcp)

        let indices = ComplexityIndices.compute(mcp: mcp, diversity: diversity, ubiquity: ubiquity,
                                                year: input.year, locations: locations, products: products)
        notes += indices.notes

        // Proximity, then density from M, or from RCA/RPOP under continuous proximity.
        let proximity: DenseMatrix
        if let given = options.proximityOverride {
            proximity = ProductProximity.given(given, products: products)
        } else if !options.continuous {
            proximity = ProductProximity.discrete(mcp: mcp, ubiquity: ubiquity, asymmetric: options.asymmetric)
        } else {
            proximity = ProductProximity.continuous(options.presenceTest == .rpop ? rpop! : rca)
            let undefined = ProductProximity.undefinedRows(proximity)
            if !undefined.isEmpty { notes.append(.undefinedProximity(year: input.year, codes: undefined.map { products[$0] })) }
        }
        let densityWeights: DenseMatrix
        if !options.continuous || options.presenceTest == .manual {
            densityWeights = mcp
        } else {
            densityWeights = options.presenceTest == .rpop ? rpop! : rca
        }
        let density = ComplexityOutlook.density(weights: densityWeights, proximity: proximity)
        let rawCOI = ComplexityOutlook.outlookIndex(density: density, mcp: mcp, pci: indices.pci)
        var cog = ComplexityOutlook.outlookGain(mcp: mcp, proximity: proximity, pci: indices.pci)

        // Standardisation "as per the STATA package": PCI and COG with ECI's mean and standard
        // deviation (so that ECI stays the mean PCI of a location's products), COI with its own.
        let eciMean = NumpyReductions.mean(indices.eci)
        let eciDeviation = NumpyReductions.standardDeviation(indices.eci)
        let pci = indices.pci.map { ($0 - eciMean) / eciDeviation }
        for i in cog.storage.indices { cog.storage[i] /= eciDeviation }
        let eci = indices.eci.map { ($0 - eciMean) / eciDeviation }
        let coiMean = NumpyReductions.mean(rawCOI)
        let coiDeviation = NumpyReductions.standardDeviation(rawCOI)
        let coi = rawCOI.map { ($0 - coiMean) / coiDeviation }

        var locationIndex = [Int?](repeating: nil, count: input.locations.count)
        for (position, original) in keptLocations.enumerated() { locationIndex[original] = position }
        var productIndex = [Int?](repeating: nil, count: input.products.count)
        for (position, original) in keptProducts.enumerated() { productIndex[original] = position }

        return ComplexityYearResult(
            year: input.year, locations: locations, products: products,
            droppedLocations: droppedLocations, droppedProducts: droppedProducts,
            rca: rca, rpop: rpop, mcp: mcp, diversity: diversity, ubiquity: ubiquity,
            eci: eci, pci: pci, density: density, coi: coi, cog: cog, proximity: proximity, notes: notes,
            gridLocations: input.locations.indices.map { (input.locations[$0], locationIndex[$0]) },
            gridProducts: input.products.indices.map { (input.products[$0], productIndex[$0]) })
    }

    static func submatrix(_ matrix: DenseMatrix, rows: [Int], columns: [Int]) -> DenseMatrix {
        if rows.count == matrix.rows && columns.count == matrix.columns { return matrix }
        var out = DenseMatrix(rows: rows.count, columns: columns.count)
        let width = matrix.columns, kept = columns.count
        matrix.storage.withUnsafeBufferPointer { source in
            out.storage.withUnsafeMutableBufferPointer { target in
                for (i, r) in rows.enumerated() {
                    for (j, c) in columns.enumerated() { target[i * kept + j] = source[r * width + c] }
                }
            }
        }
        return out
    }
}
