import Foundation

extension StringProtocol {
    /// `trimmingCharacters(in:)` that hands the text to Foundation only when there is something to
    /// trim: most values (an import's cells, a form's fields) have nothing at either end, and
    /// Foundation's trimming bridges every string to `NSString` — a tenth of a declared
    /// register's import checks (perf, BENCHMARKS.md "Declared registers imported in bulk").
    public func trimming(_ set: CharacterSet) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return "" }
        guard set.contains(first) || set.contains(last) else { return String(self) }
        return trimmingCharacters(in: set)
    }
}
