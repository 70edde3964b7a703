/// A row-major (C-order) matrix of doubles: the layout of the reference's numpy arrays, so a
/// loop here reads like the array expression it mirrors and BLAS gets it without copying.
public struct DenseMatrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `rows × columns` values, row after row.
    public internal(set) var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "storage does not match the dimensions")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// One row as a copy, for callers that want an array.
    public func row(_ index: Int) -> [Double] {
        Array(storage[(index * columns)..<((index + 1) * columns)])
    }

    /// The transpose, for the few places where the reference transposes (`phi.T`).
    func transposed() -> DenseMatrix {
        var out = DenseMatrix(rows: columns, columns: rows)
        storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for r in 0..<rows {
                    for c in 0..<columns { dst[c * rows + r] = src[r * columns + c] }
                }
            }
        }
        return out
    }

    /// True when no value is NaN or infinite: the common case, in which the BLAS result needs
    /// no IEEE fix-up (see `LinearAlgebra.multiply`).
    var isFinite: Bool {
        storage.withUnsafeBufferPointer { buffer in
            // finite·0 is ±0 while NaN·0 and ∞·0 are NaN: one branch-free, vectorisable pass.
            var sum = 0.0
            for value in buffer { sum += value * 0 }
            return sum == 0
        }
    }
}
