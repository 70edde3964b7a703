/// Lookup tables for writing numbers, allocated once and never freed. A text buffer holds
/// them as a plain value: reaching a `static let` from the formatting loop would cost a
/// lazy-initialisation check on each of some 27 million numbers.
struct DecimalTables {
    /// 5^0 … 5^27 (5^27 < 2^63, so every scaled bound fits 128 bits).
    let powersOfFive: UnsafePointer<UInt128>
    /// 10^0 … 10^19.
    let powersOfTen: UnsafePointer<UInt64>
    /// "00", "01", … "99".
    let digitPairs: UnsafePointer<UInt8>

    static let shared = DecimalTables()

    private init() {
        let five = UnsafeMutablePointer<UInt128>.allocate(capacity: 28)
        five[0] = 1
        for k in 1..<28 { five[k] = five[k - 1] * 5 }
        let ten = UnsafeMutablePointer<UInt64>.allocate(capacity: 20)
        ten[0] = 1
        for k in 1..<20 { ten[k] = ten[k - 1] * 10 }
        let pairs = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
        for value in 0..<100 {
            pairs[2 * value] = UInt8(value / 10) + 0x30
            pairs[2 * value + 1] = UInt8(value % 10) + 0x30
        }
        powersOfFive = UnsafePointer(five)
        powersOfTen = UnsafePointer(ten)
        digitPairs = UnsafePointer(pairs)
    }

    /// The number of decimal digits of `value` (1 for 0).
    @inline(__always)
    func digitCount(_ value: UInt64) -> Int {
        // log10(2) ≈ 1233/4096: an estimate from the bit length, corrected by one comparison.
        let estimate = ((64 - value.leadingZeroBitCount) * 1233) >> 12
        return max(1, estimate + (value >= powersOfTen[estimate] ? 1 : 0))
    }
}
