/// The shortest decimal that reads back as a given double (and, among the shortest, the one
/// closest to it), computed exactly with 128-bit integers.
///
/// Why not `Double.description`: it gives the same digits, but through a `String` per value,
/// and the grid output formats about 27 million values; this writes straight into the output
/// buffer at a fraction of the cost. It covers 1e-10 ≤ |x| < 1e17, where every scaled bound
/// below fits in 128 bits; other values (rare in these outputs) fall back to `description`.
///
/// Method: x = m·2^e lies in a rounding interval [lo, hi] of doubles that read back as x
/// (half an ulp each side; the ends count when m is even, as round-half-even reads them).
/// Scaled by 10^t so the interval is at least two units wide, its ends become integers L ≤ H;
/// the shortest decimals are the multiples of the largest power 10^j that still has a
/// multiple in [L, H], and the one nearest x·10^t is taken.
enum ShortestDecimal {
    private static let powersOfFive: [UInt128] = {
        var powers: [UInt128] = [1]
        for _ in 1...27 { powers.append(powers.last! * 5) }
        return powers
    }()

    /// `digits × 10^exponent`, for finite positive normal values in the covered range.
    static func decompose(_ value: Double) -> (digits: UInt64, exponent: Int)? {
        guard value.isNormal, value > 0 else { return nil }
        let binaryExponent = Int(value.exponent)
        // floor(log10(value)), or one less: the scaled value then lies in [10^17, 10^19).
        let decimalExponent = Int((Double(binaryExponent) * 0.30102999566398114).rounded(.down))
        let t = 17 - decimalExponent
        guard t >= 0 && t <= 27 else { return nil }

        let m = UInt64(value.significandBitPattern) | (1 << 52)
        let isEven = m & 1 == 0
        let atPowerOfTwo = value.significandBitPattern == 0
        // Everything in units of 2^(e−2): x = 4m, hi = 4m+2, lo = 4m−2 (4m−1 below a power of
        // two, where the gap to the next smaller double is half as wide).
        let e = binaryExponent - 52 - 2
        let shift = -(t + e)  // scaled = Y · 5^t · 2^(t+e) = (Y · 5^t) >> shift
        let power = powersOfFive[t]
        func scaled(_ y: UInt64) -> (quotient: UInt64, remainder: UInt128, exact: Bool) {
            let product = UInt128(y) * power
            if shift <= 0 { return (UInt64(product << UInt128(-shift)), 0, true) }
            let remainder = product & ((1 << UInt128(shift)) - 1)
            return (UInt64(product >> UInt128(shift)), remainder, remainder == 0)
        }
        let low = scaled(atPowerOfTwo ? 4 * m - 1 : 4 * m - 2)
        let high = scaled(4 * m + 2)
        let exact = scaled(4 * m)
        let lowest = low.exact && isEven ? low.quotient : low.quotient + 1
        let highest = high.exact && !isEven ? high.quotient - 1 : high.quotient

        var j = 0
        var unit: UInt64 = 1
        while true {
            let (next, overflow) = unit.multipliedReportingOverflow(by: 10)
            if overflow || ceilingDivision(lowest, next) > highest / next { break }
            unit = next
            j += 1
        }
        let first = ceilingDivision(lowest, unit), last = highest / unit
        var digits = exact.quotient / unit
        let rest = exact.quotient % unit
        let roundUp: Bool
        if j == 0 {
            // The fraction below one unit decides: remainder / 2^shift against 1/2.
            let half: UInt128 = shift > 0 ? 1 << UInt128(shift - 1) : 0
            roundUp = shift > 0 && (exact.remainder > half || (exact.remainder == half && digits & 1 == 1))
        } else {
            let half = unit / 2  // unit is a power of ten ≥ 10, so even
            roundUp = rest > half || (rest == half && (!exact.exact || digits & 1 == 1))
        }
        if roundUp { digits += 1 }
        digits = min(max(digits, first), last)
        return (digits, j - t)
    }

    private static func ceilingDivision(_ a: UInt64, _ b: UInt64) -> UInt64 {
        a / b + (a % b == 0 ? 0 : 1)
    }
}
