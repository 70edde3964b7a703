/// Population by year and location, for the presence tests `rpop` and `both` (the
/// reference's `pop` argument). Every population must be a finite number > 0.
public struct PopulationTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let year: String
        public let location: String
        public let population: Double
        /// The row the entry came from, for messages.
        public let line: Int

        public init(year: String, location: String, population: Double, line: Int) {
            self.year = year
            self.location = location
            self.population = population
            self.line = line
        }
    }

    private var byYear: [String: [String: Double]] = [:]

    public init(entries: [Entry]) throws {
        var lines: [String: [String: Int]] = [:]
        for entry in entries {
            guard entry.population.isFinite else {
                throw ComplexityInputError.notFinite(line: entry.line, column: "pop", text: "\(entry.population)")
            }
            guard entry.population > 0 else {
                throw ComplexityInputError.notPositive(line: entry.line, column: "pop", text: "\(entry.population)")
            }
            if let first = lines[entry.year]?[entry.location] {
                throw ComplexityInputError.duplicate(line: entry.line, firstLine: first, year: entry.year,
                                                     location: entry.location, product: "pop")
            }
            lines[entry.year, default: [:]][entry.location] = entry.line
            byYear[entry.year, default: [:]][entry.location] = entry.population
        }
    }

    /// Reads CSV `year,loc,pop` (header required).
    public static func read(csvPath path: String) throws -> PopulationTable {
        let rows = try KeyedValueCSVReader.read(path: path, keys: [["year"], ["loc"]], value: ["pop"], positive: true)
        return try PopulationTable(entries: rows.map {
            Entry(year: $0.keys[0], location: $0.keys[1], population: $0.value, line: $0.line)
        })
    }

    /// The populations of `locations` in `year`; every one must be there.
    func populations(year: String, locations: [String]) throws -> [Double] {
        let known = byYear[year] ?? [:]
        return try locations.map { location in
            guard let population = known[location] else {
                throw ComplexityInputError.populationMissing(year: year, location: location)
            }
            return population
        }
    }
}
