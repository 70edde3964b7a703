/// Reads the side tables of the complexity command (population, a given proximity): a header
/// naming some code columns and one number column, one row per line. Small files, so each row
/// becomes strings; the byte-level scanner is reused for its CSV handling, not for speed.
enum KeyedValueCSVReader {
    struct Row {
        let keys: [String]
        let value: Double
        let line: Int
    }

    /// `keys` and `value` list the accepted names of each column, the first being the one
    /// shown in messages. Values must be finite numbers ≥ 0 (strictly > 0 if `positive`).
    static func read(path: String, keys: [[String]], value: [String], positive: Bool) throws -> [Row] {
        var rows: [Row] = []
        var positions: HeaderPositions?
        var scratch = ObservationRows()
        try CSVFileScanner(path: path).scan { record in
            guard let columns = positions else {
                positions = try HeaderPositions(record, expected: keys + [value])
                return
            }
            let line = record.line
            guard record.fieldCount == columns.fieldCount else {
                throw ComplexityInputError.fieldCount(line: line, expected: columns.fieldCount, found: record.fieldCount)
            }
            var codes: [String] = []
            for k in keys.indices {
                let field = record[columns[k]]
                guard field.count > 0 else { throw ComplexityInputError.emptyCode(line: line, column: keys[k][0]) }
                guard let code = String(validating: field, as: UTF8.self) else { throw ComplexityInputError.notUTF8(line: line) }
                codes.append(code)
            }
            let field = record[columns[keys.count]]
            let text = String(decoding: field, as: UTF8.self)
            let number = try scratch.checkedValue(DecimalParser.parse(field), text: { text }, line: line,
                                                  column: value[0], policy: .strict)
            if positive && number == 0 {
                throw ComplexityInputError.notPositive(line: line, column: value[0], text: text)
            }
            rows.append(Row(keys: codes, value: number, line: line))
        }
        guard positions != nil else { throw ComplexityInputError.missingHeader }
        return rows
    }
}
