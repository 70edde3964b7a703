/// A code as a CSV field: as is, or quoted (with quotes doubled) when it holds a comma, a quote
/// or a line break, so that a product named "Machinery, electrical" stays one column.
enum CSVField {
    static func text(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
