import Foundation
import SQLKit

/// The column a row's Swift property is read from (`unitName` → `unit_name`), worked out once per
/// property name. SQLKit's `.convertFromSnakeCase` works it out again for every field of every
/// row, asking Unicode's tables for each character's case: 15 % of the CPU of an enterprise-list
/// request under load. This is the same rule, remembered.
enum ColumnNames {
    static let decoder = SQLRowDecoder(keyDecodingStrategy: .custom({ path in
        ColumnKey(stringValue: column(for: path.last?.stringValue ?? ""))
    }))

    private final class Known: @unchecked Sendable {
        let lock = NSLock()
        var columns: [String: String] = [:]
    }
    private static let known = Known()

    static func column(for property: String) -> String {
        known.lock.lock()
        defer { known.lock.unlock() }
        if let found = known.columns[property] { return found }
        let converted = snakeCase(property)
        known.columns[property] = converted
        return converted
    }

    /// SQLKit's camel-to-snake rule (after Foundation's): a word starts at each upper-case letter;
    /// a run of capitals is one word up to the capital before the next lower-case letter; each
    /// word's first letter is lower-cased (`recentRevenue` → `recent_revenue`, `unitID` → `unit_iD`
    /// as SQLKit has it — no property here is spelled so).
    static func snakeCase(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        var words: [Range<String.Index>] = []
        var wordStart = text.startIndex, searchIndex = text.index(after: wordStart)
        while let upper = text[searchIndex...].firstIndex(where: \.isUppercase) {
            words.append(wordStart..<upper)
            wordStart = upper
            guard let lower = text[upper...].firstIndex(where: \.isLowercase) else { break }
            searchIndex = lower
            if lower != text.index(after: upper) {
                let beforeLower = text.index(before: lower)
                words.append(upper..<beforeLower)
                wordStart = beforeLower
            }
        }
        words.append(wordStart..<text.endIndex)
        return words.map { range in
            let word = text[range]
            return word.isEmpty ? "" : word.prefix(1).lowercased() + word.dropFirst()
        }.joined(separator: "_")
    }

    struct ColumnKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
