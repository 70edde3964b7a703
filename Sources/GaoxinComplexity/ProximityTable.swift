/// A given product proximity, used for every year instead of the one computed from the data
/// (the reference's `proximity_edgelist`): e.g. a national proximity for a zone's small matrix.
public struct ProximityTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let product1: String
        public let product2: String
        public let proximity: Double
        /// The row the entry came from, for messages.
        public let line: Int

        public init(product1: String, product2: String, proximity: Double, line: Int) {
            self.product1 = product1
            self.product2 = product2
            self.proximity = proximity
            self.line = line
        }
    }

    public let entries: [Entry]

    /// Ordered pairs (including a product with itself) the file does not give.
    public var missingPairs: Int {
        let products = Set(entries.map(\.product1)).count
        return products * products - entries.count
    }

    /// Products without a proximity to themselves.
    public var missingDiagonal: Int {
        Set(entries.map(\.product1)).subtracting(entries.filter { $0.product1 == $0.product2 }.map(\.product1)).count
    }

    /// What the file leaves to be filled in, if anything.
    public var fillNote: ComplexityNote? {
        missingPairs > 0 ? .proximityFilled(missingPairs: missingPairs, missingDiagonal: missingDiagonal) : nil
    }

    /// Refuses a repeated pair (the reference's pivot fails on it) and, as the reference
    /// asserts, different product sets in the first and second column.
    public init(entries: [Entry]) throws {
        var seen: [String: [String: Int]] = [:]
        for entry in entries {
            guard entry.proximity.isFinite else {
                throw ComplexityInputError.notFinite(line: entry.line, column: "proximity", text: "\(entry.proximity)")
            }
            if let first = seen[entry.product1]?[entry.product2] {
                throw ComplexityInputError.duplicatePair(line: entry.line, firstLine: first,
                                                         product1: entry.product1, product2: entry.product2)
            }
            seen[entry.product1, default: [:]][entry.product2] = entry.line
        }
        let first = Set(entries.map(\.product1)), second = Set(entries.map(\.product2))
        guard first == second else {
            throw ComplexityInputError.proximityProductsDiffer(onlyFirst: first.subtracting(second).sorted(),
                                                               onlySecond: second.subtracting(first).sorted())
        }
        self.entries = entries
    }

    /// Reads CSV `prod_1,prod_2,proximity` (also `prod1,prod2`; header required).
    public static func read(csvPath path: String) throws -> ProximityTable {
        let rows = try KeyedValueCSVReader.read(path: path, keys: [["prod_1", "prod1"], ["prod_2", "prod2"]],
                                                value: ["proximity"], positive: false)
        return try ProximityTable(entries: rows.map {
            Entry(product1: $0.keys[0], product2: $0.keys[1], proximity: $0.value, line: $0.line)
        })
    }
}
