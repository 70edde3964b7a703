/// Makes table names acceptable as Excel sheet names, which Excel otherwise refuses to open
/// ("We found a problem with some content"): at most 31 characters, none of `[ ] : * ? / \`,
/// not starting or ending with an apostrophe, not "History" (reserved), and unique without
/// regard to case.
enum SheetNames {
    static let maxLength = 31

    static func sanitized(_ names: [String]) -> [String] {
        var taken = Set<String>()
        var result: [String] = []
        for (index, name) in names.enumerated() {
            var base = cleaned(name)
            if base.isEmpty { base = "Sheet\(index + 1)" }
            if base.lowercased() == "history" { base += "_" }
            var candidate = truncated(base, to: maxLength)
            var counter = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = truncated(base, to: maxLength - suffix.utf16.count) + suffix
                counter += 1
            }
            taken.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// Forbidden characters become "_" (so "2024/03" stays readable as "2024_03"); control
    /// characters are dropped; apostrophes at either end are removed.
    private static func cleaned(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": scalars.append("_")
            default: if scalar.value >= 0x20, XMLEscaping.isAllowed(scalar) { scalars.append(scalar) }
            }
        }
        var text = String(scalars)
        while text.hasPrefix("'") { text.removeFirst() }
        while text.hasSuffix("'") { text.removeLast() }
        return text
    }

    /// Excel counts UTF-16 units; whole characters are kept so no emoji is cut in half.
    private static func truncated(_ name: String, to length: Int) -> String {
        var out = ""
        for character in name {
            guard out.utf16.count + character.utf16.count <= length else { break }
            out.append(character)
        }
        // An apostrophe may have become the last character.
        while out.hasSuffix("'") { out.removeLast() }
        return out
    }
}
