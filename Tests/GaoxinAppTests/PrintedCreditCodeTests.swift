import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Credit codes as documents print them (groups separated by spaces or hyphens, full width) are
/// one code: the form, the API and an import accept them and store the compact upper-case form,
/// and a second spelling of a registered code finds that enterprise (issue 9.3).
final class PrintedCreditCodeTests: XCTestCase {
    /// `91320214MA0000301X` written as `91 320214 MA0000301X` (the grouping of printed licences).
    static func grouped(_ code: String, separator: String = " ") -> String {
        let characters = Array(code)
        return [String(characters[0..<2]), String(characters[2..<8]), String(characters[8...])].joined(separator: separator)
    }

    func testTheFormTheAPIAndAnImportTakePrintedCodes() async throws {
        try await withApp { app, fixtures in
            let (formCode, apiCode, importCode) = (USCC.numbered(301), USCC.numbered(302), USCC.numbered(303))
            let browser = try await Browser.signedIn(app, as: .office)
            let posted = try await browser.post(Site.enterprises, [
                ("name", "表单录入有限公司"), ("creditCode", Self.grouped(formCode).lowercased()), ("industryCode", "3976"), ("unitId", "\(fixtures.team)"),
            ])
            XCTAssertEqual(posted.status, .seeOther, posted.text)

            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let created = try await api.send(.POST, Site.API.enterprises, body: [
                "name": "接口录入有限公司", "creditCode": Self.grouped(apiCode, separator: "-"), "industryCode": "3976", "unitId": fixtures.team,
            ])
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(try api.object(created)["creditCode"] as? String, apiCode, "the API answers the stored compact form")

            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let lines = [EnterpriseImportTests.header, "文件导入有限公司,\(Self.grouped(importCode, separator: "\u{3000}")),3976,ZS-JCDL,是,,,"]
            let (_, job) = try await driver.viaPage("enterprises", fileName: "企业名录.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")

            for (code, name) in [(formCode, "表单录入有限公司"), (apiCode, "接口录入有限公司"), (importCode, "文件导入有限公司")] {
                let stored = try await Enterprise.query(on: app.db).filter(\.$creditCode == code).first()
                XCTAssertEqual(stored?.name, name, "\(name) is stored under the compact code \(code)")
            }

            // Another spelling of a registered code is that enterprise: a duplicate on create, an update on import.
            let again = try await api.send(.POST, Site.API.enterprises, body: [
                "name": "重复登记有限公司", "creditCode": Self.grouped(apiCode), "industryCode": "3976", "unitId": fixtures.team,
            ])
            XCTAssertEqual(again.status, .unprocessableEntity, again.text)
            XCTAssertEqual(try apiErrorObject(again)["field"] as? String, "creditCode")
            let figures = [EnterpriseImportTests.indicatorHeader, "\(Self.grouped(importCode, separator: "-")),文件导入有限公司,2026-03,1200,,,,,"]
            let (_, figuresJob) = try await driver.viaPage("indicators", fileName: "月度指标.csv", data: ImportDriver.csv(figures))
            XCTAssertEqual(figuresJob["status"] as? String, "succeeded", "\(figuresJob)")
        }
    }

    func testAPrintedCodeWithAWrongCheckCharacterIsStillRefusedAtItsField() async throws {
        try await withApp { app, fixtures in
            let (wrong, message) = USCC.withWrongCheck(USCC.numbered(304))
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let refused = try await api.send(.POST, Site.API.enterprises, body: [
                "name": "校验失败有限公司", "creditCode": Self.grouped(wrong), "industryCode": "3976", "unitId": fixtures.team,
            ])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let error = try apiErrorObject(refused)
            XCTAssertEqual(error["field"] as? String, "creditCode")
            XCTAssertEqual(error["message"] as? String, message, "the check, not the length, is what is wrong")
            let count = try await Enterprise.query(on: app.db).filter(\.$name == "校验失败有限公司").count()
            XCTAssertEqual(count, 0)
        }
    }
}
