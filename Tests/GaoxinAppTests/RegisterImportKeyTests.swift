import Foundation
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A file's rows name records by the register's import key, archived records included: a row
/// naming an archived record changes that record (a refresh file of every record ever kept makes
/// no second one), and where an active record holds the key beside an archived one, the active
/// one is changed. The lookup reads two partial indexes (`RegisterImport.recordsByKey`, M0065).
final class RegisterImportKeyTests: XCTestCase {
    func testARowNamingAnArchivedRecordChangesItAndAnActiveOneWins() async throws {
        try await withApp { app, fixtures in
            let policies = RegisterDeclaration.policies
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let created = try await office.send(.POST, policies.apiPath, body: ["name": "人才新政", "tier": "5", "issuingUnitId": fixtures.zone])
            XCTAssertEqual(created.status, .created, created.text)
            let archived = try XCTUnwrap(try parseJSONObject(created)["id"] as? Int)
            try await AssertAsync.equal(try await office.send(.POST, policies.apiPath(archived) + "/deactivate").status, .ok)

            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, first) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: ImportDriver.csv(["政策名称,层级,发文单位", "人才新政,N 配套细则,WXGX"]))
            XCTAssertEqual(first["status"] as? String, "succeeded", "\(first)")
            try await AssertAsync.equal(try await Stored.count(app, policies.table), 1)
            try await AssertAsync.equal(try await Self.tier(app, archived), "N")
            try await AssertAsync.equal(try await Stored.count(app, policies.table, where: "id = \(archived) AND active"), 0)

            // A new active policy may take the archived one's name; a file naming it changes the active one.
            let again = try await office.send(.POST, policies.apiPath, body: ["name": "人才新政", "tier": "5", "issuingUnitId": fixtures.zone])
            XCTAssertEqual(again.status, .created, again.text)
            let active = try XCTUnwrap(try parseJSONObject(again)["id"] as? Int)
            let (_, second) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: ImportDriver.csv(["政策名称,层级,发文单位", "人才新政,1 总体政策,WXGX"]))
            XCTAssertEqual(second["status"] as? String, "succeeded", "\(second)")
            try await AssertAsync.equal(try await Stored.count(app, policies.table), 2)
            try await AssertAsync.equal(try await Self.tier(app, active), "1")
            try await AssertAsync.equal(try await Self.tier(app, archived), "N")
        }
    }

    private static func tier(_ app: Application, _ id: Int) async throws -> String? {
        try await (app.db as! any SQLDatabase).raw("SELECT tier FROM policies WHERE id = \(bind: id)").first(decodingColumn: "tier", as: String?.self) ?? nil
    }
}
