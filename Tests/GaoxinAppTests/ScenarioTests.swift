import Fluent
import Foundation
import GaoxinDomain
import SQLKit
@testable import GaoxinApp
import XCTVapor
import XCTest

/// 应用场景 (issue 15): open scenarios are public without sign-in; an enterprise applies through a
/// throttled, stamped form; a bad credit code, a second application from one code, an application
/// to a closed scenario and a form posted 100 times a minute are refused in Chinese with nothing
/// written; the owner turns an application into a lead (场景招商) that keeps the link.
final class ScenarioTests: XCTestCase {
    func scenario(_ api: APIClient, _ code: String, unit: Int, status: String = "open", deadline: String = "2026-12-31") async throws -> Int {
        let response = try await api.send(.POST, "/api/v1/scenarios", body: [
            "code": code, "title": "晶圆厂智能巡检场景 \(code)", "owningUnitId": unit, "need": "征集洁净车间巡检机器人方案", "budget": 800,
            "publishedOn": "2026-09-01", "deadline": deadline, "status": status, "publicContact": "专班 0510-8521 1001", "note": "内部：预算可上浮"])
        XCTAssertEqual(response.status, .created, response.text)
        return try api.json(response)["id"] as! Int
    }

    func form(_ browser: Browser, _ id: Int, code: String, company: String = "无锡智巡机器人科技有限公司") async throws -> [(String, String)] {
        let page = try await browser.get("/public/scenarios/\(id)")
        XCTAssertEqual(page.status, .ok, page.text)
        let stamp = try XCTUnwrap(page.text.range(of: "name=\"stamp\" value=\"").map { page.text[$0.upperBound...].prefix { $0 != "\"" } })
        return [("stamp", String(stamp)), ("companyName", company), ("creditCode", code), ("contactName", "许工"),
                ("contactPhone", "139 0000 1111"), ("email", ""), ("proposal", "激光 SLAM 巡检机器人，已在两家 8 英寸厂部署。"), ("website", "")]
    }

    static func code(_ serial: Int) -> String {
        let first17 = "91320214MA" + String(format: "%07d", serial)
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    func testOpenScenariosArePublicAndAnEnterpriseAppliesOnce() async throws {
        try await withApp { app, fixtures in
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let open = try await scenario(team, "CJ-1", unit: fixtures.team)
            let draft = try await scenario(team, "CJ-2", unit: fixtures.team, status: "draft")
            let visitor = try await Browser.anonymous(app)
            let list = try await visitor.get("/public/scenarios")
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.text.contains("晶圆厂智能巡检场景 CJ-1") && !list.text.contains("CJ-2"), list.text)
            XCTAssertFalse(list.text.contains("内部：预算可上浮"), "no internal note")
            let notOpen = try await visitor.get("/public/scenarios/\(draft)")
            XCTAssertEqual(notOpen.status, .notFound)
            let draftPost = try await visitor.post("/public/scenarios/\(draft)/apply", [("companyName", "试探")])
            XCTAssertEqual(draftPost.status, .notFound)
            XCTAssertFalse(draftPost.text.contains("CJ-2"), "a draft's title is not told to a visitor")

            // A bad credit code is refused beside its field; a printed one (spaces, lower case) is taken.
            var fields = try await form(visitor, open, code: "91320214MA1000001X")
            app.clock.advance(by: 10)
            let bad = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            XCTAssertTrue(bad.text.contains("统一社会信用代码") && bad.text.contains("creditCode-error"), bad.text)
            fields = try await form(visitor, open, code: Self.code(1).lowercased().replacingOccurrences(of: "ma", with: " ma "))
            app.clock.advance(by: 10)
            let applied = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(applied.status, .seeOther, applied.text)
            let stored = try await (app.db as! any SQLDatabase).raw("SELECT code, credit_code, status, from_public FROM scenario_applications").all()
            XCTAssertEqual(stored.count, 1)
            XCTAssertEqual(try stored[0].decode(column: "credit_code", as: String.self), Self.code(1))
            XCTAssertEqual(try stored[0].decode(column: "status", as: String.self), "submitted")
            XCTAssertEqual(try stored[0].decode(column: "from_public", as: Bool.self), true)
            let number = try stored[0].decode(column: "code", as: String.self)
            let after = try await visitor.get(try XCTUnwrap(applied.headers.first(name: .location)))
            XCTAssertTrue(after.text.contains("申请已提交，编号 \(number)"), after.text)
            try await AssertAsync.isTrue(try await Stored.audit(app, entity: "scenario_application").contains { $0.actorName == "公开申请（无锡智巡机器人科技有限公司）" })

            // The same code again: refused, nothing written.
            fields = try await form(visitor, open, code: Self.code(1), company: "另一家公司")
            app.clock.advance(by: 10)
            let twice = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(twice.status, .unprocessableEntity)
            XCTAssertTrue(twice.text.contains("该统一社会信用代码已申请此场景"), twice.text)
            try await AssertAsync.equal(try await Stored.count(app, "scenario_applications"), 1)
        }
    }

    func testScriptsAndClosedScenariosAreRefusedAndNothingIsWritten() async throws {
        try await withApp { app, fixtures in
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let open = try await scenario(team, "CJ-1", unit: fixtures.team, deadline: "2026-09-30")
            let visitor = try await Browser.anonymous(app)
            // Posted the moment the form was drawn: a script's speed.
            var fields = try await form(visitor, open, code: Self.code(2))
            let fast = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(fast.status, .unprocessableEntity)
            XCTAssertTrue(fast.text.contains("提交过快"), fast.text)
            // The hidden field filled in.
            fields = try await form(visitor, open, code: Self.code(3))
            app.clock.advance(by: 10)
            fields.removeAll { $0.0 == "website" }
            fields.append(("website", "http://spam.example"))
            let trapped = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(trapped.status, .unprocessableEntity)
            // A stamp from another scenario's form, or edited, is not accepted.
            fields = try await form(visitor, open, code: Self.code(4))
            app.clock.advance(by: 10)
            let forged = fields.map { $0.0 == "stamp" ? ("stamp", "1790000000.00ff") : $0 }
            let rejected = try await visitor.post("/public/scenarios/\(open)/apply", forged)
            XCTAssertTrue(rejected.text.contains("表单已过期"), rejected.text)
            // Nor one a script signs with what the page shows it (the CSRF token), backdated to look patient.
            fields = try await form(visitor, open, code: Self.code(9))
            let selfSigned = PublicFormStamp.make(scope: "apply:\(open)", at: app.clock.now().addingTimeInterval(-60), key: visitor.csrf ?? "")
            let scripted = try await visitor.post("/public/scenarios/\(open)/apply", fields.map { $0.0 == "stamp" ? ("stamp", selfSigned) : $0 })
            XCTAssertTrue(scripted.text.contains("表单已过期"), scripted.text)
            // Past its deadline the scenario leaves the public list and refuses the form it drew before.
            fields = try await form(visitor, open, code: Self.code(5))
            app.clock.advance(by: 10 * 86_400)
            let closed = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(closed.status, .conflict)
            XCTAssertTrue(closed.text.contains("已截止或未在征集中，不接受申请"), closed.text)
            let listed = try await visitor.get("/public/scenarios")
            XCTAssertFalse(listed.text.contains("CJ-1"))
            try await AssertAsync.equal(try await Stored.count(app, "scenario_applications"), 0)
            // The owner's own record of a closed scenario's application is still allowed (a letter, a fair).
            let recorded = try await team.send(.POST, "/api/v1/scenario-applications", body: [
                "code": "SQ-M-1", "scenarioId": open, "companyName": "来函企业", "creditCode": Self.code(6), "contactName": "王", "contactPhone": "0510-85234567",
                "proposal": "纸质申请", "status": "submitted"])
            XCTAssertEqual(recorded.status, .created, recorded.text)
        }
    }

    func testAFormPostedAHundredTimesAMinuteIsThrottledInChinese() async throws {
        try await withApp { app, fixtures in
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let open = try await scenario(team, "CJ-1", unit: fixtures.team)
            let visitor = try await Browser.anonymous(app)
            let fields = try await form(visitor, open, code: "bad")
            app.clock.advance(by: 5)
            var statuses: [HTTPStatus] = []
            for _ in 0..<100 { statuses.append(try await visitor.post("/public/scenarios/\(open)/apply", fields).status) }
            XCTAssertEqual(statuses.prefix(5).filter { $0 == .unprocessableEntity }.count, 5, "the first five are checked (and refused for the bad code)")
            XCTAssertEqual(statuses.dropFirst(5).filter { $0 == .tooManyRequests }.count, 95)
            let throttled = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertTrue(throttled.text.contains("提交过于频繁"), throttled.text)
            try await AssertAsync.equal(try await Stored.count(app, "scenario_applications"), 0)
            // A new minute, a new allowance; reading is limited separately and more generously.
            app.clock.advance(by: 60)
            let nextMinute = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(nextMinute.status, .unprocessableEntity)
            var reads: [HTTPStatus] = []
            for _ in 0..<121 { reads.append(try await visitor.get("/public/spaces").status) }
            XCTAssertEqual(reads.filter { $0 == .ok }.count, 120)
            XCTAssertEqual(reads.last, .tooManyRequests)
        }
    }

    func testAnApplicationBecomesAScenarioLeadThatKeepsTheLink() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let source = try await office.send(.POST, "/api/v1/lead-sources", body: ["name": "场景招商"])
            XCTAssertEqual(source.status, .created, source.text)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let open = try await scenario(team, "CJ-1", unit: fixtures.team)
            let application = try await team.send(.POST, "/api/v1/scenario-applications", body: [
                "code": "SQ-1", "scenarioId": open, "companyName": "无锡智巡机器人科技有限公司", "creditCode": Self.code(7), "contactName": "许工",
                "contactPhone": "13900001111", "proposal": "方案", "status": "shortlisted"])
            XCTAssertEqual(application.status, .created, application.text)
            let applicationID = try team.json(application)["id"] as! Int
            let browser = try await Browser.signedIn(app, as: .unit)
            let page = try await browser.get("/scenario-applications/\(applicationID)")
            XCTAssertTrue(page.text.contains("转为招商线索（场景招商）"), page.text)
            let link = try XCTUnwrap(page.text.range(of: "href=\"/leads/new?").map { page.text[$0.lowerBound...].dropFirst(6).prefix { $0 != "\"" } })
            let newLead = try await browser.get(String(link).replacingOccurrences(of: "&amp;", with: "&"))
            XCTAssertEqual(newLead.status, .ok)
            XCTAssertTrue(newLead.text.contains("无锡智巡机器人科技有限公司") && newLead.text.contains(Self.code(7)), "prefilled from the application")
            let sourceID = try office.json(source)["id"] as! Int
            let lead = try await team.send(.POST, "/api/v1/leads", body: [
                "code": "XS-1", "companyName": "无锡智巡机器人科技有限公司", "creditCode": Self.code(7), "sourceId": sourceID, "owningUnitId": fixtures.team,
                "stage": "contacting", "scenarioApplicationId": applicationID])
            XCTAssertEqual(lead.status, .created, lead.text)
            let after = try await browser.get("/scenario-applications/\(applicationID)")
            XCTAssertTrue(after.text.contains("已转为招商线索") && after.text.contains("XS-1"), after.text)
            let second = try await team.send(.POST, "/api/v1/leads", body: [
                "code": "XS-2", "companyName": "另一家", "sourceId": sourceID, "owningUnitId": fixtures.team, "stage": "lead", "scenarioApplicationId": applicationID])
            XCTAssertEqual(second.status, .unprocessableEntity, "one lead per application")
        }
    }
}

extension ScenarioTests {
    /// A visitor whose session lapsed while writing (the idle timeout) gets the form back with what
    /// they typed, not the sign-in page; a post from another site (no session token) is not taken.
    func testALapsedSessionGivesTheFormBackWithWhatWasTyped() async throws {
        try await withApp { app, fixtures in
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let open = try await scenario(team, "CJ-1", unit: fixtures.team)
            let visitor = try await Browser.anonymous(app)
            let fields = try await form(visitor, open, code: Self.code(8))
            app.clock.advance(by: 2 * 3600)
            let lapsed = try await visitor.post("/public/scenarios/\(open)/apply", fields)
            XCTAssertEqual(lapsed.status, .unprocessableEntity, lapsed.text)
            XCTAssertTrue(lapsed.text.contains("表单已过期") && lapsed.text.contains("激光 SLAM 巡检机器人"), lapsed.text)
            let elsewhere = try await Browser.anonymous(app)
            let foreign = try await elsewhere.post("/public/scenarios/\(open)/apply", fields, withCSRF: false)
            XCTAssertEqual(foreign.status, .unprocessableEntity)
            try await AssertAsync.equal(try await Stored.count(app, "scenario_applications"), 0)
            // Sent again from the redrawn form, a little later, it is taken.
            let again = try await form(visitor, open, code: Self.code(8))
            app.clock.advance(by: 30)
            let sent = try await visitor.post("/public/scenarios/\(open)/apply", again)
            XCTAssertEqual(sent.status, .seeOther, sent.text)
        }
    }
}
