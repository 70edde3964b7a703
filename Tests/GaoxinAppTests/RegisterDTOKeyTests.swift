import Fluent
import Foundation
@testable import GaoxinApp
import XCTest

/// A record's JSON carries, beside a reference's id and a choice's code, the name it stands for
/// (`leadUnitId` → `leadUnitName`, `category` → `categoryName`); no such derived key may collide
/// with a field of the same register, or one would overwrite the other.
final class RegisterDTOKeyTests: XCTestCase {
    func testNoDerivedNameKeyCollidesWithAField() {
        for declaration in Registers.declared {
            var keys = Set(["id", "active"] + (declaration.timeLimit.map { [$0.key] } ?? []))
            for field in declaration.fields {
                XCTAssertTrue(keys.insert(field.key).inserted, "\(declaration.key).\(field.key) repeats a key")
                if let name = RegisterDTO.nameKey(field) { XCTAssertTrue(keys.insert(name).inserted, "\(declaration.key).\(name) repeats a key") }
            }
        }
    }

    func testAClusterCarriesItsChoicesLabelsAndItsLeadUnitsName() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let created = try parseJSONObject(try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"战略性新兴产业\",\"leadUnitId\":\(fixtures.team)}"))
            XCTAssertEqual(created["category"] as? String, "emerging", "the short name a department writes is the choice")
            XCTAssertEqual(created["categoryName"] as? String, "战略性新兴产业（壮大）")
            XCTAssertEqual(created["figuresSource"] as? String, "bottom_up", "an omitted figures source is the enterprises' sum")
            XCTAssertEqual(created["figuresSourceName"] as? String, "企业汇总（自下而上）")
            XCTAssertEqual(created["sortOrder"] as? Int, 0)
            let team = try await OrgUnit.find(fixtures.team, on: app.db)
            XCTAssertEqual(created["leadUnitName"] as? String, team?.name)
            let id = try XCTUnwrap(created["id"] as? Int)
            let topDown = try parseJSONObject(try await office.send(.PATCH, Site.API.cluster(id), json: #"{"figuresSource":"top_down","sortOrder":30}"#))
            XCTAssertEqual(topDown["figuresSourceName"] as? String, "统计部门口径（自上而下填报）")
            let cleared = try parseJSONObject(try await office.send(.PATCH, Site.API.cluster(id), json: #"{"figuresSource":null,"sortOrder":null}"#))
            XCTAssertEqual(cleared["figuresSource"] as? String, "top_down", "emptied on an existing record, a never-empty field keeps its value")
            XCTAssertEqual(cleared["sortOrder"] as? Int, 30)
        }
    }
}
