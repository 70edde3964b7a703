/// The shortest decimal that reads back as a given double (and, among the shortest, the one
/// closest to it), computed exactly with 128-bit integers.
///
/// Why not `Double.description`: it gives the same digits (the tests check that on hundreds of
/// thousands of values), but through a `String` per value, and the grid output formats about
/// 27 million values; this writes straight into the output buffer at a fraction of the cost.
/// It covers 1e-10 ≤ x < 1e17, where every scaled bound below fits in 128 bits; other values
/// (rare in these outputs) fall back to `description`.
///
/// Method: x = m·2^e lies in a rounding interval [lo, hi] of reals that read back as x (half
/// an ulp each side; the ends count when m is even, as round-half-even reads them). Scaled by
/// 10^t so the interval is at least two units wide, its ends become integers L ≤ H; the
/// shortest decimals are the multiples of the largest power 10^j that still has a multiple in
/// [L, H], and of those the one nearest x·10^t is taken.
enum ShortestDecimal {
    /// `digits × 10^exponent`, for finite positive normal values in the covered range.
    static func decompose(_ value: Double, _ tables: DecimalTables) -> (digits: UInt64, exponent: Int)? {
        guard value.isNormal, value > 0 else { return nil }
        let binaryExponent = Int(value.exponentBitPattern) - 1023
        // floor(binaryExponent · log10 2), which is floor(log10 value) or one less: the scaled
        // value then lies in [10^17, 10^19).
        let decimalExponent = (binaryExponent * 78_913) >> 18
        let t = 17 - decimalExponent
        guard t >= 0 && t <= 27 else { return nil }

        let m = UInt64(value.significandBitPattern) | (1 << 52)
        let isEven = m & 1 == 0
        // Everything in units of 2^(e−2): x = 4m, hi = 4m+2, lo = 4m−2 (4m−1 just above a power
        // of two, where the gap to the next smaller double is half as wide).
        let e = binaryExponent - 52 - 2
        let shift = -(t + e)  // scaled = Y · 5^t · 2^(t+e) = (Y · 5^t) >> shift
        let power = tables.powersOfFive[t]
        @inline(__always)
        func scaled(_ y: UInt64) -> (quotient: UInt64, remainder: UInt128) {
            let product = UInt128(y) * power
            if shift <= 0 { return (UInt64(truncatingIfNeeded: product << UInt128(-shift)), 0) }
            return (UInt64(truncatingIfNeeded: product >> UInt128(shift)), product & ((1 << UInt128(shift)) - 1))
        }
        let low = scaled(value.significandBitPattern == 0 ? 4 * m - 1 : 4 * m - 2)
        let high = scaled(4 * m + 2)
        let exact = scaled(4 * m)
        var lowest = low.remainder == 0 && isEven ? low.quotient : low.quotient + 1
        var highest = high.remainder == 0 && !isEven ? high.quotient - 1 : high.quotient

        // Drop digits while a multiple of the next power of ten stays inside [L, H]; carry
        // x's dropped digits along for rounding (the first one, and whether any other is not 0).
        var digits = exact.quotient
        var firstDropped: UInt64 = 0
        var restNonZero = exact.remainder != 0
        var j = 0
        while true {
            let nextLowest = lowest / 10 + (lowest % 10 == 0 ? 0 : 1)
            let nextHighest = highest / 10
            if nextLowest > nextHighest { break }
            lowest = nextLowest
            highest = nextHighest
            restNonZero = restNonZero || firstDropped != 0
            firstDropped = digits % 10
            digits /= 10
            j += 1
        }
        let roundUp: Bool
        if j == 0 {
            // Only the fraction below one unit was dropped: remainder / 2^shift against 1/2.
            let half: UInt128 = shift > 0 ? 1 << UInt128(shift - 1) : 0
            roundUp = shift > 0 && (exact.remainder > half || (exact.remainder == half && digits & 1 == 1))
        } else {
            roundUp = firstDropped > 5 || (firstDropped == 5 && (restNonZero || digits & 1 == 1))
        }
        if roundUp { digits += 1 }
        return (min(max(digits, lowest), highest), j - t)
    }
}
