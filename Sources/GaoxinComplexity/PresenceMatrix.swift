/// RCA, RPOP and the presence matrix M of one year, as the reference computes them
/// (`ComplexityData.calculate_rca`, `calculate_rpop`, `calculate_mcp`), operation for
/// operation, so that a value exactly on the threshold lands on the same side.
enum PresenceMatrix {
    /// Balassa's RCA: (x_cp / Σ_p x_cp) / (Σ_c x_cp / Σ_cp x_cp).
    static func rca(_ x: DenseMatrix) -> DenseMatrix {
        let rowTotals = NumpyReductions.rowSums(x)
        let columnTotals = NumpyReductions.columnSums(x)
        let world = NumpyReductions.sum(columnTotals)
        let shares = columnTotals.map { $0 / world }
        return elementwise(x) { c, p, value in (value / rowTotals[c]) / shares[p] }
    }

    /// RPOP: (x_cp / pop_c) / (Σ_c x_cp / Σ_c pop_c), the population summed over the year's
    /// (non-zero) locations.
    static func rpop(_ x: DenseMatrix, population: [Double]) -> DenseMatrix {
        let columnTotals = NumpyReductions.columnSums(x)
        let worldPopulation = NumpyReductions.nanSum(population)
        let perHead = columnTotals.map { $0 / worldPopulation }
        return elementwise(x) { c, p, value in (value / population[c]) / perHead[p] }
    }

    /// `np.where(np.nan_to_num(x) >= threshold, 1, 0)`.
    static func binary(_ x: DenseMatrix, threshold: Double) -> DenseMatrix {
        elementwise(x) { _, _, value in
            let cleaned = value.isNaN ? 0 : (value == .infinity ? .greatestFiniteMagnitude
                : (value == -.infinity ? -.greatestFiniteMagnitude : value))
            return cleaned >= threshold ? 1 : 0
        }
    }

    static func sum(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        elementwise(a) { c, p, value in value + b[c, p] }
    }

    private static func elementwise(_ x: DenseMatrix, _ body: (Int, Int, Double) -> Double) -> DenseMatrix {
        var out = DenseMatrix(rows: x.rows, columns: x.columns)
        let columns = x.columns
        x.storage.withUnsafeBufferPointer { source in
            out.storage.withUnsafeMutableBufferPointer { target in
                for c in 0..<x.rows {
                    let base = c * columns
                    for p in 0..<columns { target[base + p] = body(c, p, source[base + p]) }
                }
            }
        }
        return out
    }
}
