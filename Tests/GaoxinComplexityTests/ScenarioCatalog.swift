import Foundation

/// Every scenario compared with the reference. They are all written and run through the
/// reference in one batch the first time a test needs one (importing the package costs about
/// two seconds, paid once instead of per scenario).
enum ScenarioCatalog {
    static let all: [Scenario] = [
        dense, sparse, zeros, ties, years, leadingZeros, wide, longRows, disconnected,
        threshold, noPresence, oneIdle, rpop, both, manualBinary, manualGraded, continuous,
        asymmetric, given, coerce,
    ]

    static let dense = Scenarios.random("dense", locations: 25, products: 18, seed: 1)
    static let sparse = Scenarios.random("sparse", locations: 40, products: 30, presence: 0.35, seed: 2)

    /// A location and a product whose values are all 0.
    static let zeros: Scenario = {
        var scenario = Scenarios.random("zeros", locations: 20, products: 15, seed: 33)
        for product in Scenarios.codes("P", 15) { scenario.rows.append(("2020", "L-zero", product, "0")) }
        for location in Scenarios.codes("L", 20) + ["L-zero"] { scenario.rows.append(("2020", location, "P-zero", "0")) }
        return scenario
    }()

    /// Integer data with RCA exactly 1 (a tie on the threshold), a twin location and a twin product.
    static let ties: Scenario = {
        var scenario = Scenarios.integers("ties", locations: Scenarios.codes("L", 15), products: Scenarios.codes("P", 12), seed: 4)
        scenario.rows += scenario.rows.filter { $0.location == "L001" }.map { ("2020", "L-twin", $0.product, $0.value) }
        scenario.rows += scenario.rows.filter { $0.product == "P001" }.map { ($0.year, $0.location, "P-twin", $0.value) }
        Scenarios.addProportionalLocation("L-mean", factor: 2, to: &scenario)
        return scenario
    }()

    /// Three years, listed out of order, with a location and product missing in one and a
    /// product added in another.
    static let years: Scenario = {
        var scenario = Scenarios.random("years", locations: 18, products: 14, years: ["2021", "2019", "2020"], seed: 5)
        scenario.rows.removeAll { $0.year == "2019" && ($0.location == "L018" || $0.product == "P014") }
        scenario.rows += Scenarios.codes("L", 18).map { ("2021", $0, "P-new", "123.5") }
        return scenario
    }()

    static let leadingZeroLocations = ["0011", "011", "11", "0110", "1100", "00011", "0101", "1010", "0001", "10"]
    static let leadingZeroProducts = ["001", "01", "1", "010", "100", "0010", "0100", "1000"]
    static let leadingZeros = Scenarios.integers("leading-zeros", locations: leadingZeroLocations,
                                                 products: leadingZeroProducts, seed: 6, range: 0...30)

    /// More products than locations: the eigenvector comes from the location side.
    static let wide = Scenarios.random("wide", locations: 12, products: 40, seed: 7)

    /// Rows longer than 128 values exercise numpy's pairwise summation blocks.
    static let longRows: Scenario = {
        var scenario = Scenarios.integers("long", locations: Scenarios.codes("L", 9), products: Scenarios.codes("P", 300),
                                          seed: 8, range: 0...9)
        Scenarios.addProportionalLocation("L-mean", factor: 3, to: &scenario)
        return scenario
    }()

    /// Two separate blocks of locations and products.
    static let disconnected: Scenario = {
        var scenario = Scenarios.integers("parts", locations: Scenarios.codes("A", 10), products: Scenarios.codes("P", 8),
                                          seed: 34, range: 1...30)
        scenario.rows += Scenarios.integers("parts", locations: Scenarios.codes("B", 6), products: Scenarios.codes("Q", 5),
                                            seed: 35, range: 1...30).rows
        return scenario
    }()

    static let threshold = with(Scenarios.random("threshold", locations: 30, products: 20, seed: 11), ["--threshold", "1.3"])

    /// Two locations with no product at RCA ≥ 2.
    static let noPresence: Scenario = {
        var scenario = Scenarios.specialised("no-presence", locations: 14, products: 10, seed: 12)
        Scenarios.addProportionalLocation("L-mean", factor: 1, to: &scenario)
        Scenarios.addProportionalLocation("L-mean2", factor: 2, to: &scenario)
        return with(scenario, ["--threshold", "2"])
    }()

    /// Exactly one location with no product at RCA ≥ 2.
    static let oneIdle: Scenario = {
        var scenario = Scenarios.specialised("one-idle", locations: 14, products: 10, seed: 13)
        Scenarios.addProportionalLocation("L-mean", factor: 1, to: &scenario)
        return with(scenario, ["--threshold", "2"])
    }()

    static let rpop: Scenario = {
        var scenario = Scenarios.random("rpop", locations: 20, products: 15, years: ["2020", "2021"], seed: 14)
        var generator = SeededGenerator(seed: 99)
        scenario.population = ["2020", "2021"].flatMap { year in
            Scenarios.codes("L", 20).map { (year, $0, Double(Int.random(in: 1_000...90_000, using: &generator))) }
        }
        return with(scenario, ["--presence-test", "rpop", "--rpop-threshold", "0.8"])
    }()

    static let both: Scenario = {
        var scenario = with(rpop, ["--presence-test", "both"])
        scenario.name = "both"
        return scenario
    }()

    static let manualBinary = with(Scenarios.integers("manual-binary", locations: Scenarios.codes("L", 16),
                                                      products: Scenarios.codes("P", 12), seed: 15, range: 0...1),
                                   ["--presence-test", "manual"])

    static let manualGraded: Scenario = {
        var scenario = Scenarios.random("manual-graded", locations: 16, products: 12, seed: 16)
        scenario.rows = scenario.rows.map { ($0.year, $0.location, $0.product, String(format: "%.3f", Double($0.value)! / 500)) }
        return with(scenario, ["--presence-test", "manual"])
    }()

    static let continuous = with(Scenarios.random("continuous", locations: 22, products: 14, seed: 17), ["--continuous"])
    static let asymmetric = with(Scenarios.random("asymmetric", locations: 22, products: 14, seed: 18), ["--asymmetric"])

    /// A given proximity that leaves pairs and a product out: gaps become 0, the diagonal 1.
    static let given: Scenario = {
        var scenario = Scenarios.random("given", locations: 20, products: 10, seed: 19)
        var generator = SeededGenerator(seed: 20)
        let products = Scenarios.codes("P", 9)  // P010 is absent from the table
        var table: [(String, String, Double)] = []
        for (i, p) in products.enumerated() {
            for q in products[i...] where Double.random(in: 0..<1, using: &generator) < 0.7 || p == q {
                let value = p == q ? 1 : Double(Int.random(in: 1...99, using: &generator)) / 100
                table.append((p, q, value))
                if p != q { table.append((q, p, value)) }
            }
        }
        scenario.givenProximity = table
        return scenario
    }()

    /// Missing values ("n/a", empty) and a repeated row, under `--coerce`. (Only text pandas
    /// reads as NaN: with other text the package fails when merging its results back.)
    static let coerce: Scenario = {
        var scenario = Scenarios.random("coerce", locations: 15, products: 10, seed: 21)
        scenario.rows[3].value = "n/a"
        scenario.rows[17].value = ""
        scenario.rows.append(scenario.rows[5])
        scenario.rows[scenario.rows.count - 1].value = "999999"
        return with(scenario, ["--coerce"])
    }()

    private static func with(_ scenario: Scenario, _ options: [String]) -> Scenario {
        var scenario = scenario
        scenario.options = options
        return scenario
    }
}
