/// Density, complexity outlook index (COI) and complexity outlook gain (COG): the reference's
/// `calc_density` (with `knn=None`) and `calc_coi_cog`, before standardisation.
enum ComplexityOutlook {
    /// density_cp = Σ_q r_cq φ(p, q) / Σ_q φ(p, q), i.e. `r @ (φ.T / np.nansum(φ, axis=1))`,
    /// where r is M (or RCA/RPOP under continuous proximity).
    static func density(weights r: DenseMatrix, proximity: DenseMatrix) -> DenseMatrix {
        let totals = NumpyReductions.nanRowSums(proximity)
        let n = proximity.rows
        var scaled = DenseMatrix(rows: n, columns: n)
        proximity.storage.withUnsafeBufferPointer { source in
            scaled.storage.withUnsafeMutableBufferPointer { target in
                for q in 0..<n {
                    for p in 0..<n { target[q * n + p] = source[p * n + q] / totals[p] }
                }
            }
        }
        return LinearAlgebra.multiply(r, scaled)
    }

    /// COI_c = Σ_p density_cp (1 − M_cp) PCI_p, summed in numpy's pairwise order.
    static func outlookIndex(density: DenseMatrix, mcp: DenseMatrix, pci: [Double]) -> [Double] {
        let n = mcp.columns
        var terms = [Double](repeating: 0, count: n)
        return density.storage.withUnsafeBufferPointer { densities in
            mcp.storage.withUnsafeBufferPointer { presence in
                (0..<mcp.rows).map { c in
                    for p in 0..<n { terms[p] = (densities[c * n + p] * (1 - presence[c * n + p])) * pci[p] }
                    return terms.withUnsafeBufferPointer { NumpyReductions.pairwiseSum($0.baseAddress!, count: n) }
                }
            }
        }
    }

    /// COG_cp = (1 − M_cp) Σ_q (1 − M_cq) φ(q, p) PCI_q / Σ_r φ(q, r): the gain in outlook from
    /// moving into p, weighting each product q not yet present by how close p is to it.
    static func outlookGain(mcp: DenseMatrix, proximity: DenseMatrix, pci: [Double]) -> DenseMatrix {
        let totals = NumpyReductions.rowSums(proximity)
        let n = proximity.rows
        var weighted = DenseMatrix(rows: n, columns: n)
        proximity.storage.withUnsafeBufferPointer { source in
            weighted.storage.withUnsafeMutableBufferPointer { target in
                for q in 0..<n {
                    let factor = pci[q] / totals[q]
                    for p in 0..<n { target[q * n + p] = source[q * n + p] * factor }
                }
            }
        }
        let absent = DenseMatrix(rows: mcp.rows, columns: mcp.columns, storage: mcp.storage.map { 1 - $0 })
        var gain = LinearAlgebra.multiply(absent, weighted)
        absent.storage.withUnsafeBufferPointer { factors in
            gain.storage.withUnsafeMutableBufferPointer { cells in
                for i in 0..<cells.count { cells[i] *= factors[i] }
            }
        }
        return gain
    }
}
