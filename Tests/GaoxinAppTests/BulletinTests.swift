import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
@testable import GaoxinSheets
import SQLKit
import XCTVapor
import XCTest

/// 通报 (issue 14, item 2): drawn as a job with progress, stored, shown on a page that prints as
/// a 红头 document, downloadable as docx and xlsx; every section as of the month's end, so a
/// closed month's bulletin comes out byte for byte the same however the data moves on after it;
/// a restatement recorded after a close appears in the next month's bulletin. The demo bulletin
/// agrees with sums taken straight from the tables.
final class BulletinTests: XCTestCase {
    static let day: TimeInterval = 86_400

    func generate(_ client: APIClient, _ month: String, body: [String: Any] = [:], file: StaticString = #filePath, line: UInt = #line) async throws -> [String: Any] {
        let started = try await client.send(.POST, "/api/v1/bulletins/\(month)/generate", body: body)
        XCTAssertEqual(started.status, .accepted, started.text, file: file, line: line)
        let job = try await client.waitForJob(try XCTUnwrap(try client.object(started)["id"] as? Int), file: file, line: line)
        XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)", file: file, line: line)
        XCTAssertEqual(job["progress"] as? Int, BulletinBuilder.steps, "the job counted its sections", file: file, line: line)
        XCTAssertEqual(job["total"] as? Int, BulletinBuilder.steps, file: file, line: line)
        let read = try await client.send(.GET, "/api/v1/bulletins/\(month)")
        XCTAssertEqual(read.status, .ok, read.text, file: file, line: line)
        return try client.object(read)
    }

    func download(_ browser: Browser, _ month: String, _ format: String) async throws -> Data {
        let response = try await browser.get("/bulletins/\(month)/download?format=\(format)")
        XCTAssertEqual(response.status, .ok, response.text)
        return Data(response.body.readableBytesView)
    }

    func documentXML(_ docx: Data) throws -> String {
        var zip = try ZipExtractor(data: docx, limits: .default)
        return String(decoding: try XCTUnwrap(try zip.contents(of: "word/document.xml")), as: UTF8.self)
    }

    /// A project late on 2026-09-30 (registration planned for 09-01, not reached), one on time,
    /// an overdue obstacle on the late one, and an enterprise's September figures.
    func seed(_ office: APIClient, _ fixtures: Fixtures) async throws -> (late: Int, obstacle: Int, enterprise: Int) {
        let late = try AttractionRequests.created(try await AttractionRequests.project(office, "TB-1", unit: fixtures.team, investment: 150_000,
                                                                                       extra: ["name": "通报滞后测试项目", "plannedRegisteredOn": "2026-09-01"]))
        _ = try AttractionRequests.created(try await AttractionRequests.project(office, "TB-2", unit: fixtures.otherTeam, investment: 20_000,
                                                                                extra: ["name": "通报按期测试项目", "plannedRegisteredOn": "2026-12-01", "level": "none"]))
        let obstacle = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.obstacles.apiPath, body: [
            "code": "WT-TB-1", "title": "用电增容未批复", "projectId": late, "kind": "power", "owningUnitId": fixtures.team,
            "dueOn": "2026-09-10", "status": "open"]))
        let enterprise = try await office.createEnterprise("通报更正测试有限公司", code: USCC.numbered(5501), unit: fixtures.team)
        try await AssertAsync.equal(try await office.send(.PUT, "/api/v1/enterprises/\(enterprise)/indicators/2026-09", body: ["revenue": 1_000]).status, .ok)
        return (late, obstacle, enterprise)
    }

    func testAClosedMonthsBulletinIsReproducibleAndALaterRestatementGoesIntoTheNextOne() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let seeded = try await seed(office, fixtures)
            let closed = try await office.send(.POST, "/api/v1/periods/2026-09/close")
            XCTAssertEqual(closed.status, .ok, closed.text)

            let first = try await generate(office, "2026-09", body: ["issuer": "无锡高新区产业集群发展领导小组办公室", "number": 9])
            let content = try XCTUnwrap(first["content"] as? [String: Any])
            let header = try XCTUnwrap(content["header"] as? [String: Any])
            XCTAssertEqual(header["final"] as? Bool, true)
            XCTAssertEqual(header["issuedOn"] as? String, "2026-09-21", "dated by the close")
            XCTAssertEqual(header["asOf"] as? String, "2026-09-30")
            let late = try XCTUnwrap(content["lateProjects"] as? [String: Any])
            XCTAssertEqual(late["count"] as? Int, 1)
            let lateItem = try XCTUnwrap((late["items"] as? [[String: Any]])?.first)
            XCTAssertEqual(lateItem["name"] as? String, "通报滞后测试项目")
            XCTAssertEqual(lateItem["missed"] as? String, "注册落地")
            XCTAssertEqual(lateItem["plannedOn"] as? String, "2026-09-01")
            XCTAssertEqual((late["byUnit"] as? [[String: Any]])?.first?["unit"] as? String, "集成电路招商团队")
            let obstacles = try XCTUnwrap(content["obstacles"] as? [String: Any])
            XCTAssertEqual(obstacles["open"] as? Int, 1)
            XCTAssertEqual(obstacles["overdue"] as? Int, 1)
            let key = try XCTUnwrap(content["keyProjects"] as? [String: Any])
            XCTAssertEqual(key["keyProjects"] as? Int, 1, "the ordinary project is not a key one")
            XCTAssertEqual(key["keyInvestment"] as? Int, 150_000)
            let summary = try XCTUnwrap(content["summary"] as? [String]).joined()
            XCTAssertTrue(summary.contains("截至9月底，滞后项目 1 个，较多的是 集成电路招商团队（1 个）；未解决的项目问题 1 个，其中逾期 1 个"), summary)
            XCTAssertEqual((content["restatements"] as? [Any])?.count, 0)

            let september = try await Browser.signedIn(app, as: .office)
            let docx = try await download(september, "2026-09", "docx")
            let xlsx = try await download(september, "2026-09", "xlsx")
            let stored = try await BulletinRecord.query(on: app.db).filter(\.$month == "2026-09").first()
            let storedJSON = try XCTUnwrap(stored).contentJSON
            let xml = try documentXML(docx)
            XCTAssertTrue(xml.contains("无锡高新区产业集群发展领导小组办公室"), "the issuer heads the document")
            XCTAssertTrue(xml.contains("2026年第9期"))
            XCTAssertTrue(xml.contains("通报滞后测试项目"))
            XCTAssertFalse(xml.contains("预览稿"), "a closed month's bulletin is final")
            let sheets = try XLSXReader.read(xlsx)
            XCTAssertEqual(sheets.first?.name, "通报正文")
            XCTAssertTrue(sheets.map(\.name).contains("滞后项目"))
            XCTAssertTrue(sheets.map(\.name).contains("数据更正"))

            // A month and more later: the late project registers, the obstacle is resolved, a new
            // obstacle and project come in, and September's figure is corrected.
            app.useClock(AppClock(frozenAt: Fixtures.startOfTest.addingTimeInterval(19 * Self.day)))  // 2026-10-10
            let browser = try await Browser.signedIn(app, as: .office)  // the old session has long timed out
            try await AssertAsync.equal(try await office.send(.POST, RegisterDeclaration.projects.apiPath(seeded.late) + "/stage",
                                                              body: ["stage": "registered", "on": "2026-10-05"]).status, .ok)
            try await AssertAsync.equal(try await office.send(.PATCH, RegisterDeclaration.obstacles.apiPath(seeded.obstacle),
                                                              body: ["status": "resolved", "resolvedOn": "2026-10-08", "resolution": "已批复"]).status, .ok)
            _ = try AttractionRequests.created(try await office.send(.POST, RegisterDeclaration.obstacles.apiPath, body: [
                "code": "WT-TB-2", "title": "环评排队", "projectId": seeded.late, "kind": "permit", "owningUnitId": fixtures.team,
                "dueOn": "2026-10-20", "status": "open"]))
            _ = try AttractionRequests.created(try await AttractionRequests.project(office, "TB-3", unit: fixtures.team, investment: 90_000, signedOn: "2026-10-02"))
            let corrected = try await office.send(.PUT, "/api/v1/enterprises/\(seeded.enterprise)/indicators/2026-09",
                                                  body: ["revenue": 1_100, "restatementReason": "统计局反馈口径调整"])
            XCTAssertEqual(corrected.status, .ok, corrected.text)

            let again = try await generate(office, "2026-09", body: ["issuer": "无锡高新区产业集群发展领导小组办公室", "number": 9])
            XCTAssertEqual(again["generatedAt"] as? String != first["generatedAt"] as? String, true, "drawn anew")
            let regenerated = try await BulletinRecord.query(on: app.db).filter(\.$month == "2026-09").first()
            XCTAssertEqual(try XCTUnwrap(regenerated).contentJSON, storedJSON, "nothing dated after September changes September's bulletin")
            let docxAgain = try await download(browser, "2026-09", "docx")
            let xlsxAgain = try await download(browser, "2026-09", "xlsx")
            XCTAssertEqual(docxAgain, docx, "byte for byte")
            XCTAssertEqual(xlsxAgain, xlsx, "byte for byte")
            let audits = try await AuditEntry.query(on: app.db).filter(\.$entity == "bulletin").filter(\.$entityID == "2026-09").sort(\.$id).all()
            XCTAssertEqual(audits.map(\.action), ["create", "update"])

            // October (still open: a draft) lists the correction made after September's close.
            let octoberBulletin = try await generate(office, "2026-10")
            let october = try XCTUnwrap(octoberBulletin["content"] as? [String: Any])
            XCTAssertEqual((october["header"] as? [String: Any])?["final"] as? Bool, false)
            XCTAssertEqual((october["header"] as? [String: Any])?["number"] as? Int, 10, "numbered by the month by default")
            XCTAssertEqual((october["header"] as? [String: Any])?["issuer"] as? String, "无锡高新区", "default: the office's own unit")
            let restatements = try XCTUnwrap(october["restatements"] as? [[String: Any]])
            XCTAssertEqual(restatements.count, 1)
            XCTAssertEqual(restatements.first?["subject"] as? String, "通报更正测试有限公司")
            XCTAssertEqual(restatements.first?["month"] as? String, "2026-09")
            XCTAssertEqual(restatements.first?["oldValue"] as? Int, 1_000)
            XCTAssertEqual(restatements.first?["newValue"] as? Int, 1_100)
            XCTAssertEqual(restatements.first?["reason"] as? String, "统计局反馈口径调整")
            XCTAssertEqual((october["lateProjects"] as? [String: Any])?["count"] as? Int, 0, "registered on 10-05")
            XCTAssertEqual((october["obstacles"] as? [String: Any])?["open"] as? Int, 1, "only the new one")
            let page = try await browser.get("/bulletins/2026-10")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("预览稿：2026-10 尚未关账"), page.text)
            XCTAssertTrue(page.text.contains("统计局反馈口径调整"))
            XCTAssertTrue(page.text.contains("class=\"bulletin-head\""))
            XCTAssertTrue(page.text.contains("本期列出已关账月份的数据更正 1 条"))
            let list = try await browser.get("/bulletins")
            XCTAssertTrue(list.text.contains("2026年第9期"), list.text)
            XCTAssertTrue(list.text.contains("2026年第10期（预览稿）"))
        }
    }

    func testBadInputIsRefusedAndNothingIsDrawn() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let future = try SeenAPIError(try await office.send(.POST, "/api/v1/bulletins/2026-10/generate", body: [:]))
            XCTAssertEqual(future.status, .unprocessableEntity)
            XCTAssertEqual(future.field, "month")
            XCTAssertTrue(future.message.contains("2026-10 尚未开始"), future.message)
            let number = try SeenAPIError(try await office.send(.POST, "/api/v1/bulletins/2026-08/generate", body: ["number": 0]))
            XCTAssertEqual(number.field, "number")
            XCTAssertEqual(number.message, "期号应为 1–999 的整数")
            let issuer = try SeenAPIError(try await office.send(.POST, "/api/v1/bulletins/2026-08/generate", body: ["issuer": String(repeating: "办", count: 101)]))
            XCTAssertEqual(issuer.field, "issuer")
            let early = try SeenAPIError(try await office.send(.POST, "/api/v1/bulletins/1990-01/generate", body: [:]))
            XCTAssertEqual(early.field, "month", "its year before is outside the months the product holds")
            let noBody = try await office.send(.POST, "/api/v1/bulletins/2026-08/generate")
            XCTAssertEqual(noBody.status, .badRequest, "the body is required, as documented")
            let badMonth = try SeenAPIError(try await office.send(.POST, "/api/v1/bulletins/2026-13/generate", body: [:]))
            XCTAssertEqual(badMonth.field, "month")
            let notYet = try SeenAPIError(try await office.send(.GET, "/api/v1/bulletins/2026-08"))
            XCTAssertEqual(notYet.status, .notFound, "nothing drawn yet")

            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get("/bulletins/2026-08")
            let form = try await browser.post("/bulletins/2026-08/generate", [("issuer", ""), ("number", "八")])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertTrue(form.text.contains("期号应为 1–999 的整数"), form.text)
            try await AssertAsync.equal(try await browser.get("/bulletins/2026-08/download?format=docx").status, .notFound)
            try await AssertAsync.equal(try await Job.query(on: app.db).count(), 0, "no job started")
            try await AssertAsync.equal(try await BulletinRecord.query(on: app.db).count(), 0)

            // The form draws it: a redirect to the job, then the page.
            let drawn = try await browser.post("/bulletins/2026-08/generate", [("issuer", ""), ("number", "")])
            XCTAssertEqual(drawn.status, .seeOther, drawn.text)
            let jobID = try XCTUnwrap(drawn.location.flatMap { Int($0.split(separator: "/").last ?? "") })
            _ = try await office.waitForJob(jobID)
            let jobPage = try await browser.get("/jobs/\(jobID)")
            XCTAssertTrue(jobPage.text.contains("生成 2026-08 通报"), jobPage.text)
            XCTAssertTrue(jobPage.text.contains("href=\"/bulletins/2026-08\""))
            try await AssertAsync.equal(try await browser.get("/bulletins/2026-08/download?format=pdf").status, .badRequest)

            // Leaders read it; a unit may not draw it.
            let leader = try await Browser.signedIn(app, as: .leader)
            let page = try await leader.get("/bulletins/2026-08")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("产业集群发展工作通报"))
            XCTAssertFalse(page.text.contains("/bulletins/2026-08/generate"), "no form for a reader")
            let unit = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await unit.send(.POST, "/api/v1/bulletins/2026-08/generate", body: [:]).status, .forbidden)
            try await AssertAsync.equal(try await unit.send(.GET, "/api/v1/bulletins/2026-08").status, .ok)
        }
    }

    /// The demo's August 2025 bulletin against sums taken straight from the tables.
    func testTheDemoBulletinAgreesWithAHandComputation() async throws {
        try await withDemoApp { app in
            let sql = app.db as! any SQLDatabase
            let seeded = try await BulletinRecord.query(on: app.db).all()
            XCTAssertEqual(seeded.map(\.month), ["2025-12"], "the demo opens with the bulletin of its latest month")
            XCTAssertEqual(seeded.first?.issuer, "产业生态发展领导小组办公室（集群办）")
            let content = try await BulletinBuilder(month: Period(year: 2025, month: 8)!, issuer: "无锡高新区", number: 8, now: app.clock.now(), db: app.db).build()

            // Revenue of 1–8月: each active cluster on its own path.
            let clusters = try await sql.raw("SELECT id, name, figures_source FROM clusters WHERE active = \(bind: true)").all()
            var byCluster: [String: Int64] = [:]
            for cluster in clusters {
                let id = try cluster.decode(column: "id", as: Int.self)
                let table = try cluster.decode(column: "figures_source", as: String.self) == "top_down"
                    ? "cluster_reported_figures WHERE" : "cluster_figures WHERE revenue_reports > 0 AND"
                let sum = try await sql.raw("""
                    SELECT CAST(COALESCE(SUM(revenue), 0) AS BIGINT) AS s FROM \(unsafeRaw: table) cluster_id = \(bind: id)
                    AND period >= '2025-01' AND period <= '2025-08'
                    """).first(decodingColumn: "s", as: Int64.self) ?? 0
                byCluster[try cluster.decode(column: "name", as: String.self)] = sum
            }
            let total = byCluster.values.reduce(0, +)
            XCTAssertGreaterThan(total, 0)
            XCTAssertEqual(content.clusterTotal.yearToDate, total)
            XCTAssertEqual(content.clusters.count, clusters.count)
            XCTAssertEqual(content.clusters.first?.name, byCluster.max { $0.value < $1.value }?.key, "ranked by revenue")
            XCTAssertTrue(content.summary[0].hasPrefix("2025年1—8月，全区 \(clusters.count) 个产业集群合计实现规上营收 \(Wan(total).yiText) 亿元"), content.summary[0])
            let overThousand = byCluster.filter { $0.value >= 10_000_000 }.keys.sorted()
            XCTAssertEqual(content.tiers.first?.clusters.sorted(), overThousand)
            XCTAssertGreaterThanOrEqual(overThousand.count, 9, "the 465 structure alone has nine, as seed 001 reports")
            XCTAssertTrue(content.summary[1].hasPrefix("规上营收超千亿的集群 \(overThousand.count) 个"), content.summary[1])
            let structure = try XCTUnwrap(content.structures.first { $0.name == "“465”现代产业集群" })
            XCTAssertEqual(structure.overThousand, 9)

            // The year's investment: plans, and months 1–8 completed.
            let months = (1...8).map { String(format: "COALESCE(i.m%02d, 0)", $0) }.joined(separator: " + ")
            let investment = try await sql.raw("""
                SELECT CAST(SUM(i.planned_amount) AS BIGINT) AS planned, CAST(SUM(\(unsafeRaw: months)) AS BIGINT) AS completed
                FROM project_investments i JOIN projects p ON p.id = i.project_id
                WHERE i.year = 2025 AND i.active = \(bind: true) AND p.active = \(bind: true)
                """).first()
            XCTAssertEqual(content.investment.total.planned, try investment?.decode(column: "planned", as: Int64.self))
            XCTAssertEqual(content.investment.total.completed, try investment?.decode(column: "completed", as: Int64.self))
            XCTAssertGreaterThan(content.investment.total.completed, 0)

            // Key projects signed by the month's end, and those late on that day, one by one — in
            // August and in December (when a demo project has missed its registration day).
            for month in [8, 12] {
                let asOf = month == 8 ? "2025-08-31" : "2025-12-31"
                let bulletin = month == 8 ? content
                    : try await BulletinBuilder(month: Period(year: 2025, month: month)!, issuer: "无锡高新区", number: month, now: app.clock.now(), db: app.db).build()
                let projects = try await sql.raw("""
                    SELECT name, level, cluster_id, signed_on, planned_registered_on, registered_on, planned_started_on, started_on,
                           planned_completed_on, completed_on, planned_producing_on, producing_on
                    FROM projects WHERE active = \(bind: true) AND signed_on <= \(bind: asOf)
                    """).all()
                var key = 0, keyInClusters = 0, late: [String] = []
                for project in projects {
                    if try project.decode(column: "level", as: String.self) != "none" {
                        key += 1
                        if try !project.decodeNil(column: "cluster_id") { keyInClusters += 1 }
                    }
                    for stage in ["registered", "started", "completed", "producing"] {
                        let planned = try project.decode(column: "planned_\(stage)_on", as: String?.self)
                        let reached = try project.decode(column: "\(stage)_on", as: String?.self)
                        if let planned, planned < asOf, reached == nil || reached! > asOf {
                            late.append(try project.decode(column: "name", as: String.self))
                            break
                        }
                    }
                }
                XCTAssertEqual(bulletin.keyProjects.keyProjects, key)
                XCTAssertEqual(bulletin.keyProjects.keyInClusters, keyInClusters)
                XCTAssertEqual(bulletin.lateProjects.count, late.count)
                XCTAssertEqual(Set(bulletin.lateProjects.items.map(\.name)), Set(late))
                XCTAssertTrue(bulletin.summary.contains { $0.contains("滞后项目 \(late.count) 个") })
                if month == 12 {
                    XCTAssertTrue(late.contains("高端医疗器械总部项目"), "registration planned for 2025-11-30, not reached: late")
                    XCTAssertEqual(bulletin.lateProjects.items.first?.missed, "注册落地")
                }
            }

            // The checklists as they stand: the template's clusters, each gap naming its clusters.
            let eight = try XCTUnwrap(content.checklists.first { $0.template == "八个一" })
            XCTAssertEqual(eight.clusterCount, clusters.count)
            // 集成电路 has its featured park in the parks register; 特钢新材料 has none.
            XCTAssertTrue(eight.gaps.contains { $0.item == "一个园区" && $0.clusters.contains("特钢新材料") && !$0.clusters.contains("集成电路") })

            // The files open: a docx LibreOffice turns into a PDF with the bulletin's text.
            let docx = try BulletinDocuments.word(content)
            XCTAssertEqual(try BulletinDocuments.word(content), docx)
            let folder = try OfficeTools.scratchFolder("bulletin")
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("bulletin.docx")
            try docx.write(to: input)
            let pdf = try OfficeTools.convert(input, to: "pdf", extension: "pdf")
            guard let pdftotext = OfficeTools.locate("pdftotext") else { return try ToolRequirement.missing("pdftotext (apt-get install poppler-utils)") }
            let text = try OfficeTools.run(pdftotext, [pdf.path, "-"], timeout: 60)
            XCTAssertTrue(text.stdout.contains("产业集群发展工作通报"), text.stdout)
            XCTAssertTrue(text.stdout.contains("集群规模梯队"), "the annex tables are there")
        }
    }
}
