@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// What the unit register's review found (issue 10): an edit read before a move must not put the
/// old parent back, and an import row that leaves a unit's code blank keeps the code.
final class UnitTreeConsistencyTests: XCTestCase {
    /// An edit carries the values read before it; a move committed meanwhile keeps the unit where it
    /// moved it — parent, path and tree key agree — and the edit's own change (its sort order) lands.
    func testAnEditReadBeforeAMoveDoesNotUndoIt() async throws {
        try await withApp { app, fixtures in
            let found = try await RegisterStore.find(.units, id: fixtures.team, on: app.db)
            let stale = try XCTUnwrap(found)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let moved = try await api.send(.POST, Site.API.unitMove(fixtures.team), body: ["parentId": fixtures.board])
            XCTAssertEqual(moved.status, .ok, moved.text)
            var edited = stale.values
            edited["sortOrder"] = .integer(7)
            try await app.db.transaction { tx in
                try await RegisterStore.update(.units, id: fixtures.team, edited, now: app.clock.now(), on: tx)
            }
            let unit = try await Probe.unit(app, fixtures.team)
            XCTAssertEqual(unit.parentID, fixtures.board, "the move stands")
            XCTAssertEqual(unit.sortOrder, 7, "the edit lands")
            Check.equal(unit.path, try await Probe.unit(app, fixtures.board).path + "\(fixtures.team)/")
            try await Probe.assertTreeConsistent(app)
            // The tree key follows the new parent, so the tree order lists the team under the board.
            let board = try await Probe.unit(app, fixtures.board)
            let boardKey = try XCTUnwrap(board.treeKey)
            XCTAssertTrue(unit.treeKey?.hasPrefix(boardKey) ?? false, "\(unit.treeKey ?? "nil") under \(boardKey)")
        }
    }

    func testAnImportRowWithABlankCodeKeepsTheUnitsCode() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let lines = ["单位名称,单位类型,单位编码,备注,系统编号", "集成电路招商团队,招商团队,,改了备注,\(fixtures.team)"]
            let (_, job) = try await driver.viaPage("units", fileName: "空编码.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let unit = try await Probe.unit(app, fixtures.team)
            XCTAssertEqual(unit.note, "改了备注")
            XCTAssertEqual(unit.code, "ZS-JCDL", "a blank code cell keeps the code")
        }
    }
}
