import Fluent
import Foundation
import GaoxinDomain
import SQLKit
@testable import GaoxinApp
@testable import GaoxinSheets
import XCTVapor
import XCTest

/// 区域指标 (issue 14, item 4): the KPI system as data — computed indicators agree with a hand
/// count over the raw rows and show their query; entered ones take yearly values; targets in the
/// wrong unit are refused with the conversion, nothing written; the board shows value, target,
/// light and history to every reader, as a page, a workbook and the API.
final class ZoneKpiTests: XCTestCase {
    func client(_ app: Application, _ username: String) async throws -> APIClient {
        let found = try await User.query(on: app.db).filter(\.$username == username).first()
        let user = try XCTUnwrap(found)
        return try await APIClient.forUser(user.id!, app: app)
    }

    func row(_ board: [String: Any], _ code: String) throws -> [String: Any] {
        try XCTUnwrap((board["rows"] as? [[String: Any]])?.first { $0["code"] as? String == code }, code)
    }

    func testComputedIndicatorsAgreeWithAHandCountOverTheRawRowsAndShowTheirQuery() async throws {
        try await withDemoApp { app in
            let sql = app.db as! any SQLDatabase
            let leader = try await client(app, "leader")
            let response = try await leader.send(.GET, ZoneKpiPages.apiPath + "/2025")
            XCTAssertEqual(response.status, .ok, response.text)
            let board = try leader.object(response)
            XCTAssertEqual(board["asOf"] as? String, "2025-12-31")

            // 有效高企 on 31 December 2025, counted here from every qualification row.
            var highTech = Set<Int>()
            for q in try await sql.raw("SELECT enterprise_id, granted_on, expires_on FROM enterprise_qualifications WHERE kind = 'highTech'").all() {
                let granted = try q.decode(column: "granted_on", as: String.self), expires = try q.decode(column: "expires_on", as: String?.self)
                if granted <= "2025-12-31", (expires ?? "9999") >= "2025-12-31" { highTech.insert(try q.decode(column: "enterprise_id", as: Int.self)) }
            }
            XCTAssertGreaterThan(highTech.count, 0)
            let zb01 = try row(board, "ZB-01")
            XCTAssertEqual(zb01["value"] as? Double, Double(highTech.count))
            XCTAssertEqual(zb01["target"] as? Double, 4)
            XCTAssertTrue((zb01["query"] as? String)?.contains("enterprise_qualifications") == true)
            XCTAssertEqual((zb01["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "asOf" }?["value"] as? String, "2025-12-31")

            // R&D intensity from the enterprises' own monthly rows (not the roll-up the query reads).
            var rd: Int64 = 0, revenue: Int64 = 0
            for figure in try await sql.raw("""
                SELECT i.rd_expense, i.revenue FROM enterprise_indicators i JOIN enterprises e ON e.id = i.enterprise_id
                WHERE e.active = \(bind: true) AND i.period LIKE '2025-%'
                """).all() {
                rd += try figure.decode(column: "rd_expense", as: Int64?.self) ?? 0
                revenue += try figure.decode(column: "revenue", as: Int64?.self) ?? 0
            }
            let intensity = try XCTUnwrap(try row(board, "ZB-02")["value"] as? Double)
            XCTAssertEqual(intensity, (Double(rd) / Double(revenue) * 100 * 100).rounded() / 100, accuracy: 1e-9)

            // Talents introduced in 2025, and the years before from the same register.
            let talents = try await sql.raw("SELECT introduced_on FROM talents WHERE active = \(bind: true)").all()
                .compactMap { try $0.decode(column: "introduced_on", as: String?.self) }
            let zb14 = try row(board, "ZB-14")
            let history = try XCTUnwrap(zb14["history"] as? [[String: Any]])
            XCTAssertEqual(history.map { $0["year"] as? Int }, [2022, 2023, 2024, 2025])
            for entry in history {
                let year = try XCTUnwrap(entry["year"] as? Int)
                XCTAssertEqual(entry["value"] as? Double, Double(talents.filter { $0.hasPrefix("\(year)-") }.count), "talents \(year)")
            }

            // An entered indicator: the value typed for the year, its basis, no query.
            let zb13 = try row(board, "ZB-13")
            XCTAssertEqual(zb13["value"] as? Double, 1.52)
            XCTAssertEqual(zb13["target"] as? Double, 1.6)
            XCTAssertEqual(zb13["basis"] as? String, "示例数据")
            XCTAssertNil(zb13["query"])
            // 1.52 of 1.6 is 95 %: a flow at the year's end is compared with the whole target — amber (5 points behind at most).
            XCTAssertEqual(zb13["progress"] as? Double ?? 0, 0.95, accuracy: 1e-9)
            XCTAssertEqual(zb13["pace"] as? String, "slightly_behind")
            // 71.2 of 80 万平方米 is 89 %: red.
            XCTAssertEqual(try row(board, "ZB-12")["pace"] as? String, "behind")
            let zb05 = try row(board, "ZB-05")
            XCTAssertEqual(zb05["pace"] as? String, "on_pace", "6 of 6 incubators")
        }
    }

    func testATargetOrValueInTheWrongUnitIsRefusedWithTheConversionAndNothingIsWritten() async throws {
        try await withDemoApp { app in
            let office = try await client(app, "office")
            let sql = app.db as! any SQLDatabase
            func id(_ code: String) async throws -> Int {
                let found = try await sql.raw("SELECT id FROM zone_kpis WHERE code = \(bind: code)").first(decodingColumn: "id", as: Int.self)
                return try XCTUnwrap(found)
            }
            let carrier = try await id("ZB-12"), intensity = try await id("ZB-02"), highTech = try await id("ZB-01"), graduates = try await id("ZB-13")
            let before = try await sql.raw("SELECT COUNT(*) AS n FROM zone_kpi_targets").first(decodingColumn: "n", as: Int.self)
            let audits = try await Probe.auditCount(app)
            let cases: [(kpi: Int, target: Any, field: String, message: String)] = [
                (carrier, 800_000, "target", "以“万平方米”计：800000 平方米 应填 80"),
                (graduates, 16_000, "target", "以“万人”计：16000 人 应填 1.6"),
                (intensity, 320, "target", "以 % 计，应在 0–100 之间"),
                (highTech, 12.5, "target", "以“家”计，应为整数"),
                (highTech, 1.234, "target", "最多 2 位小数"),
            ]
            for (index, bad) in cases.enumerated() {
                let refused = try SeenAPIError(try await office.send(.POST, RegisterDeclaration.zoneKpiTargets.apiPath,
                                                                     body: ["code": "T-\(index)", "kpiId": bad.kpi, "year": 2026, "target": bad.target]))
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(bad)")
                XCTAssertEqual(refused.field, bad.field, "\(bad)")
                XCTAssertTrue(refused.message.contains(bad.message), refused.message)
            }
            // A computed indicator takes no entries; an indicator whose unit disagrees with its source is refused at the unit.
            let entry = try SeenAPIError(try await office.send(.POST, RegisterDeclaration.zoneKpiValues.apiPath,
                                                               body: ["code": "V-1", "kpiId": highTech, "year": 2026, "value": 5]))
            XCTAssertEqual(entry.field, "kpiId")
            XCTAssertTrue(entry.message.contains("由系统按“有效高新技术企业数”计算，无需填报"), entry.message)
            let kpi = try SeenAPIError(try await office.send(.POST, RegisterDeclaration.zoneKpis.apiPath, body: [
                "code": "ZB-99", "name": "研发强度（错）", "category": "innovation", "measure": "yi", "source": "rdIntensity", "cumulative": false]))
            XCTAssertEqual(kpi.field, "measure")
            XCTAssertTrue(kpi.message.contains("计量单位应为“%”"), kpi.message)
            try await AssertAsync.equal(try await sql.raw("SELECT COUNT(*) AS n FROM zone_kpi_targets").first(decodingColumn: "n", as: Int.self), before)
            try await AssertAsync.equal(try await Probe.auditCount(app), audits)

            // The same target in the indicator's unit is taken, shown and audited.
            let created = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.zoneKpiTargets.apiPath,
                                                                                body: ["code": "T-ok", "kpiId": carrier, "year": 2026, "target": 80]))
            let shown = try office.object(try await office.send(.GET, RegisterDeclaration.zoneKpiTargets.apiPath(created)))
            XCTAssertEqual(shown["target"] as? Double, 80)
            try await AssertAsync.equal(try await Probe.auditCount(app), audits + 1)
            // A second target for the same indicator and year is refused, naming the first.
            let twice = try SeenAPIError(try await office.send(.POST, RegisterDeclaration.zoneKpiTargets.apiPath,
                                                               body: ["code": "T-again", "kpiId": carrier, "year": 2026, "target": 90]))
            XCTAssertTrue(twice.message.contains("2026 年已有目标“T-ok”"), twice.message)
        }
    }

    func testTheBoardPageAndWorkbookShowEveryIndicatorWithItsQueryToALeader() async throws {
        try await withDemoApp { app in
            // The demo's passwords are drawn at random; the test gives the demo leader a known one.
            let account = try await User.query(on: app.db).filter(\.$username == "leader").first()
            let demoLeader = try XCTUnwrap(account)
            demoLeader.passwordHash = try Bcrypt.hash(Fixtures.password)
            try await demoLeader.save(on: app.db)
            let leader = Browser(app)
            let signedIn = try await leader.signIn("leader")
            XCTAssertEqual(signedIn.status, .seeOther)
            let page = try await leader.get(ZoneKpiPages.path + "?year=2025")
            XCTAssertEqual(page.status, .ok)
            for text in ["2025 年区域指标", "创新能力和创业活跃度", "年度重点目标", "引进大学生", "1.52", "1.6", "企业研发投入强度",
                         "自动计算：有效高新技术企业数", "FROM enterprise_qualifications", ":asOf = 2025-12-31", "填报", "完成进度 ≥ 时序进度"] {
                XCTAssertTrue(page.text.contains(text), text)
            }
            XCTAssertFalse(page.text.contains("action=\"/zone-kpis\" method=\"post\""), "a leader sees no form to change indicators")
            let bad = try await leader.get(ZoneKpiPages.path + "?year=12345")
            XCTAssertEqual(bad.status, .badRequest)
            let export = try await leader.get(ZoneKpiPages.path + "/export?year=2025")
            XCTAssertEqual(export.status, .ok)
            let sheets = try XLSXReader.read(Data(export.body.readableBytesView))
            let rows = try XCTUnwrap(sheets.first?.rows)
            XCTAssertEqual(Array(rows.first?.prefix(3) ?? []), [.text("指标代码"), .text("指标名称"), .text("指标类别")])
            XCTAssertEqual(rows.count, 1 + DemoZoneKpis.indicators.count)
        }
    }
}
