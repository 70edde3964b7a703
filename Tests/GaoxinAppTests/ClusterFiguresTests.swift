import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// A cluster's figures (issue 12 item 1): bottom-up sums of its enterprises kept by every write
/// path on both engines — attachments, corrections, enterprises leaving 规上, chains deactivated —
/// equal to a resum of the raw rows, each enterprise counted once; top-down months entered in
/// 亿元, refused for a bottom-up cluster or a future month, audited; year to date, growth,
/// progress and pace through the API and on the page.
final class ClusterFiguresTests: XCTestCase {
    struct Month: Hashable, Decodable { var clusterId: Int; var period: String; var revenue: Int; var reports: Int }

    /// The roll-up's rows that hold figures, and the same summed from the raw rows over the
    /// members an attachment makes (each enterprise once per cluster).
    static func rollupAndResum(_ app: Application) async throws -> (Set<Month>, Set<Month>) {
        let sql = app.db as! any SQLDatabase
        let kept = try await sql.raw("SELECT cluster_id, period, revenue, reports FROM cluster_figures WHERE reports <> 0")
            .all(decoding: Month.self, with: ListRunner.decoder)
        let summed = try await sql.raw("""
            SELECT m.cluster_id AS cluster_id, i.period AS period, CAST(COALESCE(SUM(i.revenue), 0) AS BIGINT) AS revenue, COUNT(*) AS reports
            FROM (SELECT DISTINCT c.cluster_id AS cluster_id, ne.enterprise_id AS enterprise_id FROM chain_node_enterprises ne
                  JOIN chain_nodes n ON n.id = ne.node_id JOIN chains c ON c.id = n.chain_id WHERE c.active = TRUE) m
            JOIN enterprises e ON e.id = m.enterprise_id JOIN enterprise_indicators i ON i.enterprise_id = m.enterprise_id
            WHERE e.above_scale = TRUE AND e.active = TRUE GROUP BY m.cluster_id, i.period
            """).all(decoding: Month.self, with: ListRunner.decoder)
        return (Set(kept), Set(summed))
    }

    func ytd(_ api: APIClient, _ cluster: Int, _ month: String, file: StaticString = #filePath, line: UInt = #line) async throws -> [String: Any] {
        let response = try await api.send(.GET, Site.API.cluster(cluster) + "/figures?month=\(month)")
        XCTAssertEqual(response.status, .ok, response.text, file: file, line: line)
        return try api.json(response)
    }

    func testBottomUpFiguresFollowEveryWritePathAndCountEachEnterpriseOnce() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try await api.object(try await api.send(.POST, Site.API.clusters, body: [
                "name": "集成电路", "category": "emerging", "leadUnitId": fixtures.zone, "annualTarget": 100_000]))["id"] as! Int
            let chain = try await api.object(try await api.send(.POST, Site.API.clusterChains(cluster), body: ["name": "芯片制造"]))["id"] as! Int
            var nodes: [Int] = []
            for name in ["晶圆制造", "封装测试"] {
                nodes.append(try await api.object(try await api.send(.POST, "/api/v1/chains/\(chain)/nodes", body: ["segment": "midstream", "name": name]))["id"] as! Int)
            }
            let a = try await api.createEnterprise("集群汇总企业甲", code: USCC.numbered(9601), unit: fixtures.team, aboveScale: true)
            let b = try await api.createEnterprise("集群汇总企业乙", code: USCC.numbered(9602), unit: fixtures.team, aboveScale: true)
            let small = try await api.createEnterprise("集群汇总企业丙", code: USCC.numbered(9603), unit: fixtures.team, aboveScale: false)
            for (id, period, revenue) in [(a, "2024-01", 900), (a, "2024-02", 1000), (a, "2024-03", 1100),
                                          (a, "2025-01", 1000), (a, "2025-02", 1200), (a, "2025-03", 1300),
                                          (b, "2025-01", 400), (b, "2025-02", 500), (small, "2025-01", 77)] {
                let put = try await api.send(.PUT, "/api/v1/enterprises/\(id)/indicators/\(period)", body: ["revenue": revenue])
                XCTAssertEqual(put.status, .ok, put.text)
            }
            // A on both nodes (counted once), B on one, the small one on the other (not 规上, not counted).
            for (node, enterprise) in [(nodes[0], a), (nodes[1], a), (nodes[0], b), (nodes[1], small)] {
                let attach = try await api.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(enterprise)", body: [:])
                XCTAssertEqual(attach.status, .noContent, attach.text)
            }
            var (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            var report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 1000 + 1200 + 1300 + 400 + 500, "A once, B, not the small one")
            XCTAssertEqual(report["previousYearToDate"] as? Int, 3000)
            XCTAssertEqual(try XCTUnwrap(report["growth"] as? Double), 1400.0 / 3000, accuracy: 1e-9)
            XCTAssertEqual(try XCTUnwrap(report["progress"] as? Double), 0.044, accuracy: 1e-9)
            XCTAssertEqual(report["pace"] as? String, "behind", "4.4 % done against 25 % of the year")
            XCTAssertEqual(report["remaining"] as? Int, 100_000 - 4400)
            XCTAssertEqual(report["monthlyPaceNeeded"] as? Int, (95_600 + 8) / 9)
            XCTAssertEqual(report["throughMonth"] as? Int, 3)

            // A corrected month follows at once.
            let corrected = try await api.send(.PUT, "/api/v1/enterprises/\(a)/indicators/2025-02", body: ["revenue": 2200])
            XCTAssertEqual(corrected.status, .ok, corrected.text)
            report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 5400)

            // Detached from one node A still counts through the other; from both it leaves.
            _ = try await api.send(.DELETE, "/api/v1/chain-nodes/\(nodes[0])/enterprises/\(a)", body: [:])
            report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 5400)
            _ = try await api.send(.DELETE, "/api/v1/chain-nodes/\(nodes[1])/enterprises/\(a)", body: [:])
            report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 900)
            XCTAssertNil(report["previousYearToDate"] as? Int, "no member reported last year")

            // The small one becomes 规上 and counts; B is deactivated and leaves.
            let patched = try await api.send(.PATCH, "/api/v1/enterprises/\(small)", body: ["aboveScale": true])
            XCTAssertEqual(patched.status, .ok, patched.text)
            let deactivated = try await api.send(.POST, "/api/v1/enterprises/\(b)/deactivate", body: [:])
            XCTAssertEqual(deactivated.status, .ok, deactivated.text)
            report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 77)
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)

            // An import of figures, a chain deactivated behind the application, and a rebuild.
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("indicators", fileName: "月度.csv", data: ImportDriver.csv([
                "统一社会信用代码,月份,营业收入（万元）", "\(USCC.numbered(9603)),2025-02,88",
            ]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 165)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE chains SET active = \(bind: false) WHERE id = \(bind: chain)").run()
            report = try await ytd(api, cluster, "2025-03")
            XCTAssertEqual(report["yearToDate"] as? Int, 0, "a deactivated chain's enterprises leave the cluster")
            try await sql.raw("UPDATE chains SET active = \(bind: true) WHERE id = \(bind: chain)").run()
            (kept, summed) = try await Self.rollupAndResum(app)
            XCTAssertEqual(kept, summed)
            XCTAssertEqual(summed.reduce(0) { $0 + $1.revenue }, 165)
            // Both tables wrong behind the application's back: a sum off, a member that is attached to nothing.
            try await sql.raw("UPDATE cluster_figures SET revenue = revenue + 1000").run()
            try await sql.raw("INSERT INTO cluster_members (cluster_id, enterprise_id) VALUES (\(bind: cluster), \(bind: 987_654))").run()
            try await ClusterFigures.rebuild(on: sql)
            let (rebuilt, _) = try await Self.rollupAndResum(app)
            XCTAssertEqual(rebuilt, summed)
            let stray = try await sql.raw("SELECT COUNT(*) AS n FROM cluster_members WHERE enterprise_id = \(bind: 987_654)").first(decodingColumn: "n", as: Int.self)
            XCTAssertEqual(stray, 0, "a member attached to no node is gone after the rebuild")
            let members = try await sql.raw("SELECT COUNT(*) AS n FROM cluster_members WHERE cluster_id = \(bind: cluster)").first(decodingColumn: "n", as: Int.self)
            XCTAssertGreaterThan(members ?? 0, 0, "the attached members stay")
        }
    }

    /// A cluster whose enterprises report and whose statistics bureau reports too: the page and the
    /// API give its own path's year-to-date and the other path's beside it.
    func testWhereBothPathsHaveFiguresThePageShowsBoth() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (cluster, node) = try await AttractionRequests.chainNode(api, cluster: "高端装备", node: "整机制造", leadUnit: fixtures.zone)
            let enterprise = try await api.createEnterprise("双口径装备有限公司", code: USCC.numbered(9_651), unit: fixtures.team, aboveScale: true)
            try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(enterprise)", body: [:]).status, .noContent)
            for (month, revenue) in [("2025-01", 1_000), ("2025-02", 1_500)] {
                try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/enterprises/\(enterprise)/indicators/\(month)", body: ["revenue": revenue]).status, .ok)
            }
            var report = try await ytd(api, cluster, "2025-02")
            XCTAssertEqual(report["yearToDate"] as? Int, 2_500)
            XCTAssertTrue(report["otherPathYearToDate"] is NSNull || report["otherPathYearToDate"] == nil, "nothing reported top-down yet")

            try await AssertAsync.equal(try await api.send(.PATCH, Site.API.cluster(cluster), body: ["figuresSource": "top_down"]).status, .ok)
            for month in ["2025-01", "2025-02"] {
                try await AssertAsync.equal(try await api.send(.PUT, Site.API.cluster(cluster) + "/figures/\(month)", body: ["revenue": 2_000]).status, .ok)
            }
            report = try await ytd(api, cluster, "2025-02")
            XCTAssertEqual(report["source"] as? String, "top_down")
            XCTAssertEqual(report["yearToDate"] as? Int, 4_000, "the reported months count")
            XCTAssertEqual(report["otherPathYearToDate"] as? Int, 2_500, "the enterprises' sum beside them")
            let page = try await Browser.signedIn(app, as: .leader).get(Site.cluster(cluster) + "?month=2025-02")
            XCTAssertTrue(page.text.contains("企业汇总口径累计"), "the page names the other path")
            XCTAssertTrue(page.text.contains(Wan(2_500).yiText), "and gives its year-to-date in 亿元")
        }
    }

    func testTopDownMonthsAreEnteredInYiAndRefusedWhereTheyDoNotBelong() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try await api.object(try await api.send(.POST, Site.API.clusters, body: [
                "name": "高端装备", "category": "advantage", "leadUnitId": fixtures.zone, "annualTarget": 3_000_000]))["id"] as! Int
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.cluster(cluster))

            // A bottom-up cluster takes no entered month: the message says why, nothing is written.
            let refused = try await browser.post(Site.clusterFigures(cluster), [("period", "2025-01"), ("revenue", "12.5")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.text.contains("营收口径是企业汇总（自下而上）"), refused.text)
            let none = try await Stored.count(app, "cluster_reported_figures")
            XCTAssertEqual(none, 0)
            let viaAPI = try await api.send(.PUT, Site.API.cluster(cluster) + "/figures/2025-01", body: ["revenue": 125_000])
            XCTAssertEqual(viaAPI.status, .unprocessableEntity)
            XCTAssertEqual(try api.json(viaAPI)["error"].flatMap { ($0 as? [String: Any])?["field"] as? String }, "revenue")

            let switched = try await api.send(.PATCH, Site.API.cluster(cluster), body: ["figuresSource": "top_down"])
            XCTAssertEqual(switched.status, .ok, switched.text)
            XCTAssertEqual(try api.json(switched)["figuresSource"] as? String, "top_down")
            _ = try await browser.get(Site.cluster(cluster))
            let saved = try await browser.post(Site.clusterFigures(cluster), [("period", "2025-01"), ("revenue", "12.5"), ("note", "统计局快报")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            let stored = try await ClusterFigureWrites.find(cluster, "2025-01", on: app.db)
            XCTAssertEqual(stored?.revenue, 125_000, "12.5 亿元 is stored as 125,000 万元")

            // Bad months and amounts: each at its field, nothing written.
            let next = IndicatorWrites.currentPeriod(Date()).month == 12
                ? Period(year: IndicatorWrites.currentPeriod(Date()).year + 1, month: 1)! : Period(year: IndicatorWrites.currentPeriod(Date()).year, month: IndicatorWrites.currentPeriod(Date()).month + 1)!
            for (period, revenue, field, message) in [(next.description, "1", "period", "不能填报未来月份"), ("2025-13", "1", "period", "格式不对"),
                                                      ("2025-02", "1.234", "revenue", "最多保留两位小数"), ("2025-02", "", "revenue", "请填写规上营收")] {
                _ = try await browser.get(Site.cluster(cluster))
                let bad = try await browser.post(Site.clusterFigures(cluster), [("period", period), ("revenue", revenue)])
                XCTAssertEqual(bad.status, .unprocessableEntity, period)
                XCTAssertTrue(bad.text.contains("id=\"\(field)-error\""), "\(period) \(revenue)")
                XCTAssertTrue(bad.text.contains(message), "\(message) in \(bad.text)")
            }
            let stillOne = try await Stored.count(app, "cluster_reported_figures")
            XCTAssertEqual(stillOne, 1)

            // The API takes 万元; a correction replaces the month; both are audited before → after.
            for (period, revenue) in [("2025-02", 130_000), ("2024-01", 100_000), ("2024-02", 100_000), ("2025-02", 135_000)] {
                let put = try await api.send(.PUT, Site.API.cluster(cluster) + "/figures/\(period)", body: ["revenue": revenue])
                XCTAssertEqual(put.status, .ok, put.text)
            }
            let report = try await ytd(api, cluster, "2025-02")
            XCTAssertEqual(report["yearToDate"] as? Int, 260_000)
            XCTAssertEqual(report["previousYearToDate"] as? Int, 200_000)
            XCTAssertEqual(try XCTUnwrap(report["growth"] as? Double), 0.3, accuracy: 1e-9)
            XCTAssertEqual(report["source"] as? String, "top_down")
            let audited = try await Stored.count(app, "audit_log", where: "entity = 'cluster_reported_figure' AND entity_id = '\(cluster)/2025-02'")
            XCTAssertEqual(audited, 2)
            let page = try await browser.get(Site.cluster(cluster) + "?month=2025-02")
            XCTAssertTrue(page.text.contains("26.00 亿元"), "1–2月 in 亿元 on the page")
            XCTAssertTrue(page.text.contains("+30.0%"))
            XCTAssertTrue(page.text.contains(ClusterPace.ruleZh), "the pace's rule stands beside it")

            // Who may not write the cluster may not enter its months.
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let forbidden = try await team.send(.PUT, Site.API.cluster(cluster) + "/figures/2025-03", body: ["revenue": 1])
            XCTAssertEqual(forbidden.status, .forbidden)
            let removed = try await api.send(.DELETE, Site.API.cluster(cluster) + "/figures/2024-01", body: [:])
            XCTAssertEqual(removed.status, .noContent)
            let after = try await ytd(api, cluster, "2025-02")
            XCTAssertEqual(after["previousYearToDate"] as? Int, 100_000)
            let malformed = try await api.send(.GET, Site.API.cluster(cluster) + "/figures?month=2025-1x", body: [:])
            XCTAssertEqual(malformed.status, .badRequest)
        }
    }
}

extension ClusterFiguresTests {
    /// A month whose year before is outside the calendar the figures keep is refused, not a crash.
    func testMonthsBeforeTheFiguresBeginAreRefused() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let created = try await api.send(.POST, Site.API.clusters, body: ["name": "新材料", "category": "advantage", "leadUnitId": fixtures.zone])
            let cluster = try XCTUnwrap(try api.json(created)["id"] as? Int)
            for month in ["1900-01", "1989-12"] {
                let response = try await api.send(.GET, Site.API.cluster(cluster) + "/figures?month=\(month)")
                XCTAssertEqual(response.status, .badRequest, month)
            }
            let structure = try await api.send(.POST, Site.API.clusterStructures, body: ["name": "体系", "groups": [["name": "甲", "clusterIds": [cluster]]]])
            let id = try XCTUnwrap(try api.json(structure)["id"] as? Int)
            let old = try await api.send(.GET, Site.API.clusterStructure(id) + "?month=1900-01")
            XCTAssertEqual(old.status, .badRequest)
            let first = try await api.send(.GET, Site.API.clusterStructure(id) + "?month=1990-01")
            XCTAssertEqual(first.status, .ok, first.text)
        }
    }
}
