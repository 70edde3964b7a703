/// Product proximity of one year, the reference's `calc_discrete_proximity`,
/// `calc_continuous_proximity` and its `proximity_edgelist` input.
enum ProductProximity {
    /// φ(p, q) = |p ∧ q| / u_q; symmetric: min(φ(p, q), φ(q, p)); asymmetric: φᵀ, i.e. the
    /// share of p's locations that also have q. A product present nowhere (u = 0) gives NaN
    /// rows and columns, as 0/0 does in the reference (`np.minimum` keeps NaN).
    static func discrete(mcp: DenseMatrix, ubiquity: [Double], asymmetric: Bool) -> DenseMatrix {
        let cooccurrence = LinearAlgebra.gram(mcp)
        let n = mcp.columns
        var out = DenseMatrix(rows: n, columns: n)
        cooccurrence.storage.withUnsafeBufferPointer { both in
            out.storage.withUnsafeMutableBufferPointer { target in
                for p in 0..<n {
                    for q in 0..<n {
                        let pq = both[p * n + q] / ubiquity[q]   // φ(p, q)
                        let qp = both[q * n + p] / ubiquity[p]   // φ(q, p)
                        target[p * n + q] = asymmetric ? qp : (pq.isNaN || qp.isNaN ? .nan : min(pq, qp))
                    }
                }
            }
        }
        return out
    }

    /// (1 + corr(x_·p, x_·q)) / 2 over locations, `np.corrcoef(x.T)` with its clip to [−1, 1].
    /// A column that does not vary has no correlation: its row and column are NaN.
    static func continuous(_ x: DenseMatrix) -> DenseMatrix {
        let n = x.columns, count = x.rows
        let means = NumpyReductions.columnSums(x).map { $0 / Double(count) }
        var centred = x
        for c in 0..<count {
            for p in 0..<n { centred[c, p] -= means[p] }
        }
        var covariance = LinearAlgebra.gram(centred)
        let deviations = (0..<n).map { (covariance[$0, $0] / Double(count - 1)).squareRoot() }
        for p in 0..<n {
            for q in 0..<n {
                var r = covariance[p, q] / Double(count - 1)
                r = r / deviations[p] / deviations[q]
                if !r.isNaN { r = Swift.min(1, Swift.max(-1, r)) }
                covariance[p, q] = (1 + r) / 2
            }
        }
        return covariance
    }

    /// A given proximity reindexed to the year's products; when anything is missing, the
    /// diagonal becomes 1 and the other gaps 0, as the reference does.
    static func given(_ table: ProximityTable, products: [String]) -> DenseMatrix {
        let n = products.count
        var position: [String: Int] = [:]
        for (index, code) in products.enumerated() { position[code] = index }
        var out = DenseMatrix(rows: n, columns: n, repeating: .nan)
        for entry in table.entries {
            guard let p = position[entry.product1], let q = position[entry.product2] else { continue }
            out[p, q] = entry.proximity
        }
        if out.storage.contains(where: \.isNaN) {
            for p in 0..<n { out[p, p] = 1 }
            for i in out.storage.indices where out.storage[i].isNaN { out.storage[i] = 0 }
        }
        return out
    }

    /// Products whose proximity row is NaN (for the note that explains empty densities).
    static func undefinedRows(_ proximity: DenseMatrix) -> [Int] {
        (0..<proximity.rows).filter { p in (0..<proximity.columns).contains { proximity[p, $0].isNaN } }
    }
}
