import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// The unit tree stays a tree under concurrent writes: the database refuses duplicate sibling
/// names, such a refusal is a 409 (not a 500), and two crossing moves cannot make a cycle.
final class TreeIntegrityTests: XCTestCase {
    func testTheDatabaseRefusesDuplicateSiblingNamesAndTheErrorIsAConflict() async throws {
        try await withApp { app, fixtures in
            let fields = UnitSeed.Fields(name: "重名单位", kind: .department, code: nil, parentID: fixtures.zone, sortOrder: 0, note: nil)
            _ = try await UnitSeed.insert(fields, on: app.db)
            do {
                _ = try await UnitSeed.insert(fields, on: app.db)
                XCTFail("a second sibling with the same name must be refused by the database")
            } catch {
                XCTAssertTrue(ErrorMapper.isUniqueViolation(error), "\(error)")
                let request = Request(application: app, on: app.eventLoopGroup.next())
                guard case .conflict = ErrorMapper.appError(error, request) else { return XCTFail("maps to 409 conflict") }
            }
            let count = try await OrgUnit.query(on: app.db).filter(\.$name == "重名单位").count()
            XCTAssertEqual(count, 1)
        }
    }

    func testCrossingMovesCannotCreateACycle() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            // team and otherTeam are siblings; move each under the other at the same time.
            async let first = api.send(.POST, Site.API.unitMove(fixtures.team), json: #"{"parentId":\#(fixtures.otherTeam)}"#)
            async let second = api.send(.POST, Site.API.unitMove(fixtures.otherTeam), json: #"{"parentId":\#(fixtures.team)}"#)
            let statuses = try await [first.status, second.status]
            XCTAssertEqual(statuses.filter { $0 == .ok }.count, 1, "exactly one move wins: \(statuses)")
            XCTAssertEqual(statuses.filter { $0 == .unprocessableEntity }.count, 1, "the other is refused as a cycle: \(statuses)")
            // Every path still starts at the root and names each unit once.
            for unit in try await OrgUnit.query(on: app.db).all() {
                let path = try XCTUnwrap(unit.unitPath, unit.path)
                XCTAssertEqual(path.ids.first, fixtures.root)
                XCTAssertEqual(Set(path.ids).count, path.ids.count, "no unit appears twice in \(unit.path)")
                XCTAssertEqual(path.ids.last, unit.id)
            }
        }
    }

    func testTheTreeListsSiblingsBySortOrderAndFollowsReorderingAndMoves() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var ids: [String: Int] = [:]
            for (name, order) in [("丙组", 30), ("甲组", 10), ("乙组", 20)] {
                let created = try await api.send(.POST, Site.API.units, json: #"{"name":"\#(name)","kind":"department","parentId":\#(fixtures.board),"sortOrder":\#(order)}"#)
                XCTAssertEqual(created.status, .created, created.text)
                ids[name] = try XCTUnwrap(api.json(created)["id"] as? Int)
            }
            func names() async throws -> [String] {
                let list = try await api.send(.GET, Site.API.units + "?under=\(fixtures.board)&per=200")
                return try XCTUnwrap(api.json(list)["items"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            }
            // The board itself, then its children by sort order (the zone has order 0), each child's subtree after it.
            var order = try await names()
            XCTAssertEqual(order, ["新吴", "无锡高新区", "集成电路招商团队", "生命健康招商团队", "甲组", "乙组", "丙组"])

            let reorder = try await api.send(.PATCH, Site.API.unit(ids["丙组"]!), json: #"{"sortOrder":-1}"#)
            XCTAssertEqual(reorder.status, .ok, reorder.text)
            order = try await names()
            XCTAssertEqual(order.prefix(2), ["新吴", "丙组"], "a new sort order moves the unit (and would move its subtree)")

            let moved = try await api.send(.POST, Site.API.unitMove(fixtures.zone), json: #"{"parentId":\#(ids["乙组"]!)}"#)
            XCTAssertEqual(moved.status, .ok, moved.text)
            order = try await names()
            XCTAssertEqual(order, ["新吴", "丙组", "甲组", "乙组", "无锡高新区", "集成电路招商团队", "生命健康招商团队"], "the moved subtree follows its new parent")
        }
    }
}
