import Fluent
import GaoxinDomain
import SQLKit
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The enterprise list shows each enterprise's revenue over the twelve months ending with its
/// latest report (kept by triggers, so a corrected month follows), its clusters and chain nodes,
/// filters by cluster and sorts by that revenue — on the page, in the API and the export.
final class EnterpriseListColumnsTests: XCTestCase {
    func testRecentRevenueFollowsCorrectionsAndSortsTheListWithClustersAndNodes() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let big = try await api.createEnterprise("甲大型装备有限公司", code: USCC.numbered(81), unit: fixtures.team, aboveScale: true)
            let small = try await api.createEnterprise("乙小型材料有限公司", code: USCC.numbered(82), unit: fixtures.team, aboveScale: true)
            let silent = try await api.createEnterprise("丙未填报科技有限公司", code: USCC.numbered(83), unit: fixtures.team)
            // 甲: 14 months to 2025-12 at 100 a month — only the last twelve count (1,200).
            var period = Period(year: 2025, month: 12)!
            for _ in 0..<14 {
                try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/enterprises/\(big)/indicators/\(period)", body: ["revenue": 100]).status, .ok)
                period = period.previous
            }
            // 乙 stopped reporting in 2025-06: its twelve months end there (300 + 500).
            for (month, revenue) in [("2024-06", 9_999), ("2025-01", 300), ("2025-06", 500)] {
                try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/enterprises/\(small)/indicators/\(month)", body: ["revenue": revenue]).status, .ok)
            }
            let node = try await RegisterSamples.chainNode(app, unit: fixtures.team)
            try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(small)", body: [:]).status, .noContent)
            let sampleCluster = try await Cluster.query(on: app.db).filter(\.$name == "样例参照集群").first()
            let cluster = try XCTUnwrap(sampleCluster?.id)

            func listed(_ query: String) async throws -> [[String: Any]] {
                try parseJSONObject(try await api.send(.GET, Site.API.enterprises + query))["items"] as? [[String: Any]] ?? []
            }
            var byRevenue = try await listed("?sort=-revenue")
            XCTAssertEqual(byRevenue.map { $0["id"] as? Int }, [big, small, silent], "largest first, none reported last")
            XCTAssertEqual(byRevenue.map { $0["recentRevenue"] as? Int }, [1_200, 800, nil])
            XCTAssertEqual(byRevenue.map { $0["revenueThrough"] as? String }, ["2025-12", "2025-06", nil])
            XCTAssertEqual(byRevenue[1]["clusterNames"] as? String, "样例参照集群")
            XCTAssertEqual(byRevenue[1]["nodeNames"] as? String, "样例参照产业链／样例参照环节")
            XCTAssertNil(byRevenue[0]["clusterNames"] as? String)

            // A corrected month recomputes the twelve; a month of 乙 reported later moves its window.
            try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/enterprises/\(big)/indicators/2025-12", body: ["revenue": 50]).status, .ok)
            try await AssertAsync.equal(try await api.send(.PUT, "/api/v1/enterprises/\(small)/indicators/2025-12", body: ["revenue": 1_000]).status, .ok)
            byRevenue = try await listed("?sort=-revenue")
            XCTAssertEqual(byRevenue.map { $0["recentRevenue"] as? Int }, [1_800, 1_150, nil], "乙 2025-01…12 = 300 + 500 + 1000; 甲 11 × 100 + 50")
            XCTAssertEqual(byRevenue.map { $0["id"] as? Int }, [small, big, silent])
            let ascending = try await listed("?sort=revenue")
            XCTAssertEqual(ascending.map { $0["id"] as? Int }, [big, small, silent], "ascending, none reported still last")

            // The cluster filter keeps its enterprises only; the page shows the columns, 亿元 with two decimals.
            let members = try await listed("?cluster=\(cluster)")
            XCTAssertEqual(members.map { $0["id"] as? Int }, [small])
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(Site.enterprises + "?sort=-revenue")
            XCTAssertEqual(page.status, .ok)
            let body = HTMLProbe.tableBody(page.text)
            XCTAssertTrue(page.text.contains("近12个月营收（亿元）") && page.text.contains("所属集群") && page.text.contains("产业链环节"))
            XCTAssertTrue(body.contains("0.18") && body.contains("0.12"), "1,800 and 1,150 万元 as 亿元")
            XCTAssertTrue(body.contains("样例参照产业链／样例参照环节"))
            let filtered = try await browser.get(Site.enterprises + "?cluster=\(cluster)")
            XCTAssertTrue(HTMLProbe.tableBody(filtered.text).contains("乙小型材料有限公司"))
            XCTAssertTrue(filtered.text.contains("<option value=\"\(cluster)\" selected>样例参照集群</option>")
                          || filtered.text.contains("<option value=\"\(cluster)\" selected=\"selected\">样例参照集群</option>"),
                          "the cluster filter offers the active clusters and keeps the chosen one")
            XCTAssertFalse(HTMLProbe.tableBody(filtered.text).contains("甲大型装备有限公司"))

            // What the triggers kept equals a rebuild; removing every month of an enterprise empties its figure.
            let kept = try await (app.db as! any SQLDatabase).raw("SELECT enterprise_id, through_period, revenue, months FROM enterprise_recent_revenue ORDER BY enterprise_id").all()
                .map { "\(try $0.decode(column: "enterprise_id", as: Int.self)) \(try $0.decode(column: "through_period", as: String?.self) ?? "-") \(try $0.decode(column: "revenue", as: Int?.self).map(String.init) ?? "-") \(try $0.decode(column: "months", as: Int.self))" }
            try await RecentRevenue.rebuild(on: app.db as! any SQLDatabase)
            let rebuilt = try await (app.db as! any SQLDatabase).raw("SELECT enterprise_id, through_period, revenue, months FROM enterprise_recent_revenue ORDER BY enterprise_id").all()
                .map { "\(try $0.decode(column: "enterprise_id", as: Int.self)) \(try $0.decode(column: "through_period", as: String?.self) ?? "-") \(try $0.decode(column: "revenue", as: Int?.self).map(String.init) ?? "-") \(try $0.decode(column: "months", as: Int.self))" }
            XCTAssertEqual(kept, rebuilt)
            XCTAssertEqual(kept, ["\(big) 2025-12 1150 12", "\(small) 2025-12 1800 3", "\(silent) - - 0"], "a row for every enterprise, empty without figures")
            try await EnterpriseIndicator.query(on: app.db).filter(\.$enterpriseID == small).delete()
            let afterRemoval = try await listed("?sort=-revenue")
            XCTAssertEqual(afterRemoval.map { $0["recentRevenue"] as? Int }, [1_150, nil, nil])
        }
    }

    /// The list API reads its page in one query: each item holds every field the record's own
    /// GET gives (address, note, the industry's name), with the same values.
    func testAListItemCarriesEveryFieldOfTheRecord() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("丁字段齐全精密机械有限公司", code: USCC.numbered(84), unit: fixtures.team, aboveScale: true)
            let edited = try await api.send(.PATCH, "\(Site.API.enterprises)/\(id)", body: ["name": "丁字段齐全精密机械有限公司", "creditCode": USCC.numbered(84),
                                                                                   "industryCode": "3976", "unitId": fixtures.team, "aboveScale": true,
                                                                                   "address": "新吴区长江路 7 号", "note": "备注：列表与详情一致"])
            XCTAssertEqual(edited.status, .ok, edited.text)
            let shown = try parseJSONObject(try await api.send(.GET, "\(Site.API.enterprises)/\(id)"))
            let found = try await api.send(.GET, Site.API.enterprises + "?q=%E5%AD%97%E6%AE%B5%E9%BD%90%E5%85%A8")
            let listed = try XCTUnwrap((try parseJSONObject(found)["items"] as? [[String: Any]])?.first, found.text)
            XCTAssertEqual(listed["address"] as? String, "新吴区长江路 7 号")
            XCTAssertEqual(listed["note"] as? String, "备注：列表与详情一致")
            for key in ["id", "creditCode", "name", "industryCode", "industryName", "unitId", "unitName", "aboveScale", "address", "active", "note"] {
                XCTAssertNotNil(shown[key], "the record has \(key)")
                XCTAssertEqual("\(listed[key] ?? "absent")", "\(shown[key] ?? "absent")", key)
            }
        }
    }
}
