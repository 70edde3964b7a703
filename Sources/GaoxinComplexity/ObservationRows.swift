/// The rows of a `year,loc,prod,val` table before validation, column by column, with the
/// codes interned: the compact form nine million rows can be held in (20 bytes a row).
struct ObservationRows {
    var years = ByteInterner(expectedCount: 16)
    var locations = ByteInterner(expectedCount: 4096)
    var products = ByteInterner(expectedCount: 4096)
    var yearIds: [Int32] = []
    var locationIds: [Int32] = []
    var productIds: [Int32] = []
    var values: [Double] = []
    var lines: [Int32] = []
    /// Values the coerce policy turned into 0: how many, and the first.
    var coercedCount = 0
    var firstCoerced: (line: Int, text: String)?

    /// The previous row's codes, tried first when interning the next row's.
    var recentYear: Int32 = -1, recentLocation: Int32 = -1, recentProduct: Int32 = -1

    var count: Int { values.count }

    mutating func reserve(_ capacity: Int) {
        yearIds.reserveCapacity(capacity); locationIds.reserveCapacity(capacity)
        productIds.reserveCapacity(capacity); values.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
    }

    /// Appends the rows of `other` (read from a later part of the same file), re-interning its
    /// codes: the parallel reader parses parts of a file into separate `ObservationRows`.
    mutating func absorb(_ other: ObservationRows) {
        func remap(_ interner: ByteInterner, into target: inout ByteInterner) -> [Int32] {
            (0..<interner.count).map { id in interner.withBytes(of: id) { target.intern($0).id } }
        }
        Self.append(other.yearIds, mappedBy: remap(other.years, into: &years), to: &yearIds)
        Self.append(other.locationIds, mappedBy: remap(other.locations, into: &locations), to: &locationIds)
        Self.append(other.productIds, mappedBy: remap(other.products, into: &products), to: &productIds)
        values.append(contentsOf: other.values)
        lines.append(contentsOf: other.lines)
        coercedCount += other.coercedCount
        if firstCoerced == nil { firstCoerced = other.firstCoerced }
    }

    private static func append(_ ids: [Int32], mappedBy map: [Int32], to target: inout [Int32]) {
        let start = target.count
        target.append(contentsOf: repeatElement(0, count: ids.count))
        ids.withUnsafeBufferPointer { source in
            map.withUnsafeBufferPointer { map in
                target.withUnsafeMutableBufferPointer { target in
                    for i in 0..<source.count { target[start + i] = map[Int(source[i])] }
                }
            }
        }
    }

    /// Adds one row whose codes are already interned and whose value is already validated.
    mutating func append(year: Int32, location: Int32, product: Int32, value: Double, line: Int) {
        yearIds.append(year); locationIds.append(location); productIds.append(product)
        values.append(value); lines.append(Int32(clamping: line))
    }

    /// The value of a `val` field under `policy`: a finite number ≥ 0, or under `.coerce` a 0
    /// for a non-numeric or empty field (the reference's `pd.to_numeric(errors="coerce")`
    /// followed by `fillna(0)`).
    mutating func checkedValue(_ result: DecimalParser.Result, text: () -> String, line: Int, column: String,
                               policy: InputPolicy) throws -> Double {
        switch result {
        case .number(let value):
            if value < 0 { throw ComplexityInputError.negative(line: line, column: column, text: text()) }
            return value
        case .empty:
            guard policy == .coerce else { throw ComplexityInputError.emptyValue(line: line, column: column) }
        case .notFinite:
            // The reference would carry an infinity into RCA; Gaoxin refuses under both policies.
            let written = text().lowercased()
            if policy == .coerce && written.contains("nan") { break }
            throw ComplexityInputError.notFinite(line: line, column: column, text: text())
        case .notNumber:
            guard policy == .coerce else { throw ComplexityInputError.nonNumeric(line: line, column: column, text: text()) }
        }
        coercedCount += 1
        if firstCoerced == nil { firstCoerced = (line, text()) }
        return 0
    }
}
