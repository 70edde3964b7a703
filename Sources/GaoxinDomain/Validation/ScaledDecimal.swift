/// A decimal number with a fixed count of decimal places, kept as a whole number of its smallest
/// step (3.25 with two places is 325) so that both engines store, compare and sum it exactly — an
/// R&D intensity of 3.25 %, 85.3 patents per 10,000 employees.
public struct ScaledDecimal: Equatable, Comparable, Hashable, Sendable {
    public let scaled: Int64
    public let places: Int

    public init(scaled: Int64, places: Int) {
        self.scaled = scaled
        self.places = places
    }

    public static func < (lhs: ScaledDecimal, rhs: ScaledDecimal) -> Bool { lhs.value < rhs.value }

    public var value: Double { Double(scaled) / Double(Self.power(places)) }

    public enum Problem: Error, Equatable, Sendable {
        case notANumber
        case tooManyPlaces(Int)

        public var messageZh: String {
            switch self {
            case .notANumber: return "应为数字"
            case .tooManyPlaces(let places): return places == 0 ? "应为整数" : "最多 \(places) 位小数"
            }
        }

        public var messageEn: String {
            switch self {
            case .notANumber: return "must be a number"
            case .tooManyPlaces(let places): return places == 0 ? "must be a whole number" : "takes at most \(places) decimals"
            }
        }
    }

    /// "1,200", "3.25", "-0.5", "80." — digits with an optional sign, thousands commas and point; no
    /// exponent, no unit (a unit typed into the box is a different mistake, told by the caller).
    public static func parse(_ text: String, places: Int) -> Result<ScaledDecimal, Problem> {
        var body = Substring(text.withoutThousandsCommas)
        let negative = body.first == "-"
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !(wholeText.isEmpty && (parts.count < 2 || parts[1].isEmpty)) else { return .failure(.notANumber) }
        let fractionText = parts.count == 2 ? parts[1] : ""
        guard (wholeText + fractionText).allSatisfy(\.isASCIIDigit), wholeText.count <= 15 else { return .failure(.notANumber) }
        let significant = fractionText.reversed().drop { $0 == "0" }.count
        guard significant <= places else { return .failure(.tooManyPlaces(places)) }
        let whole = Int64(wholeText.isEmpty ? "0" : String(wholeText)) ?? 0
        let padded = String(fractionText.prefix(places)).padding(toLength: places, withPad: "0", startingAt: 0)
        let fraction = places == 0 ? 0 : Int64(padded) ?? 0
        let scaled = whole * power(places) + fraction
        return .success(ScaledDecimal(scaled: negative ? -scaled : scaled, places: places))
    }

    /// A computed value to the nearest step (half away from zero).
    public static func rounded(_ value: Double, places: Int) -> ScaledDecimal {
        ScaledDecimal(scaled: Int64((value * Double(power(places))).rounded(.toNearestOrAwayFromZero)), places: places)
    }

    /// "3.25", "1200", "0.5": as few decimals as the value needs, so a count reads as a count.
    public var text: String {
        let step = Self.power(places)
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(step)
        var fraction = places == 0 ? "" : String(magnitude % UInt64(step))
        fraction = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (scaled < 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The same with thousands separators, for pages ("1,200", "12,345.6").
    public var groupedText: String {
        let plain = text
        let negative = plain.hasPrefix("-")
        let digits = negative ? String(plain.dropFirst()) : plain
        let parts = digits.split(separator: ".", maxSplits: 1)
        let whole = Wan.grouped(UInt64(parts[0]) ?? 0)
        return (negative ? "-" : "") + whole + (parts.count == 2 ? "." + parts[1] : "")
    }

    public static func power(_ places: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<places { result *= 10 }
        return result
    }
}
