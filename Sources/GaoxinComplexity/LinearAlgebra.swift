import CLinearAlgebra

/// Matrix products and the symmetric eigen-solver, through Debian's OpenBLAS (dgemm, dsyrk)
/// and LAPACKE (dsyevr). Why a system BLAS rather than our own loops: the reference's numpy
/// itself multiplies with OpenBLAS, and the 3,000 × 1,000 benchmark needs about 20 GFlop per
/// year, which tuned kernels on two cores do in a fraction of a second.
enum LinearAlgebra {
    /// A·B with IEEE semantics for NaN and ∞, as numpy's `@` gives them: a NaN anywhere in a
    /// column of B makes that column of the product NaN even where A holds zeros (0·NaN = NaN).
    /// BLAS kernels are not required to honour that (some skip zero operands), so non-finite
    /// entries are taken out before dgemm and their effect is put back exactly afterwards.
    static func multiply(_ a: DenseMatrix, _ b: DenseMatrix) -> DenseMatrix {
        precondition(a.columns == b.rows, "inner dimensions differ")
        let m = a.rows, k = a.columns, n = b.columns
        var out = DenseMatrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return out }
        if a.isFinite && b.isFinite {
            dgemm(a.storage, b.storage, into: &out, m: m, n: n, k: k)
            return out
        }
        dgemm(finiteOnly(a.storage), finiteOnly(b.storage), into: &out, m: m, n: n, k: k)
        IEEEProductRepair(a: a, b: b).apply(to: &out)
        return out
    }

    /// How many threads OpenBLAS uses (process-wide; it starts with one per core).
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }

    /// Aᵀ·A (columns × columns), through dsyrk, with both triangles filled.
    static func gram(_ a: DenseMatrix) -> DenseMatrix {
        syrk(a, transposed: true)
    }

    /// A·Aᵀ (rows × rows), through dsyrk, with both triangles filled.
    static func outerGram(_ a: DenseMatrix) -> DenseMatrix {
        syrk(a, transposed: false)
    }

    /// The `count` largest eigenvalues of a symmetric matrix, ascending, with their unit
    /// eigenvectors; nil if LAPACK reports a failure. dsyevr (MRRR) computes only the
    /// requested pairs after the tridiagonal reduction, which is what makes the ECI cheap.
    static func largestEigenpairs(_ s: DenseMatrix, count: Int) -> [(value: Double, vector: [Double])]? {
        let n = s.rows
        precondition(n == s.columns && count >= 1 && count <= n, "need a square matrix and 1 ≤ count ≤ n")
        var work = s.storage  // dsyevr overwrites its input
        var found: gx_lapack_int = 0
        var values = [Double](repeating: 0, count: n)
        var vectors = [Double](repeating: 0, count: n * count)
        var support = [gx_lapack_int](repeating: 0, count: 2 * count)
        // Row-major upper = column-major lower for a symmetric matrix, so the column-major
        // call needs no transposed copy.
        let info = LAPACKE_dsyevr(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "I")), CChar(UInt8(ascii: "L")),
            gx_lapack_int(n), &work, gx_lapack_int(n), 0, 0,
            gx_lapack_int(n - count + 1), gx_lapack_int(n),
            LAPACKE_dlamch(CChar(UInt8(ascii: "S"))),
            &found, &values, &vectors, gx_lapack_int(n), &support)
        guard info == 0, Int(found) == count else { return nil }
        return (0..<count).map { j in (values[j], Array(vectors[(j * n)..<((j + 1) * n)])) }
    }

    private static func dgemm(_ a: [Double], _ b: [Double], into out: inout DenseMatrix, m: Int, n: Int, k: Int) {
        out.storage.withUnsafeMutableBufferPointer { c in
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        blasint(m), blasint(n), blasint(k), 1, a, blasint(k), b, blasint(n),
                        0, c.baseAddress, blasint(n))
        }
    }

    private static func syrk(_ a: DenseMatrix, transposed: Bool) -> DenseMatrix {
        let n = transposed ? a.columns : a.rows
        let k = transposed ? a.rows : a.columns
        var out = DenseMatrix(rows: n, columns: n)
        guard n > 0, k > 0 else { return out }
        out.storage.withUnsafeMutableBufferPointer { c in
            cblas_dsyrk(CblasRowMajor, CblasUpper, transposed ? CblasTrans : CblasNoTrans,
                        blasint(n), blasint(k), 1, a.storage, blasint(a.columns), 0, c.baseAddress, blasint(n))
            for i in 0..<n {
                for j in 0..<i { c[i * n + j] = c[j * n + i] }
            }
        }
        return out
    }

    private static func finiteOnly(_ values: [Double]) -> [Double] {
        values.map { $0.isFinite ? $0 : 0 }
    }
}
