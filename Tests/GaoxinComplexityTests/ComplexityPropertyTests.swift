import XCTest
@testable import GaoxinComplexity

/// Properties that hold for any well-formed input, checked without the reference.
final class ComplexityPropertyTests: XCTestCase {
    private func compute(_ scenario: Scenario, options: ComplexityOptions = ComplexityOptions()) throws -> [ComplexityYearResult] {
        var builder = ComplexityTableBuilder()
        for (index, row) in scenario.rows.enumerated() {
            try builder.append(year: row.year, location: row.location, product: row.product, valueText: row.value, line: index + 2)
        }
        return try EconomicComplexity.compute(builder.build(), options: options)
    }

    func testECIIsStandardisedAndSignedByDiversity() throws {
        for seed in UInt64(40)..<UInt64(46) {
            let result = try XCTUnwrap(compute(Scenarios.random("p\(seed)", locations: 30, products: 20, seed: seed)).first)
            XCTAssertEqual(NumpyReductions.mean(result.eci), 0, accuracy: 1e-12)
            XCTAssertEqual(NumpyReductions.standardDeviation(result.eci), 1, accuracy: 1e-12)
            XCTAssertEqual(ComplexityIndices.correlationSign(result.diversity, result.eci), 1, "ECI rises with diversity")
        }
    }

    /// Standardising PCI with ECI's mean and deviation keeps ECI the mean PCI of the location's
    /// products (for binary M): the reason the reference standardises that way.
    func testECIIsMeanPCIOfPresentProducts() throws {
        let result = try XCTUnwrap(compute(Scenarios.random("mean", locations: 25, products: 15, seed: 47)).first)
        for c in result.locations.indices {
            let present = result.products.indices.filter { result.mcp[c, $0] == 1 }
            let meanPCI = present.map { result.pci[$0] }.reduce(0, +) / Double(present.count)
            XCTAssertEqual(result.eci[c], meanPCI, accuracy: 1e-9)
        }
    }

    func testProximityIsSymmetricWithUnitDiagonalAndDensityInUnitInterval() throws {
        let result = try XCTUnwrap(compute(Scenarios.random("prox", locations: 30, products: 20, presence: 0.6, seed: 48)).first)
        let n = result.products.count
        for p in 0..<n {
            XCTAssertEqual(result.proximity[p, p], 1)
            for q in 0..<n {
                XCTAssertEqual(result.proximity[p, q], result.proximity[q, p])
                XCTAssertTrue((0...1).contains(result.proximity[p, q]))
            }
        }
        XCTAssertTrue(result.density.storage.allSatisfy { $0 >= -1e-15 && $0 <= 1 + 1e-15 })
    }

    func testCOGIsZeroWherePresentAndFullGridIsCovered() throws {
        var scenario = Scenarios.random("grid", locations: 12, products: 9, presence: 0.5, seed: 49)
        scenario.rows.append(("2020", "L-zero", "P001", "0"))
        let result = try XCTUnwrap(compute(scenario).first)
        for c in result.locations.indices {
            for p in result.products.indices where result.mcp[c, p] == 1 { XCTAssertEqual(result.cog[c, p], 0) }
        }
        XCTAssertEqual(result.gridLocations.count, result.locations.count + 1)
        XCTAssertNil(result.locationIndex("L-zero"))
        XCTAssertTrue(ComplexityColumn.allCases.allSatisfy { $0.value(in: result, location: nil, product: 0).isNaN })
    }

    /// The computation does not depend on the order of the rows.
    func testRowOrderDoesNotMatter() throws {
        let scenario = Scenarios.random("order", locations: 15, products: 12, seed: 50)
        var shuffled = scenario
        var generator = SeededGenerator(seed: 51)
        shuffled.rows.shuffle(using: &generator)
        let a = try XCTUnwrap(compute(scenario).first), b = try XCTUnwrap(compute(shuffled).first)
        XCTAssertEqual(a.rca, b.rca)
        XCTAssertEqual(a.mcp, b.mcp)
        for (x, y) in zip(a.eci, b.eci) { XCTAssertEqual(x, y, accuracy: 1e-12) }
    }

    func testIEEEProductKeepsNaNAndInfinity() {
        let a = DenseMatrix(rows: 2, columns: 2, storage: [0, 1, 2, 0])
        let b = DenseMatrix(rows: 2, columns: 3, storage: [.nan, 1, .infinity, 3, 4, 5])
        let product = LinearAlgebra.multiply(a, b)
        XCTAssertTrue(product[0, 0].isNaN && product[1, 0].isNaN, "0·NaN is NaN")
        XCTAssertEqual(product[0, 1], 4)
        XCTAssertEqual(product[1, 1], 2)
        XCTAssertTrue(product[0, 2].isNaN, "0·∞ is NaN")
        XCTAssertEqual(product[1, 2], .infinity)
    }

    /// numpy's order: ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) then the rest, not left to right.
    /// (np.sum([1e16] + [1.0] * 8) is 1.0000000000000008e16; a left-to-right sum stays 1e16.)
    func testPairwiseSumUsesNumpyOrder() {
        let values: [Double] = [1e16] + [Double](repeating: 1, count: 8)
        XCTAssertEqual(NumpyReductions.sum(values), 10_000_000_000_000_008)
        XCTAssertEqual(values.reduce(0, +), 10_000_000_000_000_000)
    }
}
