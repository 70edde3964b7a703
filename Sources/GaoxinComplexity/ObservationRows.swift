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
        let yearMap = remap(other.years, into: &years)
        let locationMap = remap(other.locations, into: &locations)
        let productMap = remap(other.products, into: &products)
        reserve(count + other.count)
        yearIds.append(contentsOf: other.yearIds.lazy.map { yearMap[Int($0)] })
        locationIds.append(contentsOf: other.locationIds.lazy.map { locationMap[Int($0)] })
        productIds.append(contentsOf: other.productIds.lazy.map { productMap[Int($0)] })
        values.append(contentsOf: other.values)
        lines.append(contentsOf: other.lines)
        coercedCount += other.coercedCount
        if firstCoerced == nil { firstCoerced = other.firstCoerced }
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
