/// Money in 万元 (10,000 yuan), the unit of storage and of the API. Shown in 亿元 with two decimals.
public struct Wan: Equatable, Comparable, Hashable, Sendable, Codable {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    /// The largest amount a register accepts: 1e12 万元 (1 亿亿元), over ten times the world's yearly
    /// output — no real figure comes near, and sums of millions of such amounts (a year's plans, a
    /// unit's totals, × 12 in a pace check) stay inside 64 bits on both engines.
    public static let registerMaximum: Int64 = 1_000_000_000_000

    /// A bare integer in JSON (`123456`), as the API promises for money, not `{"value":123456}`.
    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func < (lhs: Wan, rhs: Wan) -> Bool { lhs.value < rhs.value }

    /// "12.35" for 123,456 万元: 亿元 with two decimals, rounded half away from zero, exactly (no floating point).
    public var yiText: String {
        let negative = value < 0
        let magnitude = value.magnitude
        // 1 亿元 = 10,000 万元, so two decimals of 亿 are hundreds of 万.
        let hundredths = (magnitude + 50) / 100
        let whole = hundredths / 100
        let fraction = hundredths % 100
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return (negative && hundredths > 0 ? "-" : "") + Self.grouped(whole) + "." + fractionText
    }

    public static func grouped(_ number: UInt64) -> String {
        let digits = String(number)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
