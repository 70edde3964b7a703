import Foundation

/// The 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a
/// 31-character alphabet (digits and capitals without I, O, S, V, Z), the last a check character.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// wᵢ = 3^(i-1) mod 31 for i = 1…17.
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public enum Problem: Error, Equatable, Sendable {
        case length(Int)
        case character(Character, position: Int)
        case checkCharacter(expected: Character, found: Character)

        public var messageZh: String {
            switch self {
            case .length(let count): return "统一社会信用代码应为 18 位，实际为 \(count) 位"
            case .character(let c, let position): return "第 \(position) 位“\(c)”不是统一社会信用代码允许的字符（数字及除 I、O、S、V、Z 外的大写字母）"
            case .checkCharacter(let expected, let found): return "校验位应为“\(expected)”，实际为“\(found)”，请核对代码"
            }
        }

        public var messageEn: String {
            switch self {
            case .length(let count): return "A credit code has 18 characters, not \(count)"
            case .character(let c, let position): return "Character \(position) (\(c)) is not allowed in a credit code"
            case .checkCharacter(let expected, let found): return "Check character should be \(expected), found \(found)"
            }
        }
    }

    public let value: String
    public var description: String { value }

    /// Parses the code as people write it: in documents it is often printed in groups
    /// (`91 110000 600037341L`, `91-110000-600037341L`), typed in lower case or with full-width
    /// characters from a Chinese input method; all of that is taken off (`compact`) first.
    public static func parse(_ raw: String) -> Result<CreditCode, Problem> {
        let text = compact(raw)
        let characters = Array(text)
        guard characters.count == 18 else { return .failure(.length(characters.count)) }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = alphabet.firstIndex(of: character) else { return .failure(.character(character, position: index + 1)) }
            if index < 17 { sum += value * weights[index] }
        }
        let expected = alphabet[(31 - sum % 31) % 31]
        guard characters[17] == expected else { return .failure(.checkCharacter(expected: expected, found: characters[17])) }
        return .success(CreditCode(value: text))
    }

    /// Characters that only separate groups of a printed code: any white space (including the
    /// ideographic space U+3000 and no-break spaces) and the hyphens and dashes people type.
    static let separators: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE63}", "\u{FF0D}"]

    /// The stored form: separators removed, full-width letters and digits made half-width, upper case.
    public static func compact(_ raw: String) -> String {
        // Most codes come as stored: upper-case ASCII letters and digits only.
        if raw.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) { return raw }
        var out = ""
        for scalar in raw.unicodeScalars {
            let character = Character(scalar)
            if character.isWhitespace || separators.contains(character) { continue }
            if (0xFF01...0xFF5E).contains(scalar.value), let halfWidth = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.unicodeScalars.append(halfWidth)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out.uppercased()
    }

    /// The check character for 17 leading characters, for tests and demo data.
    public static func checkCharacter(for first17: String) -> Character? {
        let characters = Array(first17)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            sum += value * weights[index]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
