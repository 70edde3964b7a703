/// ECI and PCI before standardisation: the reference's `calc_eci_pci`.
///
/// The reference takes kp, the eigenvector of M̃pp = U⁻¹ Mᵀ D⁻¹ M for its second-largest
/// eigenvalue (numpy's general `eig`), sets kc = D⁻¹ M kp, and flips both so that kc
/// correlates positively with diversity. M̃pp is similar to the symmetric
/// S = U^-½ Mᵀ D⁻¹ M U^-½ = AᵀA with A = D^-½ M U^-½, so here dsyevr computes the top
/// eigenpairs of S and kp = U^-½ v. When there are more products than locations the same is
/// done on the smaller A·Aᵀ (its eigenvector w gives kc = D^-½ w, and kp = U⁻¹ Mᵀ kc / λ).
/// Everything after is invariant to the eigenvector's length, and the sign rule removes its
/// sign, so the standardised results equal the reference's whenever the eigenvalue is simple.
struct ComplexityIndices {
    /// s·kc, NaN for locations without presence (length: locations).
    var eci: [Double]
    /// s·kp, NaN for products present nowhere (length: products).
    var pci: [Double]
    var notes: [ComplexityNote] = []

    /// Relative gap below which the second eigenvalue counts as tied with a neighbour.
    static let tieTolerance = 1e-9

    static func compute(mcp: DenseMatrix, diversity: [Double], ubiquity: [Double], year: String,
                        locations: [String], products: [String]) -> ComplexityIndices {
        let validLocations = diversity.indices.filter { diversity[$0] != 0 }
        let validProducts = ubiquity.indices.filter { ubiquity[$0] != 0 }
        var undefined = ComplexityIndices(eci: Array(repeating: .nan, count: mcp.rows),
                                          pci: Array(repeating: .nan, count: mcp.columns))
        let idleLocations = mcp.rows - validLocations.count, idleProducts = mcp.columns - validProducts.count
        if idleLocations > 0 {
            undefined.notes.append(.noPresence(year: year, codes: diversity.indices.filter { diversity[$0] == 0 }.map { locations[$0] }))
        }
        if idleProducts > 0 {
            undefined.notes.append(.nowherePresent(year: year, codes: ubiquity.indices.filter { ubiquity[$0] == 0 }.map { products[$0] }))
        }
        // The reference puts the NaNs back with `np.insert` over `np.argwhere(...).squeeze()`;
        // with exactly one such location or product the squeezed index is 0-d, iterating it
        // raises, and its `except` branch makes every ECI and PCI NaN. Kept for equal results.
        if idleLocations == 1 || idleProducts == 1 { return undefined }
        guard validLocations.count >= 2, validProducts.count >= 2 else {
            undefined.notes.append(.eigenvectorUnavailable(year: year))
            return undefined
        }
        let d = validLocations.map { diversity[$0] }, u = validProducts.map { ubiquity[$0] }
        let m = EconomicComplexity.submatrix(mcp, rows: validLocations, columns: validProducts)
        let parts = NetworkComponents(m)
        var result = undefined
        let vectors: (kc: [Double], kp: [Double], tie: [Double]?)
        if parts.count > 1 {
            // numpy's eig returns one indicator vector per part for the repeated eigenvalue 1,
            // and rounding decides which one the reference takes (about half the time each, in
            // trials); Gaoxin takes the largest part's, deterministically, and says so.
            let chosen = parts.largest
            vectors = (parts.locationPart.map { $0 == chosen ? 1 : 0 }, parts.productPart.map { $0 == chosen ? 1 : 0 }, nil)
            let members = validLocations.indices.filter { parts.locationPart[$0] == chosen }.map { locations[validLocations[$0]] }
            result.notes.append(.disconnectedNetwork(year: year, parts: parts.count, chosenLocations: members))
        } else {
            guard let solved = eigenvectors(m, d: d, u: u) else {
                undefined.notes.append(.eigenvectorUnavailable(year: year))
                return undefined
            }
            vectors = solved
        }
        if let tie = vectors.tie { result.notes.append(.eigenvectorNotUnique(year: year, eigenvalues: tie)) }
        var sign = correlationSign(d, vectors.kc)
        if sign.isNaN {
            result.notes.append(.signUndefined(year: year))
        } else if abs(correlation(d, vectors.kc)) < Self.signTolerance {
            sign = 1
            result.notes.append(.signArbitrary(year: year))
        }
        for (i, c) in validLocations.enumerated() { result.eci[c] = sign * vectors.kc[i] }
        for (j, p) in validProducts.enumerated() { result.pci[p] = sign * vectors.kp[j] }
        return result
    }

    /// kc and kp for the second-largest eigenvalue; `tie` lists the top eigenvalues when it
    /// is not separated from its neighbours.
    private static func eigenvectors(_ m: DenseMatrix, d: [Double], u: [Double])
        -> (kc: [Double], kp: [Double], tie: [Double]?)? {
        let rootD = d.map { $0.squareRoot() }, rootU = u.map { $0.squareRoot() }
        var a = m
        let columns = m.columns
        a.storage.withUnsafeMutableBufferPointer { cells in
            for i in 0..<m.rows {
                for j in 0..<columns where cells[i * columns + j] != 0 { cells[i * columns + j] /= rootD[i] * rootU[j] }
            }
        }
        let productSide = m.columns <= m.rows
        let s = productSide ? LinearAlgebra.gram(a) : LinearAlgebra.outerGram(a)
        let wanted = min(3, s.rows)
        guard let pairs = LinearAlgebra.largestEigenpairs(s, count: wanted) else { return nil }
        // Ascending: pairs[wanted-1] is the largest, pairs[wanted-2] the second.
        let second = pairs[wanted - 2]
        let values = pairs.map(\.value)
        let scale = max(1, abs(values[wanted - 1]))
        var tied = values[wanted - 1] - second.value <= tieTolerance * scale
        if wanted == 3 { tied = tied || second.value - values[0] <= tieTolerance * scale }
        var kc = [Double](repeating: 0, count: m.rows), kp = [Double](repeating: 0, count: m.columns)
        m.storage.withUnsafeBufferPointer { cells in
            if productSide {
                for j in 0..<columns { kp[j] = second.vector[j] / rootU[j] }
                for i in 0..<m.rows {
                    var total = 0.0
                    for j in 0..<columns { total += cells[i * columns + j] / d[i] * kp[j] }
                    kc[i] = total
                }
            } else {
                for i in 0..<m.rows { kc[i] = second.vector[i] / rootD[i] }
                for i in 0..<m.rows where kc[i] != 0 {
                    for j in 0..<columns { kp[j] += cells[i * columns + j] * kc[i] }
                }
                for j in 0..<columns { kp[j] /= u[j] * second.value }
            }
        }
        return (kc, kp, tied ? values : nil)
    }

    /// Below this |correlation| between diversity and the eigenvector the sign rule is decided
    /// by rounding noise (which is ~1e-16), not by the data.
    static let signTolerance = 1e-9

    /// Pearson's r of x and y (NaN when either does not vary).
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let (sxy, sxx, syy) = centredMoments(x, y)
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx.squareRoot() * syy.squareRoot())
    }

    /// `np.sign(np.corrcoef(x, y)[0, 1])`: NaN when either does not vary.
    static func correlationSign(_ x: [Double], _ y: [Double]) -> Double {
        let (sxy, sxx, syy) = centredMoments(x, y)
        guard sxx > 0, syy > 0, sxy.isFinite else { return .nan }
        return sxy > 0 ? 1 : (sxy < 0 ? -1 : 0)
    }

    /// Σ(x−x̄)(y−ȳ), Σ(x−x̄)², Σ(y−ȳ)².
    private static func centredMoments(_ x: [Double], _ y: [Double]) -> (xy: Double, xx: Double, yy: Double) {
        let mx = NumpyReductions.mean(x), my = NumpyReductions.mean(y)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            sxy += (x[i] - mx) * (y[i] - my)
            sxx += (x[i] - mx) * (x[i] - mx)
            syy += (y[i] - my) * (y[i] - my)
        }
        return (sxy, sxx, syy)
    }
}
