import Foundation
@testable import GaoxinApp
import GaoxinDomain
import GaoxinSheets
import Vapor
import XCTest

/// Zone-defined indicators (issue 12 item 7): the office declares a metric as data (name, unit,
/// kind); values per enterprise and month are imported all or nothing, exported in the same
/// format and shown on the enterprise page — no code per metric.
final class CustomFigureTests: XCTestCase {
    func testAnIndicatorDeclaredAsDataIsImportedExportedAndShown() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let api = office.api
            let indicators = RegisterDeclaration.zoneIndicators
            for (code, name, unit, kind) in [("ZB-01", "专利授权数", "件", "count"), ("ZB-02", "技术改造投入", "万元", "money")] {
                let created = try await api.send(.POST, indicators.apiPath, body: ["code": code, "name": name, "unit": unit, "kind": kind])
                XCTAssertEqual(created.status, .created, created.text)
            }
            let unitRole = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let refused = try await unitRole.send(.POST, indicators.apiPath, body: ["code": "ZB-09", "name": "自设指标", "unit": "个", "kind": "count"])
            XCTAssertEqual(refused.status, .forbidden, "indicators are the office's to define")
            let enterprise = try await api.createEnterprise("自定义指标测试有限公司", code: USCC.numbered(91), unit: fixtures.team, aboveScale: true)

            // Today is 2026-09-21 (Fixtures.startOfTest).
            let code = USCC.numbered(91)
            let bad = ImportDriver.csv([
                "统一社会信用代码,月份,指标,数值",
                "\(code),2026-08,专利授权数,3",
                "\(code),2026-08,不存在的指标,1",
                "\(code),2026-12,专利授权数,1",
                "\(code),2026-07,技术改造投入,12.5",
                "\(code),2026-08,ZB-01,4",
            ])
            let (_, failed) = try await office.viaAPI("custom-figures", fileName: "自定义.csv", data: bad)
            XCTAssertEqual(failed["status"] as? String, "failed")
            let errors = ImportDriver.errors(failed)
            XCTAssertEqual(errors.map(\.row), [3, 4, 5, 6], "\(errors)")
            XCTAssertTrue(errors[0].reason.contains("找不到自定义指标“不存在的指标”"))
            XCTAssertEqual(errors[1].reason, "不能填报未来月份 2026-12")
            XCTAssertEqual(errors[2].column, "数值")
            XCTAssertEqual(errors[3].reason, "与第 2 行是同一企业、同一月份、同一指标", "an indicator named by its code is the same indicator")
            try await AssertAsync.equal(try await Stored.count(app, "enterprise_custom_figures"), 0)

            let good = ImportDriver.csv(["统一社会信用代码,月份,指标,数值", "\(code),2026-08,专利授权数,3", "\(code),2026-08,ZB-02,1250", "\(code),2026-07,专利授权数,1"])
            let (_, done) = try await office.viaPage("custom-figures", fileName: "自定义.csv", data: good)
            XCTAssertEqual(done["status"] as? String, "succeeded", "\(done)")
            try await AssertAsync.equal(try await Stored.count(app, "enterprise_custom_figures"), 3)
            // Values given for the first time are the import's own audit row's (file, checksum,
            // counts), as a new month of the built-in figures is; a correction has its own row.
            try await AssertAsync.equal(try await Stored.audit(app, entity: "enterprise_custom_figure").count, 0)
            let imports = try await Stored.audit(app, entity: "import").filter { $0.entityID == "custom-figures" }
            XCTAssertEqual(imports.count, 1)
            XCTAssertEqual(try parseJSONObject(imports.first?.afterJSON)["written"] as? Int, 3, "the import's row counts what it wrote")
            _ = try await office.viaAPI("custom-figures", fileName: "again.csv", data: good)
            try await AssertAsync.equal(try await Stored.audit(app, entity: "import").filter { $0.entityID == "custom-figures" }.count, 2)
            let correction = ImportDriver.csv(["统一社会信用代码,月份,指标,数值", "\(code),2026-08,专利授权数,4", "\(code),2026-07,专利授权数,1"])
            let (_, corrected) = try await office.viaAPI("custom-figures", fileName: "更正.csv", data: correction)
            XCTAssertEqual(corrected["status"] as? String, "succeeded", "\(corrected)")
            let changed = try await Stored.audit(app, entity: "enterprise_custom_figure")
            XCTAssertEqual(changed.count, 1, "only the changed value is rewritten and audited")
            XCTAssertEqual(changed.first?.action, "update")
            XCTAssertEqual(try parseJSONObject(changed.first?.beforeJSON)["value"] as? Int, 3)
            XCTAssertEqual(try parseJSONObject(changed.first?.afterJSON)["value"] as? Int, 4)
            let back3 = ImportDriver.csv(["统一社会信用代码,月份,指标,数值", "\(code),2026-08,专利授权数,3"])
            _ = try await office.viaAPI("custom-figures", fileName: "还原.csv", data: back3)
            try await AssertAsync.equal(try await Stored.audit(app, entity: "enterprise_custom_figure").count, 2)

            // The export is the import's format and imports back unchanged.
            let exported = try await office.browser.get(Site.importData("custom-figures", format: "csv"))
            let table = try CSVFormat.read(exported.bodyData)
            XCTAssertEqual(table.rows.first?.map(\.text), ["统一社会信用代码*", "企业名称", "月份*", "指标*", "数值*"], "the template's headings, required ones marked")
            XCTAssertEqual(table.rows.count, 4)
            let (_, back) = try await office.viaAPI("custom-figures", fileName: "导出.csv", data: exported.bodyData)
            XCTAssertEqual(back["status"] as? String, "succeeded", "\(back)")
            try await AssertAsync.equal(try await Stored.audit(app, entity: "enterprise_custom_figure").count, 2, "an export imports back unchanged")

            // The enterprise page shows them, money in 亿元; a deactivated indicator is no longer accepted.
            let page = try await office.browser.get(Site.enterprise(enterprise))
            XCTAssertTrue(page.text.contains("专利授权数（件）") && page.text.contains("技术改造投入（亿元）"), "the indicators are columns")
            XCTAssertTrue(page.text.contains(">0.13<"), "1,250 万元 as 亿元")
            let listed = try api.json(try await api.send(.GET, indicators.apiPath + "?q=%E4%B8%93%E5%88%A9"))
            let id = try XCTUnwrap((listed["items"] as? [[String: Any]])?.first?["id"] as? Int)
            try await AssertAsync.equal(try await api.send(.POST, indicators.apiPath(id) + "/deactivate").status, .ok)
            let (_, stale) = try await office.viaAPI("custom-figures", fileName: "停用.csv", data: ImportDriver.csv(["统一社会信用代码,月份,指标,数值", "\(code),2026-06,专利授权数,2"]))
            XCTAssertEqual(stale["status"] as? String, "failed")
        }
    }
}
