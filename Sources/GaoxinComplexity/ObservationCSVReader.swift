import Dispatch
import Glibc

/// Reads the command's input, CSV `year,loc,prod,val` (header required, columns in any order,
/// extra columns ignored), into `ObservationRows`. Codes are kept as text, byte for byte, so
/// `0011` stays `0011`; the value must be a finite number ≥ 0 (see `InputPolicy`).
///
/// A large file without quotes is read whole and parsed on all cores, each core a range of
/// whole lines; anything else is streamed through one core (a quoted field may hide a line
/// break, so the file cannot be cut at any line break).
enum ObservationCSVReader {
    static let columns = ["year", "loc", "prod", "val"]
    static let parallelThreshold = 16 << 20

    static func read(path: String, policy: InputPolicy) throws -> ObservationRows {
        var status = stat()
        let workers = System.activeProcessorCount
        if stat(path, &status) == 0, Int(status.st_size) >= parallelThreshold, workers > 1,
           let rows = try ParallelObservationReader(path: path, size: Int(status.st_size), workers: workers).read(policy: policy) {
            return rows
        }
        return try readStreaming(path: path, policy: policy)
    }

    static func readStreaming(path: String, policy: InputPolicy) throws -> ObservationRows {
        var rows = ObservationRows()
        var positions: HeaderPositions?
        try CSVFileScanner(path: path).scan { record in
            guard let columns = positions else {
                positions = try HeaderPositions(record, expected: Self.columns.map { [$0] })
                return
            }
            try Self.append(record, columns, to: &rows, policy: policy)
        }
        guard positions != nil else { throw ComplexityInputError.missingHeader }
        return rows
    }

    static func append(_ record: CSVRecord, _ columns: HeaderPositions, to rows: inout ObservationRows,
                       policy: InputPolicy) throws {
        let line = record.line
        guard record.fieldCount == columns.fieldCount else {
            throw ComplexityInputError.fieldCount(line: line, expected: columns.fieldCount, found: record.fieldCount)
        }
        let year = try intern(record[columns[0]], into: &rows.years, hint: rows.recentYear, line: line, column: "year", policy: policy)
        let location = try intern(record[columns[1]], into: &rows.locations, hint: rows.recentLocation, line: line, column: "loc", policy: policy)
        let product = try intern(record[columns[2]], into: &rows.products, hint: rows.recentProduct, line: line, column: "prod", policy: policy)
        rows.recentYear = year; rows.recentLocation = location; rows.recentProduct = product
        let valueField = record[columns[3]]
        let value = try rows.checkedValue(
            DecimalParser.parse(valueField), text: { String(decoding: valueField, as: UTF8.self) },
            line: line, column: "val", policy: policy)
        rows.append(year: year, location: location, product: product, value: value, line: line)
    }

    /// Interns one code field; a new code is checked once for valid UTF-8 and, under the strict
    /// policy, for spaces around it (" 0011" would silently be a location of its own).
    static func intern(_ field: UnsafeRawBufferPointer, into interner: inout ByteInterner, hint: Int32, line: Int,
                       column: String, policy: InputPolicy) throws -> Int32 {
        guard field.count > 0 else { throw ComplexityInputError.emptyCode(line: line, column: column) }
        let (id, isNew) = interner.intern(field, hint: hint)
        if isNew {
            guard let text = String(validating: field, as: UTF8.self) else { throw ComplexityInputError.notUTF8(line: line) }
            if policy == .strict, let first = field.first, let last = field.last,
               first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
                throw ComplexityInputError.paddedCode(line: line, column: column, text: text)
            }
        }
        return id
    }
}
