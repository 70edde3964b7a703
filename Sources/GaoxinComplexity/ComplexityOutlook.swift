/// Density, complexity outlook index (COI) and complexity outlook gain (COG): the reference's
/// `calc_density` (with `knn=None`) and `calc_coi_cog`, before standardisation.
enum ComplexityOutlook {
    /// density_cp = Σ_q r_cq φ(p, q) / Σ_q φ(p, q), i.e. `r @ (φ.T / np.nansum(φ, axis=1))`,
    /// where r is M (or RCA/RPOP under continuous proximity).
    static func density(weights r: DenseMatrix, proximity: DenseMatrix) -> DenseMatrix {
        let totals = NumpyReductions.nanRowSums(proximity)
        let n = proximity.rows
        var scaled = DenseMatrix(rows: n, columns: n)
        for q in 0..<n {
            for p in 0..<n { scaled[q, p] = proximity[p, q] / totals[p] }
        }
        return LinearAlgebra.multiply(r, scaled)
    }

    /// COI_c = Σ_p density_cp (1 − M_cp) PCI_p, summed in numpy's pairwise order.
    static func outlookIndex(density: DenseMatrix, mcp: DenseMatrix, pci: [Double]) -> [Double] {
        let n = mcp.columns
        var terms = [Double](repeating: 0, count: n)
        return (0..<mcp.rows).map { c in
            for p in 0..<n { terms[p] = (density[c, p] * (1 - mcp[c, p])) * pci[p] }
            return terms.withUnsafeBufferPointer { NumpyReductions.pairwiseSum($0.baseAddress!, count: n) }
        }
    }

    /// COG_cp = (1 − M_cp) Σ_q (1 − M_cq) φ(q, p) PCI_q / Σ_r φ(q, r): the gain in outlook from
    /// moving into p, weighting each product q not yet present by how close p is to it.
    static func outlookGain(mcp: DenseMatrix, proximity: DenseMatrix, pci: [Double]) -> DenseMatrix {
        let totals = NumpyReductions.rowSums(proximity)
        let n = proximity.rows
        var weighted = DenseMatrix(rows: n, columns: n)
        for q in 0..<n {
            let factor = pci[q] / totals[q]
            for p in 0..<n { weighted[q, p] = proximity[q, p] * factor }
        }
        var absent = mcp
        for i in absent.storage.indices { absent.storage[i] = 1 - absent.storage[i] }
        var gain = LinearAlgebra.multiply(absent, weighted)
        for i in gain.storage.indices { gain.storage[i] *= absent.storage[i] }
        return gain
    }
}
