import Foundation
import SQLKit
@testable import GaoxinApp
import GaoxinDomain
import XCTVapor
import XCTest

/// `gaoxin bench search` times the enterprise list's search for terms of 1–4 characters cut from
/// the names in the database (and a few that match nothing), beside the bare substring scan, and
/// names each length's slowest terms so a tail can be looked into.
final class SearchBenchTests: XCTestCase {
    func testTheSearchBenchTimesEveryLengthAndNamesTheSlowestTerms() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (serial, name) in ["无锡华润微电子有限公司", "常州恒泰光电有限公司", "中誉精密制造有限公司"].enumerated() {
                _ = try await api.createEnterprise(name, code: USCC.numbered(8_900 + serial), unit: fixtures.zone)
            }
            let sql = app.db as! any SQLDatabase
            let names = try await sql.raw("SELECT name FROM enterprises").all().map { try $0.decode(column: "name", as: String.self) }
            let run = try CLITests.gaoxin(["bench", "search", "--terms", "4", "--baseline-every", "2"], databaseURL: app.gaoxinConfig.databaseURL)
            XCTAssertEqual(run.status, 0, run.output)
            for length in 1...4 {
                guard let line = run.output.split(separator: "\n").first(where: { $0.hasPrefix("\(length) 个字：") }) else {
                    return XCTFail("no line for \(length) characters: \(run.output)")
                }
                // The slowest three, each a term of that length (from a name, or one that matches nothing) and its time.
                let slowest = line.components(separatedBy: "最慢：").last!.components(separatedBy: "、")
                XCTAssertEqual(slowest.count, 3, String(line))
                for entry in slowest {
                    let parts = entry.split(separator: " ")
                    XCTAssertEqual(parts.count, 3, entry)
                    XCTAssertEqual(parts.first?.count, length, entry)
                    XCTAssertTrue(names.contains { $0.contains(parts[0]) } || ["量子纠缠", "深空探测", "鲲", "龘龘"].contains(String(parts[0])), entry)
                    XCTAssertNotNil(Double(parts[1]), entry)
                }
                XCTAssertTrue(run.output.contains("| \(length) 个字（"), run.output)
            }
            XCTAssertTrue(run.output.contains("\(app.engine.rawValue), \(names.count) enterprises"), run.output)
        }
    }
}
