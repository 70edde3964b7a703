import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Moving a unit rewrites the materialised paths of its whole subtree in one transaction, and a
/// move that would make a cycle (under itself or a descendant) is refused and changes nothing.
final class UnitMoveTests: XCTestCase {
    /// Moving to the top level takes an explicit `"parentId": null`; a body without the field
    /// (or no body) is refused and moves nothing. An empty PATCH changes nothing and is not audited.
    func testAMoveNeedsItsParentSpelledOut() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let pathBefore = try await Probe.unit(app, fixtures.board).path
            let auditsBefore = try await Stored.count(app, "audit_log")
            for body in [nil, "{}"] {
                let refused = try SeenAPIError(try await api.send(.POST, Site.API.unitMove(fixtures.board), json: body))
                XCTAssertEqual(refused.status, .badRequest)
                XCTAssertEqual(refused.field, "parentId")
                XCTAssertTrue(refused.message.contains("parentId"), refused.message)
            }
            let untouched = try await api.send(.PATCH, Site.API.unit(fixtures.board), json: "{}")
            XCTAssertEqual(untouched.status, .ok, untouched.text)
            Check.equal(try await Probe.unit(app, fixtures.board).path, pathBefore, "nothing moved")
            Check.equal(try await Stored.count(app, "audit_log"), auditsBefore, "nothing changed, nothing audited")

            let toTop = try await api.send(.POST, Site.API.unitMove(fixtures.board), json: #"{"parentId":null}"#)
            XCTAssertEqual(toTop.status, .ok, toTop.text)
            Check.equal(try await Probe.unit(app, fixtures.board).path, "/\(fixtures.board)/")
        }
    }

    func testMovingAUnitRewritesThePathsOfItsWholeSubtree() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let group = try await api.createUnit("芯片一组", parent: fixtures.team)
            let subgroup = try await api.createUnit("设计小组", parent: group)
            let boardPath = try await Probe.unit(app, fixtures.board).path
            let response = try await api.send(.POST, Site.API.unitMove(fixtures.zone), body: ["parentId": fixtures.root])
            XCTAssertEqual(response.status, .ok, response.text)
            let moved = try api.object(response)
            XCTAssertEqual(moved["parentId"] as? Int, fixtures.root)
            XCTAssertEqual(moved["path"] as? String, "/\(fixtures.root)/\(fixtures.zone)/")
            XCTAssertEqual(moved["depth"] as? Int, 1)
            let paths = try await Probe.paths(app)
            XCTAssertEqual(paths[fixtures.team], "/\(fixtures.root)/\(fixtures.zone)/\(fixtures.team)/")
            XCTAssertEqual(paths[fixtures.otherTeam], "/\(fixtures.root)/\(fixtures.zone)/\(fixtures.otherTeam)/")
            XCTAssertEqual(paths[subgroup], "/\(fixtures.root)/\(fixtures.zone)/\(fixtures.team)/\(group)/\(subgroup)/")
            XCTAssertEqual(paths[fixtures.board], boardPath, "units outside the subtree keep their path")
            try await Probe.assertTreeConsistent(app)

            let audit = try Check.unwrap(try await Probe.lastAudit(app, entity: "unit", id: fixtures.zone))
            XCTAssertEqual(audit.action, "move")
            XCTAssertTrue(audit.beforeJson?.contains("\"parentId\":\(fixtures.board)") ?? false, audit.beforeJson ?? "")
            XCTAssertTrue(audit.afterJson?.contains("\"parentId\":\(fixtures.root)") ?? false, audit.afterJson ?? "")

            // The subtree filter follows the new paths.
            let underBoard = try api.object(try await api.send(.GET, Site.API.units + "?under=\(fixtures.board)"))
            XCTAssertEqual(underBoard["total"] as? Int, 1, "only the board itself is left under the board")
            let underRoot = try api.object(try await api.send(.GET, Site.API.units + "?under=\(fixtures.root)&per=200"))
            let ids = Set((underRoot["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int })
            XCTAssertTrue(ids.isSuperset(of: [fixtures.zone, fixtures.team, group, subgroup]))
        }
    }

    func testMovingUnderItselfOrADescendantIsRefusedAndChangesNothing() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let group = try await api.createUnit("芯片一组", parent: fixtures.team)
            let paths = try await Probe.paths(app), audits = try await Probe.auditCount(app, entity: "unit")
            let cycles: [(unit: Int, target: Int)] = [
                (fixtures.zone, fixtures.zone), (fixtures.zone, fixtures.team), (fixtures.zone, group), (fixtures.root, fixtures.board), (group, group),
            ]
            for (unit, target) in cycles {
                let error = try SeenAPIError(try await api.send(.POST, Site.API.unitMove(unit), body: ["parentId": target]))
                XCTAssertEqual(error.status, .unprocessableEntity, "\(unit) under \(target)")
                XCTAssertEqual(error.field, "parentId")
                XCTAssertEqual(error.message, "不能把单位移动到它自己或它的下级单位之下")
            }
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let show = try await browser.get(Site.unit(fixtures.zone))
            // The page offers no target that would make a cycle…
            let offered = moveTargets(show.text, unit: fixtures.zone)
            XCTAssertTrue(offered.contains(fixtures.root) && offered.contains(fixtures.board), "\(offered)")
            XCTAssertTrue(offered.isDisjoint(with: [fixtures.zone, fixtures.team, fixtures.otherTeam, group]), "\(offered)")
            // …and a hand-made submission is refused on the page.
            let refused = try await browser.post(Site.unitMove(fixtures.zone), [("parentId", "\(fixtures.team)")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.text.contains("不能把单位移动到它自己或它的下级单位之下"))
            Check.equal(try await Probe.paths(app), paths)
            Check.equal(try await Probe.auditCount(app, entity: "unit"), audits, "no audit row for a refused move")
        }
    }

    func testMoveToTopLevelAndUnderAnotherParentThroughAPIAndForm() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let group = try await api.createUnit("芯片一组", parent: fixtures.team)
            let top = try await api.send(.POST, Site.API.unitMove(fixtures.team), json: #"{"parentId": null}"#)
            XCTAssertEqual(top.status, .ok, top.text)
            XCTAssertEqual(try api.object(top)["depth"] as? Int, 0)
            var paths = try await Probe.paths(app)
            XCTAssertEqual(paths[fixtures.team], "/\(fixtures.team)/")
            XCTAssertEqual(paths[group], "/\(fixtures.team)/\(group)/")

            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.unit(fixtures.team))
            let moved = try await browser.post(Site.unitMove(fixtures.team), [("parentId", "\(fixtures.otherTeam)")])
            XCTAssertEqual(moved.status, .seeOther, moved.text)
            XCTAssertEqual(moved.location, Site.unit(fixtures.team) + "?notice=moved")
            paths = try await Probe.paths(app)
            let otherPath = try Check.unwrap(paths[fixtures.otherTeam])
            XCTAssertEqual(paths[group], otherPath + "\(fixtures.team)/\(group)/")
            try await Probe.assertTreeConsistent(app)
            let page = try await browser.get(Site.unit(group))
            XCTAssertTrue(page.text.contains("生命健康招商团队"), "the breadcrumbs show the new ancestors")

            // Moving to where it already is changes nothing and audits nothing.
            let audits = try await Probe.auditCount(app, entity: "unit")
            Check.equal(try await api.send(.POST, Site.API.unitMove(fixtures.team), body: ["parentId": fixtures.otherTeam]).status, .ok)
            Check.equal(try await Probe.auditCount(app, entity: "unit"), audits)
        }
    }

    func testMoveIsRefusedToAMissingOrDeactivatedParentOrBesideASameNamedUnit() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let closed = try await api.createUnit("已撤销的专班", kind: "taskForce", parent: fixtures.board)
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(closed)).status, .ok)
            _ = try await api.createUnit("集成电路招商团队", kind: "attractionTeam", parent: fixtures.board)
            let paths = try await Probe.paths(app), audits = try await Probe.auditCount(app, entity: "unit")
            let cases: [(target: Int, code: String, message: String)] = [
                (999_999, "invalid", "目标上级单位不存在"),
                (closed, "invalid", "目标上级单位已停用"),
                (fixtures.board, "duplicate", "目标上级单位下已有同名单位“集成电路招商团队”"),
            ]
            for (target, code, message) in cases {
                let error = try SeenAPIError(try await api.send(.POST, Site.API.unitMove(fixtures.team), body: ["parentId": target]))
                XCTAssertEqual(error.status, .unprocessableEntity)
                XCTAssertEqual(error.field, "parentId")
                XCTAssertEqual(error.code, code)
                XCTAssertEqual(error.message, message)
            }
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.unit(fixtures.team))
            let garbage = try await browser.post(Site.unitMove(fixtures.team), [("parentId", "上级")])
            XCTAssertEqual(garbage.status, .badRequest)
            XCTAssertTrue(garbage.text.contains("上级单位无效"))
            Check.equal(try await Probe.paths(app), paths)
            Check.equal(try await Probe.auditCount(app, entity: "unit"), audits)
        }
    }

    /// The unit ids offered in the move form of a unit's page.
    private func moveTargets(_ html: String, unit: Int) -> Set<Int> {
        guard let start = html.range(of: "action=\"\(Site.unitMove(unit))\""),
              let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return [] }
        let form = html[start.upperBound..<end.lowerBound]
        return Set(form.components(separatedBy: "<option value=\"").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) })
    }
}
