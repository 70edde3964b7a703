import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Units are deactivated, never deleted: records point to them. Deactivation waits until no
/// active sub-unit and no active user remains; reactivation needs an active parent.
final class UnitActivationTests: XCTestCase {
    func testDeactivationIsRefusedWhileActiveSubUnitsOrUsersRemain() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let audits = try await Probe.auditCount(app)
            let children = try SeenAPIError(try await api.send(.POST, Site.API.unitDeactivate(fixtures.zone)))
            XCTAssertEqual(children.status, .conflict)
            XCTAssertEqual(children.code, "conflict")
            XCTAssertEqual(children.message, "该单位还有 2 个启用的下级单位，请先停用或移走它们")
            let users = try SeenAPIError(try await api.send(.POST, Site.API.unitDeactivate(fixtures.team)))
            XCTAssertEqual(users.status, .conflict)
            XCTAssertEqual(users.message, "该单位还有 1 个启用的用户，请先停用或调走他们")
            Check.isTrue(try await Probe.unit(app, fixtures.zone).active)
            Check.isTrue(try await Probe.unit(app, fixtures.team).active)
            Check.equal(try await Probe.auditCount(app), audits)

            // The page says the same, as an alert above the unit.
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.unit(fixtures.team))
            let page = try await browser.post(Site.unitDeactivate(fixtures.team))
            XCTAssertEqual(page.status, .conflict)
            XCTAssertTrue(page.text.contains("该单位还有 1 个启用的用户，请先停用或调走他们"), page.text)
            Check.isTrue(try await Probe.unit(app, fixtures.team).active)
        }
    }

    func testDeactivationKeepsTheRowAndShowsItAsInactive() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let units = try await Probe.count(app, "units")
            let response = try await api.send(.POST, Site.API.unitDeactivate(fixtures.otherTeam))
            XCTAssertEqual(response.status, .ok, response.text)
            XCTAssertEqual(try api.object(response)["active"] as? Bool, false)
            Check.equal(try await Probe.count(app, "units"), units, "nothing is deleted")
            let shown = try api.object(try await api.send(.GET, Site.API.unit(fixtures.otherTeam)))
            XCTAssertEqual(shown["active"] as? Bool, false)
            XCTAssertEqual(shown["name"] as? String, "生命健康招商团队")
            Check.equal(try await Probe.lastAudit(app, entity: "unit", id: fixtures.otherTeam)?.action, "deactivate")

            let inactive = try api.object(try await api.send(.GET, Site.API.units + "?active=0"))
            XCTAssertEqual((inactive["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [fixtures.otherTeam])
            let active = try api.object(try await api.send(.GET, Site.API.units + "?active=1&per=200"))
            XCTAssertFalse((active["items"] as? [[String: Any]] ?? []).contains { $0["id"] as? Int == fixtures.otherTeam })
            XCTAssertEqual(active["total"] as? Int, units - 1)

            // Deactivating again is no change and writes no second audit row.
            let audits = try await Probe.auditCount(app, entity: "unit")
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(fixtures.otherTeam)).status, .ok)
            Check.equal(try await Probe.auditCount(app, entity: "unit"), audits)

            // Once its only user is deactivated, the team can be deactivated too.
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            Check.equal(try await admin.send(.POST, Site.API.userDeactivate(fixtures.users[.unit]!)).status, .ok)
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(fixtures.team)).status, .ok)

            // There is no way to delete a unit.
            let delete = try await api.send(.DELETE, Site.API.unit(fixtures.otherTeam))
            XCTAssertTrue([.notFound, .methodNotAllowed].contains(delete.status), "\(delete.status)")
            Check.equal(try await Probe.count(app, "units"), units)
        }
    }

    func testReactivationNeedsAnActiveParent() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let parent = try await api.createUnit("产业促进会", kind: "promotionOrg", parent: fixtures.board)
            let child = try await api.createUnit("秘书处", parent: parent)
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(child)).status, .ok)
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(parent)).status, .ok)
            let refused = try SeenAPIError(try await api.send(.POST, Site.API.unitReactivate(child)))
            XCTAssertEqual(refused.status, .conflict)
            XCTAssertEqual(refused.message, "上级单位“产业促进会”已停用，请先启用上级单位")
            Check.equal(try await Probe.unit(app, child).active, false)

            let back = try await api.send(.POST, Site.API.unitReactivate(parent))
            XCTAssertEqual(back.status, .ok, back.text)
            XCTAssertEqual(try api.object(back)["active"] as? Bool, true)
            Check.equal(try await Probe.lastAudit(app, entity: "unit", id: parent)?.action, "reactivate")
            Check.equal(try await api.send(.POST, Site.API.unitReactivate(child)).status, .ok)
            Check.isTrue(try await Probe.unit(app, child).active)
        }
    }

    func testDeactivateAndReactivateThroughThePage() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let before = try await browser.get(Site.unit(fixtures.otherTeam))
            XCTAssertTrue(before.text.contains("action=\"\(Site.unitDeactivate(fixtures.otherTeam))\""))
            let off = try await browser.post(Site.unitDeactivate(fixtures.otherTeam))
            XCTAssertEqual(off.status, .seeOther, off.text)
            XCTAssertEqual(off.location, Site.unit(fixtures.otherTeam) + "?notice=deactivated")
            let page = try await browser.get(Site.unit(fixtures.otherTeam))
            XCTAssertTrue(page.text.contains("已停用"))
            XCTAssertTrue(page.text.contains("action=\"\(Site.unitReactivate(fixtures.otherTeam))\""), "the page offers reactivation")
            let on = try await browser.post(Site.unitReactivate(fixtures.otherTeam))
            XCTAssertEqual(on.status, .seeOther, on.text)
            Check.isTrue(try await Probe.unit(app, fixtures.otherTeam).active)

            // A deactivated unit is not offered as a parent in the new-unit form.
            try await browser.post(Site.unitDeactivate(fixtures.otherTeam))
            let form = try await browser.get(Site.unitNew)
            XCTAssertFalse(form.text.contains("<option value=\"\(fixtures.otherTeam)\""))
            XCTAssertTrue(form.text.contains("<option value=\"\(fixtures.team)\""))
        }
    }
}
