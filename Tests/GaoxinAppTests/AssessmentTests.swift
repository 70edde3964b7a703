import Fluent
import Foundation
import GaoxinDomain
import SQLKit
@testable import GaoxinApp
@testable import GaoxinSheets
import XCTVapor
import XCTest

/// 考核 (issue 14, item 3): items with formulas as data (an unknown metric refused at the field,
/// nothing written), each unit's points per item with the formula beside them, a ranking,
/// recomputed on every view until the year's December is closed, then frozen; reopening
/// December thaws it.
final class AssessmentTests: XCTestCase {
    func item(_ office: APIClient, _ code: String, _ name: String, _ formula: String, year: Int = 2025) async throws -> XCTHTTPResponse {
        try await office.send(.POST, RegisterDeclaration.assessmentItems.apiPath, body: ["code": code, "year": year, "name": name, "formula": formula])
    }

    func testAFormulaNamingAnUnknownMetricIsRefusedAndNothingIsWritten() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let audits = try await Probe.auditCount(app)
            let refused = try SeenAPIError(try await item(office, "KH-1", "签约投资", "签约总投资 ÷ 目标签约额 × 50"))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertEqual(refused.field, "formula")
            XCTAssertTrue(refused.message.hasPrefix("公式第 9 个字符处：未知指标“目标签约额”。可用指标：签约项目数、签约总投资"), refused.message)
            try await AssertAsync.equal(try await Probe.auditCount(app), audits)
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(RegisterDeclaration.assessmentItems.path + "/new")
            let form = try await browser.post(RegisterDeclaration.assessmentItems.path, [("code", "KH-1"), ("year", "2025"), ("name", "签约投资"), ("formula", "min(签约总投资 ÷ , 1)")])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertTrue(form.text.contains("公式第 13 个字符处：不能识别“,”"), form.text)
            let count = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM assessment_items").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(count, 0)
        }
    }

    func testScoresRankAndFreezeWithTheYearsClose() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (unit, code) in [(fixtures.team, "MB-1"), (fixtures.otherTeam, "MB-2")] {
                _ = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.attractionTargets.apiPath, body: [
                    "code": code, "title": "2025年目标", "owningUnitId": unit, "year": 2025, "signedInvestment": 200_000, "over10Yi": 2]))
            }
            _ = try AttractionRequests.created(try await AttractionRequests.project(office, "KH-P1", unit: fixtures.team, investment: 150_000, signedOn: "2025-03-01",
                                                                                    extra: ["plannedRegisteredOn": "2025-06-30"]))
            _ = try AttractionRequests.created(try await item(office, "KH-01", "签约投资", "min(签约总投资 ÷ 目标签约总投资, 1.2) × 40"))
            _ = try AttractionRequests.created(try await item(office, "KH-02", "大项目", "min(超10亿元项目数 ÷ 目标超10亿元项目数, 1) × 20"))
            _ = try AttractionRequests.created(try await item(office, "KH-03", "扣分", "max(−2 × 滞后项目数, −10)"))
            _ = try AttractionRequests.created(try await item(office, "KH-99", "下一年", "签约项目数", year: 2026))

            func assessment() async throws -> [String: Any] {
                let response = try await office.send(.GET, "/api/v1/assessments/2025")
                XCTAssertEqual(response.status, .ok, response.text)
                return try office.object(response)
            }
            var result = try await assessment()
            XCTAssertEqual(result["frozen"] as? Bool, false)
            XCTAssertEqual(result["asOf"] as? String, "2025-12-31", "a past year is taken at its end")
            XCTAssertEqual((result["items"] as? [[String: Any]])?.map { $0["formula"] as? String }, [
                "min(签约总投资 ÷ 目标签约总投资, 1.2) × 40", "min(超10亿元项目数 ÷ 目标超10亿元项目数, 1) × 20", "max(−2 × 滞后项目数, −10)"], "only 2025's items")
            var rows = try XCTUnwrap(result["rows"] as? [[String: Any]])
            XCTAssertEqual(rows.map { $0["unitName"] as? String }, ["集成电路招商团队", "生命健康招商团队"])
            XCTAssertEqual(rows[0]["points"] as? [Double], [30, 10, -2], "150,000 ÷ 200,000 × 40; 1 of 2 big projects × 20; one late project")
            XCTAssertEqual(rows[0]["total"] as? Double, 38)
            XCTAssertEqual(rows[1]["points"] as? [Double], [0, 0, 0])
            XCTAssertEqual(rows[0]["rank"] as? Int, 1)

            let browser = try await Browser.signedIn(app, as: .leader)
            let page = try await browser.get("/assessments?year=2025")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("min(签约总投资 ÷ 目标签约总投资, 1.2) × 40"), "the formula is shown beside its points")
            XCTAssertTrue(page.text.contains("38.00"))
            XCTAssertTrue(page.text.contains("实时计算"))
            let sheets = try XLSXReader.read(Data(try await browser.get("/assessments/export?year=2025").body.readableBytesView))
            XCTAssertEqual(sheets.map(\.name), ["得分", "指标取值"])
            XCTAssertEqual(sheets[0].rows[1].last, .integer(38))

            // Closing December freezes the year: a later project signed in 2025 changes nothing.
            try await AssertAsync.equal(try await office.send(.POST, "/api/v1/periods/2025-12/close").status, .ok)
            _ = try AttractionRequests.created(try await AttractionRequests.project(office, "KH-P2", unit: fixtures.team, investment: 90_000, signedOn: "2025-05-01"))
            result = try await assessment()
            XCTAssertEqual(result["frozen"] as? Bool, true)
            rows = try XCTUnwrap(result["rows"] as? [[String: Any]])
            XCTAssertEqual(rows[0]["total"] as? Double, 38, "frozen")
            let frozenPage = try await browser.get("/assessments?year=2025")
            XCTAssertTrue(frozenPage.text.contains("已随 2025-12 关账冻结"))

            // Reopening December thaws it: computed again, with the late-entered project.
            try await AssertAsync.equal(try await office.send(.POST, "/api/v1/periods/2025-12/reopen", body: ["reason": "补录项目"]).status, .ok)
            result = try await assessment()
            XCTAssertEqual(result["frozen"] as? Bool, false)
            rows = try XCTUnwrap(result["rows"] as? [[String: Any]])
            XCTAssertEqual(rows[0]["points"] as? [Double], [48, 10, -2], "240,000 ÷ 200,000 capped at 1.2 × 40")
            let badYear = try SeenAPIError(try await office.send(.GET, "/api/v1/assessments/1999"))
            XCTAssertEqual(badYear.field, "year")
        }
    }
}
