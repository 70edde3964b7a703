import Foundation
import XCTest
@testable import GaoxinComplexity

/// Runs one scenario through the reference, through `ComplexityCLI.run` and through the Swift
/// API, and compares every column of every row (1e-6, NaN where the reference has NaN).
enum ReferenceComparison {
    @discardableResult
    static func check(_ scenario: Scenario, compareProximity: Bool = true, ignoring: Set<String> = [],
                      file: StaticString = #filePath, line: UInt = #line) throws -> [ComplexityYearResult] {
        try ReferenceHarness.requireReference(file: file, line: line)
        let shared: [String]
        do {
            guard let words = try ReferenceBatch.arguments.get()[scenario.name] else {
                XCTFail("\(scenario.name) is not in ScenarioCatalog.all", file: file, line: line)
                return []
            }
            shared = words
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return []
        }
        let ours = ReferenceBatch.path(scenario, "ours"), oursProximity = ReferenceBatch.path(scenario, "ours-proximity")
        let status = ComplexityCLI.run(arguments: shared + ["--output", ours, "--proximity", oursProximity, "--quiet"])
        XCTAssertEqual(status, 0, "\(scenario.name): CLI exit code", file: file, line: line)

        let reference = try ResultTable(path: ReferenceBatch.path(scenario, "reference"), keyCount: 3)
        ResultTable.assertMatches(ours: try ResultTable(path: ours, keyCount: 3), reference: reference, ignoring: ignoring,
                                  context: "\(scenario.name) CLI", file: file, line: line)
        if compareProximity {
            ResultTable.assertMatches(ours: try ResultTable(path: oursProximity, keyCount: 3),
                                      reference: try ResultTable(path: ReferenceBatch.path(scenario, "reference-proximity"), keyCount: 3),
                                      context: "\(scenario.name) proximity", file: file, line: line)
        }

        // The same numbers through the Swift API the web page will call.
        let options = try apiOptions(shared)
        let policy: InputPolicy = shared.contains("--coerce") ? .coerce : .strict
        let table = try ComplexityTable.read(csvPath: value(after: "--input", in: shared)!, policy: policy)
        let results = try EconomicComplexity.compute(table, options: options)
        compareAPI(results, with: reference, ignoring: ignoring, context: "\(scenario.name) API", file: file, line: line)
        return results
    }

    static func compareAPI(_ results: [ComplexityYearResult], with reference: ResultTable, ignoring: Set<String>,
                           context: String, file: StaticString, line: UInt) {
        var failures = 0
        for result in results {
            for location in result.gridLocations {
                for product in result.gridProducts {
                    let key = "\(result.year)|\(location.code)|\(product.code)"
                    for column in ComplexityColumn.allCases where !ignoring.contains(column.rawValue) {
                        let actual = column.value(in: result, location: location.index, product: product.index)
                        guard let expected = reference.value(key, column.rawValue) else {
                            if !actual.isNaN { XCTFail("\(context): \(key) only in ours, \(column) = \(actual)", file: file, line: line) }
                            continue
                        }
                        let same = expected.isNaN ? actual.isNaN
                            : abs(actual - expected) <= 1e-6 * max(1, abs(expected))
                        if !same {
                            XCTFail("\(context): \(key) \(column): ours \(actual), reference \(expected)", file: file, line: line)
                            failures += 1
                            if failures > 10 { return }
                        }
                    }
                }
            }
        }
    }

    /// The options the CLI would build from the same words.
    static func apiOptions(_ words: [String]) throws -> ComplexityOptions {
        let parsed = try ComplexityCLIArguments.parse(words + ["--output", "unused"])
        var options = ComplexityOptions(presenceTest: parsed.presenceTest, rcaThreshold: parsed.rcaThreshold,
                                        rpopThreshold: parsed.rpopThreshold, continuous: parsed.continuous,
                                        asymmetric: parsed.asymmetric)
        if let path = parsed.population { options.population = try PopulationTable.read(csvPath: path) }
        if let path = parsed.proximityInput { options.proximityOverride = try ProximityTable.read(csvPath: path) }
        return options
    }

    static func value(after option: String, in words: [String]) -> String? {
        words.firstIndex(of: option).map { words[$0 + 1] }
    }
}
