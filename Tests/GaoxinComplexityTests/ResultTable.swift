import Foundation
import XCTest

/// A result CSV (ours or the reference's) keyed by its code columns, for comparison.
struct ResultTable {
    let columns: [String]
    private(set) var rows: [String: [Double]] = [:]
    private(set) var order: [String] = []

    /// `keyCount` leading columns form the key (year,loc,prod or year,prod_1,prod_2); an empty
    /// field is NaN, as pandas writes it.
    init(path: String, keyCount: Int) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        columns = Array(header.dropFirst(keyCount))
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            precondition(fields.count == header.count, "bad row in \(path): \(line)")
            let key = fields[..<keyCount].joined(separator: "|")
            rows[key] = fields[keyCount...].map { $0.isEmpty ? .nan : Double($0)! }
            order.append(key)
        }
    }

    func value(_ key: String, _ column: String) -> Double? {
        guard let index = columns.firstIndex(of: column), let row = rows[key] else { return nil }
        return row[index]
    }

    /// Every reference row must be in `ours` with every column equal within `tolerance`
    /// (relative for large values) and NaN exactly where the reference has NaN. Rows only in
    /// `ours` must be all-NaN (the full grid includes dropped locations and products, which the
    /// reference lists only where the input had a row).
    static func assertMatches(ours: ResultTable, reference: ResultTable, tolerance: Double = 1e-6, ignoring: Set<String> = [],
                              context: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(ours.columns), Set(reference.columns), "\(context): columns", file: file, line: line)
        var failures = 0
        for key in reference.order {
            guard let mine = ours.rows[key] else {
                XCTFail("\(context): row \(key) missing from ours", file: file, line: line)
                failures += 1
                if failures > 10 { return } else { continue }
            }
            for (index, column) in reference.columns.enumerated() where !ignoring.contains(column) {
                let expected = reference.rows[key]![index]
                let actual = mine[ours.columns.firstIndex(of: column)!]
                if expected.isNaN || actual.isNaN {
                    if expected.isNaN != actual.isNaN {
                        XCTFail("\(context): \(key) \(column): ours \(actual), reference \(expected)", file: file, line: line)
                        failures += 1
                    }
                } else if abs(actual - expected) > tolerance * max(1, abs(expected)) {
                    XCTFail("\(context): \(key) \(column): ours \(actual), reference \(expected)", file: file, line: line)
                    failures += 1
                }
                if failures > 10 { return }
            }
        }
        for key in ours.order where reference.rows[key] == nil {
            if ours.rows[key]!.contains(where: { !$0.isNaN }) {
                XCTFail("\(context): row \(key) only in ours but not empty", file: file, line: line)
                return
            }
        }
    }
}
