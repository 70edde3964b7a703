import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import SQLKit
import XCTest

/// 登记册: every declared register, in `Registers.all` order, with its count of active records and
/// links to its list; read by whoever reads programme data (not the auditor).
final class RegisterOverviewTests: XCTestCase {
    func testEveryRegisterIsListedWithItsActiveCountAndLinks() async throws {
        try await withApp { app, fixtures in
            // Each register gets a different number of active records, and one deactivated that is not counted.
            var expected: [String: Int] = [:]
            for (index, declaration) in Registers.all.enumerated() {
                let active = index % 3 + 1
                let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                for n in 1...(active + 1) {
                    let id = try await RegisterStore.insert(declaration, RegisterSamples.values(declaration, n: n, unit: fixtures.team, targets: targets), now: app.clock.now(), on: app.db)
                    if n == active + 1 { try await RegisterStore.setActive(declaration, id: id, false, now: app.clock.now(), on: app.db) }
                }
                expected[declaration.key] = active
            }
            // A register's samples may need records of another (an activity's lead): count what is active in the end.
            for declaration in Registers.all {
                let counted = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: declaration.table) WHERE active = \(bind: true)")
                    .first(decodingColumn: "n", as: Int.self) ?? 0
                XCTAssertGreaterThanOrEqual(counted, expected[declaration.key]!)
                expected[declaration.key] = counted
            }

            let office = try await Browser.signedIn(app, as: .office)
            let page = try await office.get(Site.registers)
            XCTAssertEqual(page.status, .ok, page.text)
            XCTAssertTrue(page.text.contains("<h1>登记册</h1>"))
            var last = page.text.startIndex
            for declaration in Registers.all {
                let link = "<a href=\"\(declaration.path)\">\(declaration.titleZh)</a>"
                let found = try XCTUnwrap(page.text.range(of: link), "\(declaration.key): a link to its list")
                XCTAssertGreaterThan(found.lowerBound, last, "\(declaration.key): listed in Registers.all order")
                last = found.lowerBound
                XCTAssertTrue(page.text.contains("<a href=\"\(declaration.path)?active=1\">\(expected[declaration.key]!)</a>"),
                              "\(declaration.key): \(expected[declaration.key]!) active records, the deactivated one not counted")
                let list = try await office.get(declaration.path + "?active=1")
                XCTAssertTrue(list.text.contains("共 \(expected[declaration.key]!) 条"), "\(declaration.key): the count is what its list shows")
            }

            try await AssertAsync.equal(try await office.get(Site.language + "?set=en&next=%2F").status, .seeOther)
            let english = try await office.get(Site.registers)
            XCTAssertTrue(english.text.contains("<h1>Registers</h1>"))
            for declaration in Registers.all { XCTAssertTrue(english.text.contains(">\(declaration.titleEn)</a>"), declaration.key) }
        }
    }

    func testTheMenuLeadsThereAndMarksItForEveryRegistersPages() async throws {
        try await withApp { app, fixtures in
            let unit = try await Browser.signedIn(app, as: .unit)
            let item = "<a href=\"\(Site.registers)\" class=\"current\">登记册</a>"
            let overview = try await unit.get(Site.registers)
            XCTAssertTrue(overview.text.contains(item))
            for declaration in Registers.all {
                let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                let id = try await RegisterStore.insert(declaration, RegisterSamples.values(declaration, n: 1, unit: fixtures.team, targets: targets), now: app.clock.now(), on: app.db)
                // The attraction registers are under the menu's 招商 and 项目 instead, the parks' under 园区, the scenarios' under 场景.
                let expected = Attraction.leadPaths.contains(declaration.path) ? "<a href=\"/leads/board\" class=\"current\">招商</a>"
                    : Attraction.projectPaths.contains(declaration.path) ? "<a href=\"/projects\" class=\"current\">项目</a>"
                    : ParkRoutes.parkPaths.contains(declaration.path) ? "<a href=\"/parks\" class=\"current\">园区</a>"
                    : ParkRoutes.scenarioPaths.contains(declaration.path) ? "<a href=\"/scenarios\" class=\"current\">场景</a>" : item
                for path in [declaration.path, declaration.path(id)] {
                    let page = try await unit.get(path)
                    XCTAssertTrue(page.text.contains(expected), "\(path): \(expected) is the current menu item")
                }
            }
            let enterprises = try await unit.get(Site.enterprises)
            XCTAssertTrue(enterprises.text.contains("<a href=\"\(Site.registers)\">登记册</a>"), "in the menu, not current elsewhere")
            XCTAssertFalse(enterprises.text.contains(item))
        }
    }

    func testTheAuditorIsRefused() async throws {
        try await withApp { app, _ in
            let auditor = try await Browser.signedIn(app, as: .auditor)
            try await AssertAsync.equal(try await auditor.get(Site.registers).status, .forbidden)
            let account = try await auditor.get(Site.account)
            XCTAssertFalse(account.text.contains("href=\"\(Site.registers)\""), "no menu item for the auditor")
            let anonymous = try await Browser.anonymous(app).get(Site.registers)
            XCTAssertTrue(anonymous.isSignInRedirect)
        }
    }
}
