/// After a BLAS product of the finite parts of A and B, puts back what their NaN and ∞ entries
/// do to A·B under IEEE arithmetic, so a product here has the NaN pattern numpy's `@` has.
///
/// The rules for one cell Σ_q A[c,q]·B[q,p]: any NaN term makes it NaN; 0·∞ is NaN; +∞ and −∞
/// together are NaN; otherwise an infinite term decides the cell. A NaN in column p of B thus
/// poisons the whole column p of the product, and a NaN in row c of A the whole row c.
struct IEEEProductRepair {
    let a: DenseMatrix
    let b: DenseMatrix

    private static let nanBit: UInt8 = 1, plusBit: UInt8 = 2, minusBit: UInt8 = 4

    func apply(to out: inout DenseMatrix) {
        let m = a.rows, k = a.columns, n = b.columns
        var nanRows = [Bool](repeating: false, count: m)
        var nanColumns = [Bool](repeating: false, count: n)
        for c in 0..<m {
            for q in 0..<k where a[c, q].isNaN { nanRows[c] = true; break }
        }
        for q in 0..<k {
            for p in 0..<n where b[q, p].isNaN { nanColumns[p] = true }
        }
        var cellFlags: [Int: UInt8] = [:]
        func note(_ term: Double, _ c: Int, _ p: Int) {
            guard !term.isFinite else { return }
            let bit = term.isNaN ? Self.nanBit : (term > 0 ? Self.plusBit : Self.minusBit)
            cellFlags[c * n + p, default: 0] |= bit
        }
        // Infinities in B meet every row of A; infinities in A meet every column of B.
        for q in 0..<k {
            for p in 0..<n where !nanColumns[p] && b[q, p].isInfinite {
                for c in 0..<m where !nanRows[c] { note(a[c, q] * b[q, p], c, p) }
            }
        }
        for c in 0..<m where !nanRows[c] {
            for q in 0..<k where a[c, q].isInfinite {
                for p in 0..<n where !nanColumns[p] { note(a[c, q] * b[q, p], c, p) }
            }
        }
        for (cell, flags) in cellFlags {
            let both = Self.plusBit | Self.minusBit
            if flags & Self.nanBit != 0 || flags & both == both {
                out.storage[cell] = .nan
            } else {
                out.storage[cell] = flags & Self.plusBit != 0 ? .infinity : -.infinity
            }
        }
        for c in 0..<m where nanRows[c] {
            for p in 0..<n { out[c, p] = .nan }
        }
        for p in 0..<n where nanColumns[p] {
            for c in 0..<m { out[c, p] = .nan }
        }
    }
}
