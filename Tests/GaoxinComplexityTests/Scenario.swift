import Foundation

/// An input for the reference comparison: rows of `year,loc,prod,val` (values as text, so a
/// scenario can hold exact integers, decimals or deliberately bad text), the options both sides
/// get, and optional side tables.
struct Scenario {
    var name: String
    var rows: [(year: String, location: String, product: String, value: String)] = []
    var options: [String] = []
    var population: [(year: String, location: String, population: Double)]?
    var givenProximity: [(product1: String, product2: String, proximity: Double)]?

    /// Writes the input (and side tables) into `directory`; returns the shared arguments.
    func write(to directory: URL) throws -> [String] {
        var arguments = options
        let input = directory.appendingPathComponent("\(name)-input.csv")
        try (["year,loc,prod,val"] + rows.map { "\($0.year),\($0.location),\($0.product),\($0.value)" })
            .joined(separator: "\n").appending("\n").write(to: input, atomically: true, encoding: .utf8)
        arguments += ["--input", input.path]
        if let population = population {
            let path = directory.appendingPathComponent("\(name)-population.csv")
            try (["year,loc,pop"] + population.map { "\($0.year),\($0.location),\($0.population)" })
                .joined(separator: "\n").appending("\n").write(to: path, atomically: true, encoding: .utf8)
            arguments += ["--population", path.path]
        }
        if let given = givenProximity {
            let path = directory.appendingPathComponent("\(name)-given-proximity.csv")
            try (["prod_1,prod_2,proximity"] + given.map { "\($0.product1),\($0.product2),\($0.proximity)" })
                .joined(separator: "\n").appending("\n").write(to: path, atomically: true, encoding: .utf8)
            arguments += ["--proximity-input", path.path]
        }
        return arguments
    }
}

/// SplitMix64: a small, fixed generator so every run builds the same scenarios.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A log-normal value like trade or output data, with two decimals.
    mutating func tradeValue() -> String {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self), u2 = Double.random(in: 0..<1, using: &self)
        let normal = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        return String(format: "%.2f", Foundation.exp(5 + 2 * normal))
    }
}

enum Scenarios {
    static func codes(_ prefix: String, _ count: Int) -> [String] {
        (1...count).map { "\(prefix)\(String(format: "%03d", $0))" }
    }

    /// Every location × product × year, log-normal values; `presence` < 1 leaves cells out.
    static func random(_ name: String, locations: Int, products: Int, years: [String] = ["2020"],
                       presence: Double = 1, seed: UInt64) -> Scenario {
        var generator = SeededGenerator(seed: seed)
        var scenario = Scenario(name: name)
        for year in years {
            for location in codes("L", locations) {
                for product in codes("P", products) where Double.random(in: 0..<1, using: &generator) < presence {
                    scenario.rows.append((year, location, product, generator.tradeValue()))
                }
            }
        }
        return scenario
    }

    /// Small integers, so every sum is exact and RCA lands exactly on 1 where intended.
    static func integers(_ name: String, locations: [String], products: [String], year: String = "2020",
                         seed: UInt64, range: ClosedRange<Int> = 0...20) -> Scenario {
        var generator = SeededGenerator(seed: seed)
        var scenario = Scenario(name: name)
        for location in locations {
            for product in products {
                scenario.rows.append((year, location, product, "\(Int.random(in: range, using: &generator))"))
            }
        }
        return scenario
    }

    /// Each location strongly specialised in products l and l+1 (so RCA ≥ 2 there and the
    /// network is one chain), every third location also in l+5 (so diversity varies, which the
    /// sign rule needs); small values elsewhere.
    static func specialised(_ name: String, locations: Int, products: Int, seed: UInt64) -> Scenario {
        var generator = SeededGenerator(seed: seed)
        var scenario = Scenario(name: name)
        let productCodes = codes("P", products)
        for (l, location) in codes("L", locations).enumerated() {
            for (p, product) in productCodes.enumerated() {
                let big = p == l % products || p == (l + 1) % products || (l % 3 == 0 && p == (l + 5) % products)
                let value = big ? Int.random(in: 500...1500, using: &generator) : Int.random(in: 1...10, using: &generator)
                scenario.rows.append(("2020", location, product, "\(value)"))
            }
        }
        return scenario
    }

    /// Adds a location whose values are `factor` × each product's total over the others, so its
    /// RCA is exactly 1 everywhere: a tie on the default threshold, and no presence above it.
    static func addProportionalLocation(_ code: String, factor: Int, to scenario: inout Scenario, year: String = "2020") {
        var totals: [String: Int] = [:]
        var order: [String] = []
        for row in scenario.rows where row.year == year {
            if totals[row.product] == nil { order.append(row.product) }
            totals[row.product, default: 0] += Int(row.value) ?? 0
        }
        for product in order { scenario.rows.append((year, code, product, "\(factor * totals[product]!)")) }
    }
}
