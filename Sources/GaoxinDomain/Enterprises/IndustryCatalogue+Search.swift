import Foundation

extension IndustryCatalogue {
    /// Entries for an industry picker, by what an official types: a code prefix (“39”, “C397”,
    /// coarser levels first, so a division comes before its groups and classes), a section letter
    /// (“C”: its divisions), or part of a name in Chinese or a division's English (“集成电路”: the
    /// exact name first, then names that start with the text, then the rest; coarser levels first).
    public func search(_ text: String, limit: Int = 20) -> [Entry] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty, limit > 0 else { return [] }
        if let (letter, digits) = Self.codePrefix(query) {
            return Array(
                entries
                    .filter { $0.code.digits.hasPrefix(digits) && (letter == nil || $0.code.section == letter) }
                    .filter { !digits.isEmpty || $0.level == 2 }
                    .sorted { ($0.level, $0.code.digits) < ($1.level, $1.code.digits) }
                    .prefix(limit)
            )
        }
        return Array(byName(query).prefix(limit))
    }

    /// A leading section letter and the digits after it, when the text is shaped like a code.
    private static func codePrefix(_ text: String) -> (Character?, String)? {
        var rest = Substring(text.uppercased())
        var letter: Character?
        if let first = rest.first, first.isASCII, first.isLetter {
            letter = first
            rest = rest.dropFirst()
        }
        guard rest.count <= 4, rest.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if let letter, IndustrySection(letter: letter) == nil { return nil }
        return (letter, String(rest))
    }

    private func byName(_ query: String) -> [Entry] {
        let needle = query.lowercased()
        func rank(_ entry: Entry) -> Int? {
            let names = [entry.nameZh, entry.nameEn].compactMap { $0?.lowercased() }
            if names.contains(needle) { return 0 }
            if names.contains(where: { $0.hasPrefix(needle) }) { return 1 }
            if names.contains(where: { $0.contains(needle) }) { return 2 }
            return nil
        }
        let ranked = entries.compactMap { entry in rank(entry).map { (entry, $0) } }
        // A group with a single class (652 / 6520 集成电路设计) would otherwise be offered twice
        // under one name; the coarser entry is kept.
        let names = Dictionary(ranked.map { ($0.0.code.digits, $0.0.nameZh) }, uniquingKeysWith: { first, _ in first })
        return ranked
            .filter { entry, _ in
                guard let parent = entry.code.truncated(to: entry.level - 1) else { return true }
                return names[parent.digits] != entry.nameZh
            }
            .sorted { ($0.1, $0.0.level, $0.0.code.digits) < ($1.1, $1.0.level, $1.0.code.digits) }
            .map(\.0)
    }
}
