import Fluent
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The unit tree every picker reads (`UnitQueries.tree`, plain SQL): each active unit once, a
/// parent before its children at one level less, siblings by sort order then name.
final class UnitTreeReadTests: XCTestCase {
    func testTheTreeListsEveryActiveUnitDepthFirstInSiblingOrder() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            for (name, order) in [("乙组", 1), ("甲组", 1), ("首组", 0)] {
                let created = try await api.send(.POST, "/api/v1/units", body: ["name": name, "kind": "department", "parentId": fixtures.team, "sortOrder": order])
                XCTAssertEqual(created.status, .created, created.text)
            }
            let tree = try await UnitQueries.tree(on: app.db)
            let units = try await OrgUnit.query(on: app.db).filter(\.$active == true).all()
            XCTAssertEqual(tree.map(\.id).sorted(), units.compactMap(\.id).sorted(), "every active unit, once")
            let parents = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.parentID) })
            for (index, entry) in tree.enumerated() {
                guard let parent = parents[entry.id] ?? nil else {
                    XCTAssertEqual(entry.depth, 0)
                    continue
                }
                let parentIndex = try XCTUnwrap(tree.firstIndex { $0.id == parent })
                XCTAssertLessThan(parentIndex, index)
                XCTAssertEqual(entry.depth, tree[parentIndex].depth + 1)
                XCTAssertEqual(entry.unitPath?.ids.dropLast().last, parent)
            }
            let teamIndex = try XCTUnwrap(tree.firstIndex { $0.id == fixtures.team })
            // 首组 first (sort order 0), then the two of sort order 1 by name (乙 U+4E59 before 甲 U+7532).
            XCTAssertEqual(tree[(teamIndex + 1)...].prefix(3).map(\.name), ["首组", "乙组", "甲组"])
            let options = try await UnitQueries.options(on: app.db)
            XCTAssertEqual(options.map(\.value), tree.map { "\($0.id)" })
            XCTAssertEqual(options[teamIndex + 1].label, String(repeating: "　", count: tree[teamIndex].depth + 1) + "首组")
        }
    }
}
