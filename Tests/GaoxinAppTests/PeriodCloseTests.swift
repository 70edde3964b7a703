import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// 关账 (issue 14, item 1): a month closes only when its data is complete — the refusal lists
/// what is missing; a closed month's figures change only with a reason, kept as restatements
/// (old, new, who, why) shown on the month's page and in its API; an import cannot change a closed
/// month (an unchanged export still imports back); reopening is the office's, with its reason in
/// the audit log. Today is 2026-09-21 (`Fixtures.startOfTest`).
final class PeriodCloseTests: XCTestCase {
    let month = "2026-08"

    func audits(_ app: Application, entity: String, action: String, entityID: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$entity == entity).filter(\.$action == action).filter(\.$entityID == entityID).sort(\.$id).all()
    }

    /// An above-scale enterprise, a top-down cluster and a project with this year's investment,
    /// none of which has reported August yet.
    func seed(_ office: APIClient, _ fixtures: Fixtures) async throws -> (enterprise: Int, cluster: Int, investment: Int) {
        let enterprise = try await office.createEnterprise("关账测试半导体有限公司", code: USCC.numbered(4401), unit: fixtures.team, aboveScale: true)
        try await office.createEnterprise("关账测试小微企业有限公司", code: USCC.numbered(4402), unit: fixtures.team, aboveScale: false)
        let cluster = try await office.object(try await office.send(.POST, Site.API.clusters, body: [
            "name": "关账测试产业集群", "category": "emerging", "leadUnitId": fixtures.zone, "annualTarget": 1_000_000, "figuresSource": "top_down"]))["id"] as! Int
        let project = try AttractionRequests.created(try await AttractionRequests.project(office, "GZ-1", unit: fixtures.team, investment: 50_000))
        var months: [String: Any] = ["code": "GZTZ-1", "projectId": project, "year": 2026, "plannedAmount": 12_000]
        for m in 1...7 { months[String(format: "m%02d", m)] = 1_000 }
        let investment = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.projectInvestments.apiPath, body: months))
        return (enterprise, cluster, investment)
    }

    /// What `seed` left unreported for August, reported; then August closed.
    func reportAugustAndClose(_ office: APIClient, _ seeded: (enterprise: Int, cluster: Int, investment: Int)) async throws {
        _ = try await office.send(.PUT, "/api/v1/enterprises/\(seeded.enterprise)/indicators/\(month)", body: ["revenue": 1_200])
        _ = try await office.send(.PUT, "/api/v1/clusters/\(seeded.cluster)/figures/\(month)", body: ["revenue": 80_000])
        _ = try await office.send(.PATCH, RegisterDeclaration.projectInvestments.apiPath(seeded.investment), body: ["m08": 900])
        try await AssertAsync.equal(try await office.send(.POST, "/api/v1/periods/\(month)/close").status, .ok)
    }

    func testAMonthClosesOnlyWhenComplete() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let seeded = try await seed(office, fixtures)

            let status = try office.json(try await office.send(.GET, "/api/v1/periods/\(month)"))
            XCTAssertEqual(status["closed"] as? Bool, false)
            let gaps = Dictionary(uniqueKeysWithValues: (status["gaps"] as! [[String: Any]]).map { ($0["key"] as! String, $0) })
            XCTAssertEqual(gaps["enterpriseFigures"]?["count"] as? Int, 1, "only the above-scale enterprise must report")
            XCTAssertEqual((gaps["enterpriseFigures"]?["items"] as? [[String: Any]])?.first?["name"] as? String, "关账测试半导体有限公司")
            XCTAssertEqual(gaps["clusterFigures"]?["count"] as? Int, 1)
            XCTAssertEqual(gaps["projectInvestments"]?["count"] as? Int, 1)

            let auditCount = try await Probe.auditCount(app)
            let refused = try SeenAPIError(try await office.send(.POST, "/api/v1/periods/\(month)/close"))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.message.contains("未报送当月数据的规上企业 1 个"), refused.message)
            XCTAssertTrue(refused.message.contains("当年投资未报至本月的项目 1 个"), refused.message)
            try await AssertAsync.equal(try await Probe.auditCount(app), auditCount, "a refused close writes nothing")
            try await AssertAsync.equal(try await PeriodCloseRecord.query(on: app.db).count(), 0)

            // The page lists the same gaps, linked.
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get("/periods/\(month)")
            XCTAssertTrue(page.text.contains("href=\"/enterprises/\(seeded.enterprise)\""), page.text)
            XCTAssertTrue(page.text.contains("关账测试产业集群"))

            // Fill what is missing, then close.
            try await AssertAsync.equal(try await office.send(.PUT, "/api/v1/enterprises/\(seeded.enterprise)/indicators/\(month)", body: ["revenue": 1_200]).status, .ok)
            try await AssertAsync.equal(try await office.send(.PUT, "/api/v1/clusters/\(seeded.cluster)/figures/\(month)", body: ["revenue": 80_000]).status, .ok)
            try await AssertAsync.equal(try await office.send(.PATCH, RegisterDeclaration.projectInvestments.apiPath(seeded.investment), body: ["m08": 900]).status, .ok)
            let closed = try await office.send(.POST, "/api/v1/periods/\(month)/close")
            XCTAssertEqual(closed.status, .ok, closed.text)
            XCTAssertEqual(try office.json(closed)["closed"] as? Bool, true)
            let closes = try await audits(app, entity: "period_close", action: "create", entityID: month)
            XCTAssertEqual(closes.count, 1)
            try await AssertAsync.equal(try SeenAPIError(try await office.send(.POST, "/api/v1/periods/\(month)/close")).status, .conflict, "closed once")
            let list = try await browser.get("/periods")
            XCTAssertTrue(list.text.contains("已关账（测试集群办"), list.text)
        }
    }

    func testAClosedMonthIsCorrectedOnlyWithAReasonAndTheCorrectionIsKept() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let seeded = try await seed(office, fixtures)
            let indicator = "/api/v1/enterprises/\(seeded.enterprise)/indicators/\(month)"
            _ = try await office.send(.PUT, indicator, body: ["revenue": 1_200, "employees": 30])
            _ = try await office.send(.PUT, "/api/v1/clusters/\(seeded.cluster)/figures/\(month)", body: ["revenue": 80_000])
            _ = try await office.send(.PATCH, RegisterDeclaration.projectInvestments.apiPath(seeded.investment), body: ["m08": 900])
            try await AssertAsync.equal(try await office.send(.POST, "/api/v1/periods/\(month)/close").status, .ok)

            let silent = try SeenAPIError(try await office.send(.PUT, indicator, body: ["revenue": 1_300]))
            XCTAssertEqual(silent.status, .unprocessableEntity)
            XCTAssertEqual(silent.field, "restatementReason")
            XCTAssertTrue(silent.message.contains("已关账"), silent.message)
            let stored = try office.json(try await office.send(.GET, "/api/v1/enterprises/\(seeded.enterprise)/indicators"))
            XCTAssertEqual(((stored["items"] as? [[String: Any]])?.first { $0["period"] as? String == month })?["revenue"] as? Int, 1_200, "nothing written")

            // PUT replaces the month: the figures kept are sent again; only the changed one is restated.
            let corrected = try await office.send(.PUT, indicator, body: ["revenue": 1_300, "employees": 30, "restatementReason": "统计局反馈口径调整"])
            XCTAssertEqual(corrected.status, .ok, corrected.text)
            let figure = try await office.send(.PUT, "/api/v1/clusters/\(seeded.cluster)/figures/\(month)", body: ["revenue": 82_000, "restatementReason": "补报两家企业"])
            XCTAssertEqual(figure.status, .ok, figure.text)
            try await AssertAsync.equal(try SeenAPIError(try await office.send(.DELETE, "/api/v1/clusters/\(seeded.cluster)/figures/\(month)")).status, .conflict,
                           "a closed month's figure is corrected, not deleted")

            let status = try office.json(try await office.send(.GET, "/api/v1/periods/\(month)"))
            let restatements = try XCTUnwrap(status["restatements"] as? [[String: Any]])
            XCTAssertEqual(restatements.count, 2, "\(restatements)")
            XCTAssertEqual(restatements[0]["subject"] as? String, "关账测试半导体有限公司")
            XCTAssertEqual(restatements[0]["figure"] as? String, "营业收入（万元）")
            XCTAssertEqual(restatements[0]["oldValue"] as? Int, 1_200)
            XCTAssertEqual(restatements[0]["newValue"] as? Int, 1_300)
            XCTAssertEqual(restatements[0]["reason"] as? String, "统计局反馈口径调整")
            XCTAssertEqual(restatements[0]["by"] as? String, "测试集群办")
            XCTAssertEqual(restatements[1]["oldValue"] as? Int, 80_000)
            XCTAssertEqual(restatements[1]["newValue"] as? Int, 82_000)
            let audit = try await audits(app, entity: "enterprise_indicator", action: "update", entityID: "\(seeded.enterprise)/\(month)")
            XCTAssertTrue(audit.contains { $0.summary.contains("更正已关账月份：统计局反馈口径调整") })

            // The form says the same at the field, and the month's page shows the correction.
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.enterprise(seeded.enterprise))
            let form = try await browser.post(Site.enterpriseIndicators(seeded.enterprise), [("period", month), ("revenue", "1400"), ("restatementReason", "")])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertTrue(form.text.contains("已关账，更正该月数据须填写更正原因"), form.text)
            let page = try await browser.get("/periods/\(month)")
            XCTAssertTrue(page.text.contains("统计局反馈口径调整") && page.text.contains("补报两家企业"))
            // Beside the figure wherever it is shown: the enterprise's months, the cluster's months
            // (whose closed month offers no delete button).
            let badge = "<a class=\"badge\" href=\"/periods/\(month)\">已更正</a>"
            let enterprisePage = try await browser.get(Site.enterprise(seeded.enterprise))
            XCTAssertTrue(enterprisePage.text.contains(badge), enterprisePage.text)
            let clusterPage = try await browser.get(Site.cluster(seeded.cluster) + "?month=\(month)")
            XCTAssertTrue(clusterPage.text.contains(badge), clusterPage.text)
            XCTAssertFalse(clusterPage.text.contains(Site.clusterFigureDelete(seeded.cluster, month)), "no delete for a closed month")
        }
    }

    func testAnImportCannotChangeAClosedMonthButAnUnchangedExportImportsBack() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let office = driver.api
            let seeded = try await seed(office, fixtures)
            try await reportAugustAndClose(office, seeded)
            let code = USCC.numbered(4401)

            let (_, changing) = try await driver.viaAPI("indicators", fileName: "更正.csv", data: ImportDriver.csv([
                "统一社会信用代码,企业名称,月份,营业收入（万元）", "\(code),,2026-07,1000", "\(code),,\(month),1500",
            ]))
            XCTAssertEqual(changing["status"] as? String, "failed", "\(changing)")
            let errors = ImportDriver.errors(changing)
            XCTAssertEqual(errors.count, 1, "\(errors)")
            XCTAssertEqual(errors.first?.row, 3)
            XCTAssertEqual(errors.first?.column, "月份")
            XCTAssertTrue(errors.first?.reason.contains("已关账") ?? false, "\(errors)")
            let july = try office.json(try await office.send(.GET, "/api/v1/enterprises/\(seeded.enterprise)/indicators"))
            XCTAssertFalse(((july["items"] as? [[String: Any]]) ?? []).contains { $0["period"] as? String == "2026-07" }, "all or nothing")

            let (_, same) = try await driver.viaAPI("indicators", fileName: "原样.csv", data: ImportDriver.csv([
                "统一社会信用代码,企业名称,月份,营业收入（万元）", "\(code),,\(month),1200",
            ]))
            XCTAssertEqual(same["status"] as? String, "succeeded", "\(same)")

            let (_, cluster) = try await driver.viaAPI("cluster-figures", fileName: "集群.csv", data: ImportDriver.csv([
                "产业集群,月份,规上营收（万元）,备注", "关账测试产业集群,\(month),90000,",
            ]))
            XCTAssertEqual(cluster["status"] as? String, "failed", "\(cluster)")
            try await AssertAsync.equal(try await Restatement.query(on: app.db).count(), 0, "no restatement came from a file")
        }
    }

    /// The zone's own indicators (custom figures) are frozen with the month too: imported before the
    /// close, changed after it only once the office reopens the month; an unchanged row passes.
    func testAClosedMonthsCustomFiguresChangeOnlyAfterReopening() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let office = driver.api
            let seeded = try await seed(office, fixtures)
            let created = try await office.send(.POST, RegisterDeclaration.zoneIndicators.apiPath, body: ["code": "ZB-01", "name": "专利授权数", "unit": "件", "kind": "count"])
            XCTAssertEqual(created.status, .created, created.text)
            let code = USCC.numbered(4401)
            let header = "统一社会信用代码,月份,指标,数值"
            let (_, before) = try await driver.viaAPI("custom-figures", fileName: "8月.csv", data: ImportDriver.csv([header, "\(code),\(month),专利授权数,3"]))
            XCTAssertEqual(before["status"] as? String, "succeeded", "\(before)")
            try await reportAugustAndClose(office, seeded)

            let (_, changing) = try await driver.viaAPI("custom-figures", fileName: "更正.csv", data: ImportDriver.csv([
                header, "\(code),2026-07,专利授权数,1", "\(code),\(month),专利授权数,5", "\(code),\(month),ZB-01,5",
            ]))
            XCTAssertEqual(changing["status"] as? String, "failed", "\(changing)")
            let errors = ImportDriver.errors(changing)
            XCTAssertEqual(errors.map(\.row), [3, 4], "the closed month at its row, the repeat at its own: \(errors)")
            XCTAssertEqual(errors.first?.column, "月份")
            XCTAssertTrue(errors.first?.reason.contains("\(month) 已关账：专利授权数已报 3") ?? false, "\(errors)")
            let (_, same) = try await driver.viaAPI("custom-figures", fileName: "原样.csv", data: ImportDriver.csv([header, "\(code),\(month),专利授权数,3"]))
            XCTAssertEqual(same["status"] as? String, "succeeded", "\(same)")

            let reopened = try await office.send(.POST, "/api/v1/periods/\(month)/reopen", body: ["reason": "统计局要求重报"])
            XCTAssertEqual(reopened.status, .ok, reopened.text)
            let (_, after) = try await driver.viaAPI("custom-figures", fileName: "重报.csv", data: ImportDriver.csv([header, "\(code),\(month),专利授权数,5"]))
            XCTAssertEqual(after["status"] as? String, "succeeded", "\(after)")
        }
    }

    func testReopeningIsTheOfficesWithAReason() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let seeded = try await seed(office, fixtures)
            try await reportAugustAndClose(office, seeded)

            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await team.send(.POST, "/api/v1/periods/\(month)/reopen", body: ["reason": "想改"]).status, .forbidden)
            let blank = try SeenAPIError(try await office.send(.POST, "/api/v1/periods/\(month)/reopen", body: ["reason": "  "]))
            XCTAssertEqual(blank.status, .unprocessableEntity)
            XCTAssertEqual(blank.field, "reason")
            let reopened = try await office.send(.POST, "/api/v1/periods/\(month)/reopen", body: ["reason": "统计局要求重报"])
            XCTAssertEqual(reopened.status, .ok, reopened.text)
            XCTAssertEqual(try office.json(reopened)["closed"] as? Bool, false)
            let audit = try await audits(app, entity: "period_close", action: "delete", entityID: month)
            XCTAssertTrue(audit.first?.summary.contains("统计局要求重报") ?? false)
            // Open again: a correction needs no reason.
            try await AssertAsync.equal(try await office.send(.PUT, "/api/v1/enterprises/\(seeded.enterprise)/indicators/\(month)", body: ["revenue": 1_250]).status, .ok)
            let future = try SeenAPIError(try await office.send(.POST, "/api/v1/periods/2099-01/close"))
            XCTAssertEqual(future.status, .unprocessableEntity, "a future month is not closed")
            XCTAssertEqual(future.field, "month")
            try await AssertAsync.equal(try await office.send(.GET, "/api/v1/periods/2099-01").status, .ok, "but can be looked at")
            try await AssertAsync.equal(try SeenAPIError(try await office.send(.GET, "/api/v1/periods/2026-13")).status, .badRequest)
            // A reason is checked even for an open month (the document says at most 500 characters).
            let long = try SeenAPIError(try await office.send(.PUT, "/api/v1/clusters/\(seeded.cluster)/figures/2026-07",
                                                               body: ["revenue": 1, "restatementReason": String(repeating: "长", count: 501)]))
            XCTAssertEqual(long.status, .unprocessableEntity)
            XCTAssertEqual(long.field, "restatementReason")
        }
    }

    /// A closed month's completed investment is frozen: an edit that changes it is refused at the
    /// month's field (empty and 0 are the same), an unchanged one passes, open months stay open,
    /// and after the office reopens the month the correction goes through.
    func testAClosedMonthsCompletedInvestmentChangesOnlyAfterReopening() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let seeded = try await seed(office, fixtures)
            try await reportAugustAndClose(office, seeded)
            let plan = RegisterDeclaration.projectInvestments.apiPath(seeded.investment)

            let audits = try await Probe.auditCount(app)
            let refused = try SeenAPIError(try await office.send(.PATCH, plan, body: ["m08": 950]))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertEqual(refused.field, "m08")
            XCTAssertTrue(refused.message.contains("2026-08 已关账，完成投资不能再改（0.09 → 0.10 亿元）"), refused.message)
            try await AssertAsync.equal(try await Probe.auditCount(app), audits, "nothing written")
            // July is not closed; the closed August unchanged passes; a later month is open.
            let open = try await office.send(.PATCH, plan, body: ["m07": 1_100, "m08": 900, "m09": 700])
            XCTAssertEqual(open.status, .ok, open.text)
            XCTAssertEqual(try office.json(open)["m09"] as? Int, 700)

            // A new plan may not put an amount into the closed month; zeros are nothing completed.
            let other = try AttractionRequests.created(try await AttractionRequests.project(office, "GZ-2", unit: fixtures.team, investment: 20_000))
            var months: [String: Any] = ["code": "GZTZ-2", "projectId": other, "year": 2026, "plannedAmount": 6_000]
            for m in 1...8 { months[String(format: "m%02d", m)] = m == 8 ? 300 : 0 }
            let added = try SeenAPIError(try await office.send(.POST, RegisterDeclaration.projectInvestments.apiPath, body: months))
            XCTAssertEqual(added.field, "m08")
            months["m08"] = 0
            _ = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.projectInvestments.apiPath, body: months))

            // Corrected while closed: only as a restatement with its reason, kept and listed.
            let restate = plan + "/restate"
            let noReason = try SeenAPIError(try await office.send(.POST, restate, body: ["month": month, "amount": 950]))
            XCTAssertEqual(noReason.field, "restatementReason")
            let openMonth = try SeenAPIError(try await office.send(.POST, restate, body: ["month": "2026-09", "amount": 800, "restatementReason": "补报"]))
            XCTAssertEqual(openMonth.field, "month", "an open month is simply edited")
            let same = try SeenAPIError(try await office.send(.POST, restate, body: ["month": month, "amount": 900, "restatementReason": "核对"]))
            XCTAssertEqual(same.field, "amount")
            try await AssertAsync.equal(try await Restatement.query(on: app.db).count(), 0, "nothing written by a refusal")
            let restated = try await office.send(.POST, restate, body: ["month": month, "amount": 940, "restatementReason": "项目办核实 8 月完成额"])
            XCTAssertEqual(restated.status, .ok, restated.text)
            XCTAssertEqual(try office.json(restated)["m08"] as? Int, 940)
            let rows = try await Restatement.query(on: app.db).filter(\.$entity == InvestmentRestatement.entity).all()
            XCTAssertEqual(rows.map { [$0.oldValue, $0.newValue] }, [[900, 940]])
            XCTAssertEqual(rows.first?.reason, "项目办核实 8 月完成额")
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(RegisterDeclaration.projectInvestments.path(seeded.investment))
            XCTAssertTrue(page.text.contains("已关账月份的更正") && page.text.contains("项目办核实 8 月完成额"), page.text)
            let formRefused = try await browser.post(RegisterDeclaration.projectInvestments.path(seeded.investment) + "/restate",
                                                     [("month", month), ("amountYi", "0.1"), ("restatementReason", "")])
            XCTAssertEqual(formRefused.status, .unprocessableEntity)
            XCTAssertTrue(formRefused.text.contains("restatementReason-error"), formRefused.text)

            try await AssertAsync.equal(try await office.send(.POST, "/api/v1/periods/\(month)/reopen", body: ["reason": "项目办更正 8 月完成额"]).status, .ok)
            let corrected = try await office.send(.PATCH, plan, body: ["m08": 950])
            XCTAssertEqual(corrected.status, .ok, corrected.text)
            XCTAssertEqual(try office.json(corrected)["m08"] as? Int, 950)
        }
    }
}
