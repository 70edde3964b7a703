import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A register declared after its table existed is filed in the search postings by its migration
/// (`SearchIndex.fileExisting`): rows written before the upgrade are found like rows written after.
final class DeclaredRegisterMigrationTests: XCTestCase {
    func testTheMigrationsFileTheRowsThatExistedBeforeTheDeclaration() async throws {
        try await withApp { app, fixtures in
            let sql = app.db as! any SQLDatabase
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            func found(_ path: String, _ query: String, _ key: String) async throws -> Set<String> {
                let response = try await admin.send(.GET, path + "?per=200&q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                XCTAssertEqual(response.status, .ok, response.text)
                return Set((try admin.object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0[key] as? String })
            }
            let migrations: [(table: String, migration: any AsyncMigration, path: String, query: String, key: String, expected: Set<String>)] = [
                ("users", M0059_UpdateUsersDeclared(), Site.API.users, "测试", "username", Set(Role.allCases.map(Fixtures.username))),
                ("users", M0059_UpdateUsersDeclared(), Site.API.users, "t-aud", "username", ["t-auditor"]),
                ("units", M0057_UpdateUnitsDeclared(), Site.API.units, "招商", "name", ["集成电路招商团队", "生命健康招商团队"]),
                ("units", M0057_UpdateUnitsDeclared(), Site.API.units, "ZS-S", "name", ["生命健康招商团队"]),
            ]
            for entry in migrations {
                // As before the upgrade: the table's rows, none of them filed.
                try await sql.raw("DELETE FROM search_grams WHERE tbl = \(bind: entry.table)").run()
                try await sql.raw("DELETE FROM search_filings WHERE tbl = \(bind: entry.table)").run()
                try await AssertAsync.equal(try await found(entry.path, entry.query, entry.key), [], "\(entry.table): nothing filed yet")
                try await entry.migration.prepare(on: app.db)
                try await AssertAsync.equal(try await found(entry.path, entry.query, entry.key), entry.expected, "\(entry.table) “\(entry.query)”")
            }
        }
    }

    /// Reverting such a migration takes out the postings and the filings alike: a filing left
    /// behind would let a later unchanged write skip re-filing, and the rows would stay unfindable.
    func testARevertForgetsThePostingsAndTheFilings() async throws {
        try await withApp { app, fixtures in
            let sql = app.db as! any SQLDatabase
            func count(_ table: String) async throws -> Int {
                try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE tbl = 'units'").first(decodingColumn: "n", as: Int.self) ?? -1
            }
            let postings = try await count("search_grams"), filings = try await count("search_filings")
            XCTAssertGreaterThan(postings, 0)
            XCTAssertGreaterThan(filings, 0)
            try await M0057_UpdateUnitsDeclared().revert(on: app.db)
            try await AssertAsync.equal(try await count("search_grams"), 0)
            try await AssertAsync.equal(try await count("search_filings"), 0)
            // A unit saved with its name and code unchanged files itself again.
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let saved = try await admin.send(.PATCH, RegisterDeclaration.units.apiPath(fixtures.team), json: #"{"note":"复核"}"#)
            XCTAssertEqual(saved.status, .ok, saved.text)
            let teamFilings = try await sql.raw("SELECT COUNT(*) AS n FROM search_filings WHERE tbl = 'units' AND record_id = \(bind: fixtures.team)")
                .first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(teamFilings, 1)
            try await M0057_UpdateUnitsDeclared().prepare(on: app.db)
            try await AssertAsync.equal(try await count("search_grams"), postings)
            try await AssertAsync.equal(try await count("search_filings"), filings)
        }
    }
}
