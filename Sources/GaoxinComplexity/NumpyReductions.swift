/// The reductions the reference uses, summed in numpy's own order.
///
/// Why the order matters: M is decided by RCA ≥ threshold, and an RCA that lands exactly on
/// the threshold (ties, round numbers) flips with the last bit of a sum. numpy sums a
/// contiguous run pairwise (`np.sum(axis=1)` on C-order data, and 1-D sums) and sums down the
/// rows one after another for `axis=0`; doing the same gives bit-identical RCA.
enum NumpyReductions {
    /// numpy's pairwise summation of `count` values: below 8 a plain loop; up to 128 eight
    /// interleaved accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) and then the
    /// remainder; above that the two halves (split at a multiple of 8) summed recursively.
    static func pairwiseSum(_ values: UnsafePointer<Double>, count: Int) -> Double {
        if count < 8 {
            var sum = 0.0
            for i in 0..<count { sum += values[i] }
            return sum
        }
        if count <= 128 {
            var r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3]
            var r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7]
            var i = 8
            let end = count - count % 8
            while i < end {
                r0 += values[i]; r1 += values[i + 1]; r2 += values[i + 2]; r3 += values[i + 3]
                r4 += values[i + 4]; r5 += values[i + 5]; r6 += values[i + 6]; r7 += values[i + 7]
                i += 8
            }
            var sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < count { sum += values[i]; i += 1 }
            return sum
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(values, count: half) + pairwiseSum(values + half, count: count - half)
    }

    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return pairwiseSum(base, count: buffer.count)
        }
    }

    /// `np.nansum(values)`: NaN counts as 0.
    static func nanSum(_ values: [Double]) -> Double {
        sum(values.map { $0.isNaN ? 0 : $0 })
    }

    /// `np.sum(matrix, axis=1)`, one pairwise sum per row.
    static func rowSums(_ matrix: DenseMatrix) -> [Double] {
        let columns = matrix.columns
        return matrix.storage.withUnsafeBufferPointer { buffer in
            (0..<matrix.rows).map { r in
                pairwiseSum(buffer.baseAddress! + r * columns, count: columns)
            }
        }
    }

    /// `np.nansum(matrix, axis=1)`.
    static func nanRowSums(_ matrix: DenseMatrix) -> [Double] {
        let columns = matrix.columns
        var row = [Double](repeating: 0, count: columns)
        return (0..<matrix.rows).map { r in
            for c in 0..<columns {
                let value = matrix.storage[r * columns + c]
                row[c] = value.isNaN ? 0 : value
            }
            return row.withUnsafeBufferPointer { pairwiseSum($0.baseAddress!, count: columns) }
        }
    }

    /// `np.sum(matrix, axis=0)` (and `np.nansum` when the matrix holds no NaN): rows added
    /// one after another, in row order.
    static func columnSums(_ matrix: DenseMatrix) -> [Double] {
        var sums = [Double](repeating: 0, count: matrix.columns)
        let columns = matrix.columns
        matrix.storage.withUnsafeBufferPointer { buffer in
            sums.withUnsafeMutableBufferPointer { out in
                for r in 0..<matrix.rows {
                    let row = buffer.baseAddress! + r * columns
                    for c in 0..<columns { out[c] += row[c] }
                }
            }
        }
        return sums
    }

    /// `np.nansum(matrix, axis=0)`.
    static func nanColumnSums(_ matrix: DenseMatrix) -> [Double] {
        var sums = [Double](repeating: 0, count: matrix.columns)
        for r in 0..<matrix.rows {
            for c in 0..<matrix.columns {
                let value = matrix.storage[r * matrix.columns + c]
                if !value.isNaN { sums[c] += value }
            }
        }
        return sums
    }

    /// `np.mean`: NaN if any value is NaN.
    static func mean(_ values: [Double]) -> Double {
        sum(values) / Double(values.count)
    }

    /// `np.std` with numpy's default ddof = 0: the population standard deviation.
    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        return (sum(values.map { ($0 - m) * ($0 - m) }) / Double(values.count)).squareRoot()
    }
}
