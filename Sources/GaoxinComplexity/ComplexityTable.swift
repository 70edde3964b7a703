/// Validated input for the complexity computation: per year, the dense matrix of values over
/// every location and product that appear in that year.
public struct ComplexityTable: Sendable {
    /// Years in order: numerically when every year is an integer, otherwise by their bytes.
    public let years: [YearInput]
    /// What the coerce policy repaired (nothing under the strict policy).
    public let notes: [ComplexityNote]

    /// The most cells one year's matrix may have (locations × products): 50 million cells are
    /// 400 MB per matrix, and the computation holds about six of them.
    public static let maxCellsPerYear = 50_000_000
}

/// One year of validated input.
public struct YearInput: Sendable {
    public let year: String
    /// Every location with a row in this year, in the reference's order (by code point).
    public let locations: [String]
    /// Every product with a row in this year, in the reference's order (by code point).
    public let products: [String]
    /// locations × products; a cell without a row is 0, as the reference fills it.
    public let values: DenseMatrix
    /// The line of the year's first row, and of each location's and product's first row, so
    /// that later errors can name a row.
    public let firstLine: Int
    public let locationLines: [Int]
    public let productLines: [Int]

    /// Internal: every `YearInput` comes through the validation of `ComplexityTableBuilder` or
    /// `ComplexityTable.read`, so the computation can trust its values (finite, ≥ 0, no duplicates).
    init(year: String, locations: [String], products: [String], values: DenseMatrix,
         firstLine: Int, locationLines: [Int], productLines: [Int]) {
        self.year = year
        self.locations = locations
        self.products = products
        self.values = values
        self.firstLine = firstLine
        self.locationLines = locationLines
        self.productLines = productLines
    }
}

extension ComplexityTable {
    /// Reads and validates a `year,loc,prod,val` CSV file (see `ObservationCSVReader`).
    public static func read(csvPath path: String, policy: InputPolicy = .strict) throws -> ComplexityTable {
        try ComplexityTableAssembler(policy: policy).assemble(ObservationCSVReader.read(path: path, policy: policy))
    }
}

/// Builds a `ComplexityTable` from rows a caller already holds (an uploaded sheet, the zone's
/// own enterprise data), with the same validation as the CSV reader. `line` is whatever row
/// number the caller's user will recognise (a sheet's row, an import's line).
public struct ComplexityTableBuilder {
    private var rows = ObservationRows()
    public let policy: InputPolicy

    public init(policy: InputPolicy = .strict) {
        self.policy = policy
    }

    /// Adds a row with a number already in hand.
    public mutating func append(year: String, location: String, product: String, value: Double, line: Int) throws {
        let result: DecimalParser.Result = value.isFinite ? .number(value) : (value.isNaN && policy == .coerce ? .notNumber : .notFinite)
        try appendChecked(year: year, location: location, product: product, result: result, text: "\(value)", line: line)
    }

    /// Adds a row whose value is still text (from a sheet cell): checked like the CSV reader.
    public mutating func append(year: String, location: String, product: String, valueText: String, line: Int) throws {
        var text = valueText
        let result = text.withUTF8 { DecimalParser.parse(UnsafeRawBufferPointer($0)) }
        try appendChecked(year: year, location: location, product: product, result: result, text: valueText, line: line)
    }

    public func build() throws -> ComplexityTable {
        try ComplexityTableAssembler(policy: policy).assemble(rows)
    }

    private mutating func appendChecked(year: String, location: String, product: String,
                                        result: DecimalParser.Result, text: String, line: Int) throws {
        let codes = [("year", year), ("loc", location), ("prod", product)]
        for (column, code) in codes where code.isEmpty {
            throw ComplexityInputError.emptyCode(line: line, column: column)
        }
        let value = try rows.checkedValue(result, text: { text }, line: line, column: "val", policy: policy)
        let ids = (rows.years.intern(year), rows.locations.intern(location), rows.products.intern(product))
        rows.append(year: ids.0, location: ids.1, product: ids.2, value: value, line: line)
    }
}
