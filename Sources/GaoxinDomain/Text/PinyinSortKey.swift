import Foundation

/// An ASCII sort key for a name, so that ordering by it byte by byte — SQLite's BINARY collation,
/// PostgreSQL's "C" collation, Swift's `<` on the key — lists Chinese names in pinyin order
/// (安徽… < 北京… < 张家港…) on both engines, without either engine knowing Chinese. Derived when
/// a name is written and stored beside it; rebuild stored keys when this rule or the data changes.
///
/// The rule. The name is normalised (NFKD: full-width Ａ１（ become A1(, accents come off, 豈 and
/// other compatibility ideographs become their unified form) and read as a sequence of units, each
/// giving one segment of the key; segments are joined by `-`, which sorts below every character a
/// segment holds, so a name sorts before its extensions (安 < 安徽 < 安庆) and names compare unit by
/// unit, the way a dictionary files words under their first character:
/// - a Chinese character: its reading, toneless letters with ü as v (`zhang`, `lv`), then the tone
///   (1–4, 5 neutral), then its code point as four hex digits — so by syllable letter by letter
///   (an < ang < bei), then tone, then homophones in code-point order (Unicode's radical-and-stroke
///   order for the main block: stable, though not any one dictionary's). One reading per character,
///   the citation reading pypinyin lists first, except where names read it otherwise:
///   长 cháng (长沙 长春; not zhǎng), 重 chóng (重庆), 厦 xià (厦门), 都 dū (成都), 蚌 bèng (蚌埠).
///   No reading depends on the characters around it, so 重型 files under chóng too;
/// - a run of Latin letters: one segment, lower-cased (ABB → `abb`), so a Latin name files among the
///   pinyin by its letters: "ABB（中国）有限公司" under A, before 安 (abb < an); a word ends at
///   anything but a letter or an accent, and a word sorts before a character with the same letters
///   (AN < 安, as an < an1);
/// - a run of digits: one segment in numeric order (2 < 10): its digit count, then the digits
///   without leading zeros (`12`, `210`; 9 or more digits: `9` and a two-digit count). Every
///   digit run sorts before every letter and every Chinese character;
/// - any other letter or number — kana, Cyrillic, an ideograph the data has no reading for (68 of
///   U+4E00–U+9FFF, none in common use; Extension B onwards): `~` and six hex digits of its code
///   point, after every pinyin segment;
/// - punctuation, symbols, spaces and brackets (（）《》·、) are ignored: they neither sort nor count,
///   so "（中国）" files under zhong; they only end a run of letters or digits.
///
/// Case is folded, so ABB and abb give the same key: tie-break on the row's id. The key covers the
/// first `maxUnits` units of the name (no enterprise name comes near) and is at most `maxBytes`
/// bytes, which fits a B-tree index on both engines.
public enum PinyinSortKey {
    public static let maxUnits = 64
    /// A unit gives at most 12 bytes: a 7-byte reading (zhuang1), four hex digits, a separator.
    public static let maxBytes = maxUnits * 12 - 1
    static let separator = "-"

    public static func key(for name: String) -> String {
        var builder = Builder()
        for scalar in name.decomposedStringWithCompatibilityMapping.unicodeScalars {
            guard builder.add(scalar) else { break }
        }
        return builder.finish()
    }

    private struct Builder {
        var segments: [String] = []
        var letters = ""
        var digits = ""
        var units = 0

        /// Adds one scalar; false once the name has given `maxUnits` units.
        mutating func add(_ scalar: Unicode.Scalar) -> Bool {
            let value = scalar.value
            let isLetter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            let isDigit = (0x30...0x39).contains(value)
            let reading = isLetter || isDigit ? nil : PinyinTable.shared.reading(of: scalar)
            let isOther = reading == nil && !isLetter && !isDigit && Self.isLetterOrNumber(scalar)
            guard isLetter || isDigit || reading != nil || isOther else {
                // Ignored; punctuation and spaces end a word or a number, the accents NFKD took
                // off a letter (Société) do not.
                if !Self.isMark(scalar) { flush() }
                return true
            }
            guard units < maxUnits else { return false }
            units += 1
            if isLetter {
                flushDigits()
                letters.unicodeScalars.append(Unicode.Scalar(value | 0x20)!)  // ASCII lower case
            } else if isDigit {
                flushLetters()
                digits.unicodeScalars.append(scalar)
            } else {
                flush()
                segments.append(reading.map { $0 + Self.padded(value, width: 4) } ?? "~" + Self.padded(value, width: 6))
            }
            return true
        }

        mutating func finish() -> String {
            flush()
            return segments.joined(separator: separator)
        }

        private mutating func flush() {
            flushLetters()
            flushDigits()
        }

        private mutating func flushLetters() {
            guard !letters.isEmpty else { return }
            segments.append(letters)
            letters = ""
        }

        /// The count first, so that a longer number sorts after a shorter one (2 < 10).
        private mutating func flushDigits() {
            guard !digits.isEmpty else { return }
            let significant = digits.drop { $0 == "0" }
            let number = significant.isEmpty ? "0" : String(significant)
            let count = number.count
            segments.append((count < 9 ? "\(count)" : "9" + Self.padded(UInt32(count), width: 2, radix: 10)) + number)
            digits = ""
        }

        private static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return false
            }
        }

        private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }

        private static func padded(_ value: UInt32, width: Int, radix: Int = 16) -> String {
            let digits = String(value, radix: radix, uppercase: true)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }
}
