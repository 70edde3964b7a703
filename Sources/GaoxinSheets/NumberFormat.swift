/// Decides whether a cell's number format shows a date, which is the only way an xlsx file
/// says that a number is a date.
enum NumberFormat {
    /// Built-in formats (ECMA-376 §18.8.30) that show a calendar date: 14–17 (d/m/y
    /// variants) and 22 (date and time). 18–21 and 45–47 are times of day or durations:
    /// read as dates they would all become 1899-12-30, so they stay numbers.
    /// 27–31, 36, 50–54, 57, 58 are the East Asian built-ins that Excel and WPS on Chinese
    /// systems use without declaring them (e.g. 31 = yyyy"年"m"月"d"日", 28 = m"月"d"日");
    /// the ones in those ranges that show times (32–35, 55, 56) are left out.
    static let builtInDateIds: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]

    /// Whether the format with this id shows a date: by its code when the workbook declares
    /// one (a declaration overrides the built-in meaning), else by the built-in table.
    static func isDate(id: Int, declaredCodes: [Int: String]) -> Bool {
        if let code = declaredCodes[id] { return isDate(code: code) }
        return builtInDateIds.contains(id)
    }

    /// A format code shows a date when its first section has a year, month or day part once
    /// literal text ("..."), escaped characters (\x, _x, *x) and bracketed parts ([Red],
    /// [$-804], [h]) are set aside. "m" alone is a month unless it stands next to an hour or
    /// second ("h:mm", "mm:ss"), which makes it minutes; formats with only h/m/s are times.
    static func isDate(code: String) -> Bool {
        var letters: [Character] = []
        var iterator = code.makeIterator()
        var inQuotes = false
        var inBrackets = false
        while let char = iterator.next() {
            if inQuotes {
                if char == "\"" { inQuotes = false }
                continue
            }
            if inBrackets {
                if char == "]" { inBrackets = false }
                continue
            }
            switch char {
            case "\"": inQuotes = true
            case "[": inBrackets = true
            case "\\", "_", "*": _ = iterator.next()
            case ";": return classify(letters)
            default: letters.append(Character(char.lowercased()))
            }
        }
        return classify(letters)
    }

    private static func classify(_ letters: [Character]) -> Bool {
        if letters.contains("y") || letters.contains("d") { return true }
        guard letters.contains("m") else { return false }
        return !letters.contains("h") && !letters.contains("s")
    }
}
