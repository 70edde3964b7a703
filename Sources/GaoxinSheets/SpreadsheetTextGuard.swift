import Foundation

/// The apostrophe our exports put before text, and the imports take off again, so that any text
/// survives export → edit in a spreadsheet → import unchanged.
///
/// Formula injection (OWASP "CSV Injection"): a CSV *text* cell starting with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading `'`, so a spreadsheet opening the export shows it instead of evaluating
/// it (a company name typed as `=HYPERLINK(...)` must not become a live formula). xlsx stores text
/// as text, so it needs no such guard. The guard must be reversible: an import takes one leading
/// `'` off when what follows starts like a formula **or with another `'`**; so text that itself
/// begins that way (`'=abc`, `''x`) is written with one more apostrophe, in both formats, and a
/// name such as `'s Hertogenbosch` is left alone everywhere.
public enum SpreadsheetTextGuard {
    /// What a CSV export writes for a text cell.
    public static func forCSV(_ text: String) -> String {
        startsLikeFormula(text) || unguarded(text) != text ? "'" + text : text
    }

    /// What an xlsx export writes for a text cell: only the escape that keeps the import's
    /// unguarding from changing it.
    public static func forXLSX(_ text: String) -> String {
        unguarded(text) != text ? "'" + text : text
    }

    /// The inverse of both, for imports: `'=x` → `=x`, `'-5` → `-5`, `''x` → `'x`; a leading
    /// apostrophe before anything else is left alone (it may be part of the name).
    public static func unguarded(_ text: String) -> String {
        guard text.hasPrefix("'") else { return text }
        let rest = String(text.dropFirst())
        return startsLikeFormula(rest) || rest.hasPrefix("'") ? rest : text
    }

    public static func startsLikeFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first)
    }
}
