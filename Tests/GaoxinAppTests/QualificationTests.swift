import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Enterprises' qualifications (高新技术企业, 专精特新…) with their dates: recorded and removed
/// under the enterprise's ownership, audited, shown as held or expired, and filterable.
final class QualificationTests: XCTestCase {
    func testQualificationNamesAreReadInChineseToo() {
        XCTAssertEqual(Qualification(codeOrName: "highTech"), .highTech)
        XCTAssertEqual(Qualification(codeOrName: "高新技术企业"), .highTech)
        XCTAssertEqual(Qualification(codeOrName: "高新技术"), .highTech)
        XCTAssertEqual(Qualification(codeOrName: "专精特新\"小巨人\"企业"), .littleGiant)
        XCTAssertEqual(Qualification(codeOrName: "专精特新小巨人"), .littleGiant)
        XCTAssertEqual(Qualification(codeOrName: "专精特新"), .specialised)
        XCTAssertEqual(Qualification(codeOrName: "高企"), .highTech)
        XCTAssertEqual(Qualification(codeOrName: "专精特新「小巨人」企业"), .littleGiant)
        XCTAssertEqual(Qualification(codeOrName: "  瞪羚  "), .gazelle, "spaces around a name are not part of it")
        XCTAssertEqual(Qualification(codeOrName: "上市公司"), .listed)
        for kind in Qualification.allCases {
            XCTAssertEqual(Qualification(codeOrName: kind.nameZh), kind, "every kind by its own name")
            XCTAssertEqual(Qualification(codeOrName: kind.rawValue), kind)
        }
        XCTAssertNil(Qualification(codeOrName: ""))
        XCTAssertNil(Qualification(codeOrName: "“”"))
        XCTAssertNil(Qualification(codeOrName: "企业"))
        XCTAssertNil(Qualification(codeOrName: "五星企业"))
    }

    func testRecordingAndRemovingIsAuditedAndValidityFollowsTheDates() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("资质测试企业", code: USCC.numbered(501), unit: fixtures.zone)
            // The test clock stands at 2026-09-21.
            let held = try await api.send(.POST, Site.API.enterpriseQualifications(id), json: #"{"kind":"highTech","grantedOn":"2024-12-01","expiresOn":"2027-11-30"}"#)
            XCTAssertEqual(held.status, .created, held.text)
            let heldBody = try parseJSONObject(held)
            XCTAssertEqual(heldBody["valid"] as? Bool, true)
            XCTAssertEqual(heldBody["kindName"] as? String, "高新技术企业")
            let lapsed = try await api.send(.POST, Site.API.enterpriseQualifications(id), json: #"{"kind":"gazelle","grantedOn":"2021-03-01","expiresOn":"2023-02-28"}"#)
            XCTAssertEqual(try parseJSONObject(lapsed)["valid"] as? Bool, false)
            let lasting = try await api.send(.POST, Site.API.enterpriseQualifications(id), json: #"{"kind":"专精特新中小企业","grantedOn":"2026-09-21"}"#)
            XCTAssertEqual(lasting.status, .created, "the Chinese name is accepted; granted today counts")

            let list = try parseJSONObject(try await api.send(.GET, Site.API.enterpriseQualifications(id)))
            let items = try XCTUnwrap(list["items"] as? [[String: Any]])
            XCTAssertEqual(items.map { $0["kind"] as? String }, ["specialised", "highTech", "gazelle"], "newest grant first")

            let created = try await Stored.audit(app, entity: "enterprise_qualification", action: "create")
            XCTAssertEqual(created.count, 3)
            let lapsedID = try XCTUnwrap(try parseJSONObject(lapsed)["id"] as? Int)
            let removed = try await api.send(.DELETE, Site.API.enterpriseQualification(id, lapsedID))
            XCTAssertEqual(removed.status, .noContent)
            let again = try await api.send(.DELETE, Site.API.enterpriseQualification(id, lapsedID))
            XCTAssertEqual(again.status, .notFound)
            let deleted = try await Stored.audit(app, entity: "enterprise_qualification", action: "delete")
            XCTAssertEqual(deleted.count, 1)
            XCTAssertTrue(deleted[0].beforeJSON?.contains("gazelle") ?? false)

            // Another enterprise's record cannot be removed through this one.
            let other = try await api.createEnterprise("另一家企业", code: USCC.numbered(502), unit: fixtures.zone)
            let heldID = try XCTUnwrap(heldBody["id"] as? Int)
            let crossed = try await api.send(.DELETE, Site.API.enterpriseQualification(other, heldID))
            XCTAssertEqual(crossed.status, .notFound)
        }
    }

    func testBadRecordsAreRefusedNextToTheirFields() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("资质校验企业", code: USCC.numbered(511), unit: fixtures.zone)
            let cases: [(String, String, String)] = [
                (#"{"grantedOn":"2024-01-01"}"#, "kind", "请选择资质类型"),
                (#"{"kind":"五星企业","grantedOn":"2024-01-01"}"#, "kind", "资质类型“五星企业”不存在"),
                (#"{"kind":"highTech"}"#, "grantedOn", "请填写认定日期"),
                (#"{"kind":"highTech","grantedOn":"2024/01/01"}"#, "grantedOn", "应为 YYYY-MM-DD"),
                (#"{"kind":"highTech","grantedOn":"2026-09-22"}"#, "grantedOn", "不能晚于今天"),
                (#"{"kind":"highTech","grantedOn":"2024-01-01","expiresOn":"2023-12-31"}"#, "expiresOn", "不能早于认定日期"),
            ]
            for (body, field, message) in cases {
                let response = try await api.send(.POST, Site.API.enterpriseQualifications(id), json: body)
                XCTAssertEqual(response.status, .unprocessableEntity, body)
                let error = try apiErrorObject(response)
                XCTAssertEqual(error["field"] as? String, field, body)
                XCTAssertTrue((error["message"] as? String ?? "").contains(message), "\(body): \(error)")
            }
            _ = try await api.send(.POST, Site.API.enterpriseQualifications(id), json: #"{"kind":"highTech","grantedOn":"2024-01-01"}"#)
            let duplicate = try await api.send(.POST, Site.API.enterpriseQualifications(id), json: #"{"kind":"highTech","grantedOn":"2024-01-01"}"#)
            XCTAssertEqual(try apiErrorObject(duplicate)["code"] as? String, "duplicate")
            let stored = try await Stored.count(app, "enterprise_qualifications")
            XCTAssertEqual(stored, 1)

            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.enterprise(id))
            let page = try await browser.post(Site.enterpriseQualifications(id), [("kind", "highTech"), ("grantedOn", "明年")])
            XCTAssertEqual(page.status, .unprocessableEntity)
            XCTAssertTrue(page.text.contains("id=\"grantedOn-error\""))
            XCTAssertTrue(page.text.contains("value=\"明年\""), "what was typed comes back")
            let good = try await browser.post(Site.enterpriseQualifications(id), [("kind", "listed"), ("grantedOn", "2020-07-01")])
            XCTAssertEqual(good.status, .seeOther)
            let shown = try await browser.get(Site.enterprise(id))
            XCTAssertTrue(shown.text.contains("上市企业"))
            XCTAssertTrue(shown.text.contains("长期"), "no expiry is shown as 长期")
        }
    }

    func testTheListFiltersOnQualificationsHeldToday() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let current = try await api.createEnterprise("现高企", code: USCC.numbered(521), unit: fixtures.zone)
            let expired = try await api.createEnterprise("过期高企", code: USCC.numbered(522), unit: fixtures.zone)
            let future = try await api.createEnterprise("瞪羚企业甲", code: USCC.numbered(523), unit: fixtures.zone)
            _ = try await api.send(.POST, Site.API.enterpriseQualifications(current), json: #"{"kind":"highTech","grantedOn":"2025-01-01","expiresOn":"2027-12-31"}"#)
            _ = try await api.send(.POST, Site.API.enterpriseQualifications(expired), json: #"{"kind":"highTech","grantedOn":"2020-01-01","expiresOn":"2022-12-31"}"#)
            _ = try await api.send(.POST, Site.API.enterpriseQualifications(future), json: #"{"kind":"gazelle","grantedOn":"2026-01-01"}"#)
            let highTech = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?qualification=highTech"))
            XCTAssertEqual((highTech["items"] as? [[String: Any]])?.map { $0["name"] as? String }, ["现高企"])
            let gazelle = try parseJSONObject(try await api.send(.GET, Site.API.enterprises + "?qualification=gazelle"))
            XCTAssertEqual(gazelle["total"] as? Int, 1)
            let bad = try await api.send(.GET, Site.API.enterprises + "?qualification=fivestar")
            XCTAssertEqual(bad.status, .badRequest)
        }
    }

    func testOnlyTheOwningUnitRecordsQualifications() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let foreign = try await office.createEnterprise("他人企业", code: USCC.numbered(531), unit: fixtures.otherTeam)
            let own = try await office.createEnterprise("本单位企业", code: USCC.numbered(532), unit: fixtures.team)
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let refused = try await team.send(.POST, Site.API.enterpriseQualifications(foreign), json: #"{"kind":"techSME","grantedOn":"2025-05-01"}"#)
            XCTAssertEqual(refused.status, .forbidden)
            let allowed = try await team.send(.POST, Site.API.enterpriseQualifications(own), json: #"{"kind":"techSME","grantedOn":"2025-05-01"}"#)
            XCTAssertEqual(allowed.status, .created)
            let leader = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let read = try await leader.send(.GET, Site.API.enterpriseQualifications(own))
            XCTAssertEqual(read.status, .ok)
        }
    }
}
