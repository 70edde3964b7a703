import Foundation

/// A GB/T 4754-2017 industry code: 门类 (a letter) is implied by the digits, so the code is kept
/// as its 2 (大类), 3 (中类) or 4 (小类) digits. A leading section letter, as in “C3976”, is
/// accepted and dropped when it agrees with the division.
public struct IndustryCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let digits: String
    public var description: String { digits }

    /// The level the code is given at: 2 大类, 3 中类, 4 小类.
    public var level: Int { digits.count }

    public static func < (lhs: IndustryCode, rhs: IndustryCode) -> Bool { lhs.digits < rhs.digits }

    /// The code cut to a coarser level (2, 3 or 4 digits); nil when the code is coarser already.
    public func truncated(to level: Int) -> IndustryCode? {
        guard (2...4).contains(level), digits.count >= level else { return nil }
        return IndustryCode(digits: String(digits.prefix(level)))
    }

    /// The section letter of the division (GB/T 4754-2017 table of 门类).
    public var section: Character? { IndustryCode.section(ofDivision: Int(digits.prefix(2)) ?? -1) }

    public static func section(ofDivision division: Int) -> Character? {
        sectionDivisions.first { $0.0.contains(division) }?.1
    }

    /// The divisions (大类) a section letter (门类) spans: C is 13–43.
    public static func divisions(ofSection letter: Character) -> ClosedRange<Int>? {
        sectionDivisions.first { $0.1 == letter }?.0
    }

    private static let sectionDivisions: [(ClosedRange<Int>, Character)] = [
        (1...5, "A"), (6...12, "B"), (13...43, "C"), (44...46, "D"), (47...50, "E"), (51...52, "F"), (53...60, "G"),
        (61...62, "H"), (63...65, "I"), (66...69, "J"), (70...70, "K"), (71...72, "L"), (73...75, "M"), (76...79, "N"),
        (80...82, "O"), (83...83, "P"), (84...85, "Q"), (86...90, "R"), (91...96, "S"), (97...97, "T"),
    ]

    public enum Problem: Error, Equatable, Sendable {
        case format(String)
        case unknownDivision(String)
        case sectionMismatch(given: Character, expected: Character)

        public var messageZh: String {
            switch self {
            case .format(let text): return "行业代码“\(text)”格式不对：应为 GB/T 4754-2017 的 2–4 位数字（可带门类字母，如 C3976）"
            case .unknownDivision(let text): return "行业代码“\(text)”的大类不存在"
            case .sectionMismatch(let given, let expected): return "门类字母“\(given)”与大类不符，应为“\(expected)”"
            }
        }

        public var messageEn: String {
            switch self {
            case .format(let text): return "Industry code \(text) should be 2–4 digits of GB/T 4754-2017 (a section letter may lead, e.g. C3976)"
            case .unknownDivision(let text): return "Industry code \(text) has no such division"
            case .sectionMismatch(let given, let expected): return "Section letter \(given) does not match the division (\(expected))"
            }
        }
    }

    public static func parse(_ raw: String) -> Result<IndustryCode, Problem> {
        // A stored code is its bare digits: read without Foundation's trimming and case folding,
        // which were 3 % of an API list request (a code name beside each item).
        let utf8 = raw.utf8
        if (2...4).contains(utf8.count), utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard section(ofDivision: Int(raw.prefix(2))!) != nil else { return .failure(.unknownDivision(raw)) }
            return .success(IndustryCode(digits: raw))
        }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        var digits = Substring(text)
        var letter: Character?
        if let first = digits.first, first.isLetter {
            letter = first
            digits = digits.dropFirst()
        }
        guard (2...4).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.format(raw)) }
        guard let section = section(ofDivision: Int(digits.prefix(2))!) else { return .failure(.unknownDivision(raw)) }
        if let letter, letter != section { return .failure(.sectionMismatch(given: letter, expected: section)) }
        return .success(IndustryCode(digits: String(digits)))
    }

    init(digits: String) { self.digits = digits }
}
