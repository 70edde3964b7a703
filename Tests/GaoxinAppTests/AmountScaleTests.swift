@testable import GaoxinApp
import XCTVapor
import XCTest

/// An amount typed in 元 where 万元 is asked (issue 13, bad input): a value 10,000 times the
/// typical one of its field is held back until confirmed — in the form by a box, in the API by
/// `confirmLargeAmounts` — and refused in an import; nothing is written before.
final class AmountScaleTests: XCTestCase {
    func testAnAmountTenThousandTimesTheTypicalOneNeedsConfirmation() async throws {
        try await withApp { app, fixtures in
            let projects = RegisterDeclaration.projects
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            for (index, investment) in ([10_000, 20_000, 30_000, 40_000, 50_000] as [Int64]).enumerated() {
                try await AssertAsync.equal(try await AttractionRequests.project(office.api, "XM-S\(index)", unit: fixtures.team, investment: investment).status, .created)
            }
            // Beyond any real figure (Wan.registerMaximum) is refused outright, whatever is confirmed.
            let absurd = try await office.api.send(.POST, RegisterDeclaration.projectInvestments.apiPath, body: [
                "code": "TZ-MAX", "projectId": 1, "year": 2026, "plannedAmount": Int64.max - 1, "confirmLargeAmounts": true])
            XCTAssertEqual(try apiErrorObject(absurd)["field"] as? String, "plannedAmount")
            XCTAssertTrue((try apiErrorObject(absurd)["message"] as? String)?.contains("超出上限") ?? false)
            // 3.8 亿元 typed as 380,000,000 (元) into a 万元 field: 12,667 × the median 30,000.
            let typedInYuan = try await AttractionRequests.project(office.api, "XM-Y", unit: fixtures.team, investment: 380_000_000)
            XCTAssertEqual(typedInYuan.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(typedInYuan)["field"] as? String, "totalInvestment")
            let message = try XCTUnwrap(apiErrorObject(typedInYuan)["message"] as? String)
            XCTAssertTrue(message.contains("约 3.00 亿元") && message.contains("一万倍以上") && message.contains("confirmLargeAmounts"), message)
            try await AssertAsync.equal(try await Stored.count(app, "projects"), 5, "nothing written")
            let badFlag = try await AttractionRequests.project(office.api, "XM-Y", unit: fixtures.team, investment: 380_000_000, extra: ["confirmLargeAmounts": "yes"])
            XCTAssertEqual(try apiErrorObject(badFlag)["field"] as? String, "confirmLargeAmounts")
            try await AssertAsync.equal(try await AttractionRequests.project(office.api, "XM-L", unit: fixtures.team, investment: 200_000).status, .created,
                                        "large but plausible (about 7 × the median) needs nothing")
            let confirmed = try await AttractionRequests.project(office.api, "XM-Y", unit: fixtures.team, investment: 380_000_000, extra: ["confirmLargeAmounts": true])
            XCTAssertEqual(confirmed.status, .created, confirmed.text)
            let id = try XCTUnwrap(parseJSONObject(confirmed)["id"] as? Int)
            try await AssertAsync.equal(try await office.api.send(.PATCH, projects.apiPath(id), body: ["name": "改名后的项目"]).status, .ok,
                                        "an unchanged amount is not asked again")

            // The form: 4.8 万亿 typed for 4.8 亿 (12,000 × the median 40,000 now) is held back with the box offered, saved once ticked.
            let browser = try await Browser.signedIn(app, as: .office)
            let form: [(String, String)] = [("code", "XM-F"), ("name", "表单项目"), ("investor", "投资方"), ("owningUnitId", String(fixtures.team)),
                                            ("category", "industrial"), ("totalInvestment", "48000"), ("level", "none"), ("stage", "signed"), ("signedOn", "2026-03-01")]
            let held = try await browser.post(projects.path, form)
            XCTAssertEqual(held.status, .unprocessableEntity)
            XCTAssertTrue(held.text.contains("name=\"confirmLargeAmounts\"") && held.text.contains("金额已核对"), "the box is offered")
            let saved = try await browser.post(projects.path, form + [("confirmLargeAmounts", "1")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)

            // An import row is refused, the whole file with it.
            let file = ImportDriver.csv(["项目编号,项目名称,投资方,责任单位,项目类别,总投资（万元）,重大项目级别,阶段,签约日期",
                                         "XM-I1,导入项目一,投资方,ZS-JCDL,产业项目,25000,一般项目,签约,2026-03-01",
                                         "XM-I2,导入项目二,投资方,ZS-JCDL,产业项目,900000000,一般项目,签约,2026-03-01"])
            let (_, job) = try await office.viaAPI(projects.key, fileName: "项目.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            XCTAssertEqual(ImportDriver.errors(job).map(\.row), [3])
            XCTAssertTrue(ImportDriver.errors(job).first?.reason.contains("请核对") ?? false, "\(ImportDriver.errors(job))")
            try await AssertAsync.equal(try await Stored.count(app, "projects"), 8)
        }
    }
}
