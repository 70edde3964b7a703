import Foundation
import XCTest
@testable import GaoxinComplexity

/// Codes are whatever the input's quoted fields held; the outputs quote them back so every row
/// keeps its columns.
final class OutputQuotingTests: XCTestCase {
    /// RFC 4180 fields of one line (the test's own reader, independent of the product's).
    private func fields(_ line: Substring) -> [String] {
        var fields: [String] = [], current = "", quoted = false, previous: Character = " "
        for character in line {
            if quoted {
                if character == "\"" { quoted = false } else { current.append(character) }
            } else if character == "\"" {
                if previous == "\"" { current.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(current); current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        fields.append(current)
        return fields
    }

    func testCodesWithCommasAndQuotesStayOneField() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-quoting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv")
        let machinery = "Machinery, electrical", quoted = #"A "x""#
        let lines = [
            "year,loc,prod,val",
            #"2020,0011,"Machinery, electrical",10"#, #"2020,0011,"A ""x""",1"#, "2020,0011,z,3",
            #"2020,"00,44","Machinery, electrical",2"#, #"2020,"00,44","A ""x""",9"#, #"2020,"00,44",z,4"#,
            #"2020,C,"Machinery, electrical",1"#, #"2020,C,"A ""x""",3"#, "2020,C,z,12",
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
        let output = directory.appendingPathComponent("out.csv").path, proximity = directory.appendingPathComponent("prox.csv").path
        var errors = ""
        let status = ComplexityCLI.run(arguments: ["--input", input.path, "--output", output, "--proximity", proximity, "--quiet"]) { errors += $0 }
        XCTAssertEqual(status, 0, errors)

        let grid = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(grid.count, 1 + 9)
        let rows = grid.dropFirst().map(fields)
        XCTAssertTrue(rows.allSatisfy { $0.count == 12 }, "every row has the header's 12 columns: \(grid)")
        XCTAssertEqual(Set(rows.map { $0[1] }), ["0011", "00,44", "C"])
        XCTAssertEqual(Set(rows.map { $0[2] }), [machinery, quoted, "z"])

        let pairs = try String(contentsOfFile: proximity, encoding: .utf8).split(separator: "\n").dropFirst().map(fields)
        XCTAssertEqual(pairs.count, 9)
        XCTAssertTrue(pairs.allSatisfy { $0.count == 4 }, "\(pairs)")
        XCTAssertTrue(pairs.contains { $0[1] == machinery && $0[2] == quoted })
    }

    /// ECI uncorrelated with diversity: the sign rule cannot decide, so the values are given as
    /// computed (the reference's up to sign) with a note, never left empty without a word.
    func testAnArbitrarySignIsSaidAndTheValuesKept() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-sign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv"), output = directory.appendingPathComponent("out.csv").path
        let lines = ["year,loc,prod,val", "2020,L0,P1,2", "2020,L1,P0,3", "2020,L1,P1,1", "2020,L1,P2,2", "2020,L2,P0,3",
                     "2020,L2,P1,3", "2020,L2,P2,1", "2020,L3,P1,1", "2020,L3,P2,3"]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: input)
        var notes = ""
        XCTAssertEqual(ComplexityCLI.run(arguments: ["--input", input.path, "--output", output]) { notes += $0 }, 0, notes)
        XCTAssertTrue(notes.contains("符号无从确定"), notes)
        XCTAssertTrue(notes.contains("its sign is arbitrary"), notes)
        let rows = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").dropFirst().map(fields)
        var eciByLocation: [String: Double] = [:]
        for row in rows { eciByLocation[row[1]] = Double(row[7]) }
        let eci = try ["L0", "L1", "L2", "L3"].map { try XCTUnwrap(eciByLocation[$0], "ECI of \($0) is a number") }
        // The reference (ecomplexity 0.5.3) gives 1.2649, -0.6325, 0.6325, -1.2649 for L0…L3; the sign is noise.
        for (value, expected) in zip(eci.map(abs), [1.2649110640673518, 0.6324555320336758, 0.6324555320336758, 1.2649110640673518]) {
            XCTAssertEqual(value, expected, accuracy: 1e-9)
        }
        XCTAssertEqual(eci[0], -eci[3], accuracy: 1e-12)
        XCTAssertEqual(eci.reduce(0, +), 0, accuracy: 1e-12)
    }
}
