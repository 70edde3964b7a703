/// Money as people type it. A form shows money in 亿元, so it takes 亿元 (at most two decimals)
/// and stores 万元; the API and import files carry whole 万元.
extension Wan {
    public enum ParseProblem: Error, Equatable, Sendable {
        case notANumber, tooManyDecimals, outOfRange

        public var messageZh: String {
            switch self {
            case .notANumber: return "应为数字"
            case .tooManyDecimals: return "亿元最多保留两位小数（即百万元）"
            case .outOfRange: return "金额超出范围"
            }
        }

        public var messageEn: String {
            switch self {
            case .notANumber: return "must be a number"
            case .tooManyDecimals: return "at most two decimals of 100 million yuan"
            case .outOfRange: return "amount out of range"
            }
        }
    }

    /// 亿元 with up to two decimals (`900` → 9,000,000 万元, `12.35` → 123,500), exactly (no
    /// floating point). Thousands separators and a trailing 亿/亿元 are allowed.
    public static func parse(yi text: String) -> Result<Wan, ParseProblem> {
        var cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        for suffix in ["亿元", "亿"] where cleaned.hasSuffix(suffix) { cleaned = String(cleaned.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces) }
        let negative = cleaned.hasPrefix("-")
        if negative { cleaned.removeFirst() }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return .failure(.notANumber) }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        if parts.count == 2 && fraction.isEmpty { return .failure(.notANumber) }
        guard fraction.count <= 2 else { return .failure(.tooManyDecimals) }
        guard parts[0].count <= 12, let whole = Int64(parts[0]), let hundredths = Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) else {
            return .failure(.outOfRange)
        }
        let value = whole * 10_000 + hundredths * 100
        return .success(Wan(negative ? -value : value))
    }

    /// The form's text for a stored amount: 亿元 without grouping, trailing zeros dropped (`12.3`).
    public var yiInput: String {
        var text = yiText.replacingOccurrences(of: ",", with: "")
        while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
