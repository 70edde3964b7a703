import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// Sorting, pagination and filters of the one list machinery, on units, users and the audit log;
/// a bad parameter is a 400 error object naming it, never a silently ignored value.
final class ListSortPagingTests: XCTestCase {
    private func items(_ api: APIClient, _ path: String, file: StaticString = #filePath, line: UInt = #line) async throws -> (rows: [[String: Any]], body: [String: Any]) {
        let response = try await api.send(.GET, path)
        XCTAssertEqual(response.status, .ok, "\(path): \(response.text)", file: file, line: line)
        let body = try api.object(response, file: file, line: line)
        return (body["items"] as? [[String: Any]] ?? [], body)
    }

    func testSortAscendingAndDescendingWithEmptyValuesLastOnEveryEngine() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (name, code) in [("丙组", "C-3"), ("甲组", "A-1"), ("乙组", "B-2")] { _ = try await api.createUnit(name, parent: fixtures.zone, code: code) }
            let noCode1 = try await api.createUnit("无编码一", parent: fixtures.zone)
            let noCode2 = try await api.createUnit("无编码二", parent: fixtures.zone)
            let codes = ["WX", "XW", "WXGX", "ZS-JCDL", "ZS-SMJK", "A-1", "B-2", "C-3"]
            let ascending = try await items(api, Site.API.units + "?sort=code&per=200").rows
            XCTAssertEqual(ascending.compactMap { $0["code"] as? String }, codes.sorted())
            XCTAssertEqual(ascending.suffix(2).compactMap { $0["id"] as? Int }, [noCode1, noCode2], "units without a code come last")
            let descending = try await items(api, Site.API.units + "?sort=-code&per=200").rows
            XCTAssertEqual(descending.compactMap { $0["code"] as? String }, codes.sorted().reversed())
            XCTAssertEqual(descending.suffix(2).compactMap { $0["id"] as? Int }, [noCode1, noCode2], "…in both directions, ties by id")

            let byID = try await items(api, Site.API.units + "?sort=id&per=200").rows.compactMap { $0["id"] as? Int }
            XCTAssertEqual(byID, byID.sorted())
            let byIDDown = try await items(api, Site.API.units + "?sort=-id&per=200").rows.compactMap { $0["id"] as? Int }
            XCTAssertEqual(byIDDown, byID.reversed())
            let names = try await items(api, Site.API.units + "?sort=name&per=200").rows.compactMap { $0["name"] as? String }
            let namesDown = try await items(api, Site.API.units + "?sort=-name&per=200").rows.compactMap { $0["name"] as? String }
            XCTAssertEqual(names.count, 10)
            XCTAssertEqual(namesDown, names.reversed())
            XCTAssertEqual(Set(names).count, 10, "every unit once")

            // The default order is the tree: every unit after its parent, each subtree together.
            let tree = try await items(api, Site.API.units + "?per=200").rows
            let position = Dictionary(uniqueKeysWithValues: tree.enumerated().map { ($0.element["id"] as! Int, $0.offset) })
            for row in tree {
                if let parent = row["parentId"] as? Int { XCTAssertLessThan(position[parent]!, position[row["id"] as! Int]!, "\(row["name"]!)") }
            }

            // The page's column heading links to the reverse order.
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let page = try await browser.get(Site.units + "?sort=name")
            let head = HTMLProbe.section(page.text, from: "<thead>", to: "</thead>")
            XCTAssertTrue(head.contains("名称 ↑"), head)
            XCTAssertTrue(head.removingPercentEncoding?.contains("href=\"/units?sort=-name\"") ?? false, head)
        }
    }

    /// A misspelt or renamed filter (`role` for `roles`) must not silently list everything.
    func testAnAPIListRefusesAParameterItDoesNotTake() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let error = try SeenAPIError(try await admin.send(.GET, Site.API.users + "?role=unit"))
            XCTAssertEqual(error.status, .badRequest)
            XCTAssertEqual(error.field, "role")
            XCTAssertTrue(error.message.hasPrefix("不支持查询参数“role”，可用："), error.message)
            XCTAssertTrue(error.message.contains("roles") && error.message.contains("unitId"), "the parameters it does take are named: \(error.message)")
            let encoded = try SeenAPIError(try await admin.send(.GET, Site.API.units + "?%E7%8A%B6%E6%80%81=1"))  // 状态
            XCTAssertEqual(encoded.field, "状态")
            for path in [Site.API.users + "?roles=unit&lang=en&q=&page=1&per=10&sort=-username", Site.API.units + "?under=\(fixtures.zone)&active="] {
                try await AssertAsync.equal(try await admin.send(.GET, path).status, .ok, path)
            }
            // A parameter given twice, or a filter given only blanks, is no value the schema allows.
            let twice = try SeenAPIError(try await admin.send(.GET, Site.API.users + "?q=a&q=b"))
            XCTAssertEqual(twice.status, .badRequest)
            XCTAssertEqual(twice.field, "q")
            XCTAssertEqual(twice.message, "查询参数“q”只能给一次")
            let blank = try SeenAPIError(try await admin.send(.GET, Site.API.users + "?roles=%09"))
            XCTAssertEqual(blank.status, .badRequest)
            XCTAssertEqual(blank.field, "roles")
            XCTAssertTrue(blank.message.contains("不能只有空白"), blank.message)
            // A page keeps the parameters it does not list by (a notice after a save), and forgives blanks.
            let browser = try await Browser.signedIn(app, as: .admin)
            try await AssertAsync.equal(try await browser.get(Site.users + "?notice=saved&role=unit").status, .ok)
            try await AssertAsync.equal(try await browser.get(Site.users + "?roles=%20").status, .ok)
        }
    }

    func testAnUnknownSortIsA400NamingTheSortField() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            for path in [Site.API.units + "?sort=password", Site.API.units + "?sort=-bogus", Site.API.users + "?sort=password_hash",
                         Site.API.audit + "?sort=summary", Site.API.units + "?sort=name;DROP%20TABLE%20units"] {
                let error = try SeenAPIError(try await (path.hasPrefix(Site.API.audit) ? auditor : admin).send(.GET, path))
                XCTAssertEqual(error.status, .badRequest, path)
                XCTAssertEqual(error.code, "bad_request", path)
                XCTAssertEqual(error.field, "sort", path)
                XCTAssertTrue(error.message.hasPrefix("不能按“"), error.message)
            }
            let units = try SeenAPIError(try await admin.send(.GET, Site.API.units + "?sort=password"))
            XCTAssertEqual(units.message, "不能按“password”排序，可用：code、id、kind、name、tree")
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            let page = try await browser.get(Site.units + "?sort=bogus")
            XCTAssertEqual(page.status, .badRequest)
            XCTAssertTrue(page.text.contains("不能按“bogus”排序"))
            Check.equal(try await Probe.count(app, "units"), 5, "the table is still there")
        }
    }

    func testPaginationReturnsPagePerAndTotal() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for index in 1...12 { _ = try await api.createUnit("招商小组\(index)", parent: fixtures.zone) }
            let base = Site.API.units + "?under=\(fixtures.zone)&sort=id"
            var seen: [Int] = []
            for (page, expected) in [(1, 5), (2, 5), (3, 5), (4, 0)] {
                let (rows, body) = try await items(api, base + "&per=5&page=\(page)")
                XCTAssertEqual(rows.count, expected, "page \(page)")
                XCTAssertEqual(body["total"] as? Int, 15)
                XCTAssertEqual(body["page"] as? Int, page)
                XCTAssertEqual(body["per"] as? Int, 5)
                seen += rows.compactMap { $0["id"] as? Int }
            }
            let all = try await items(api, base + "&per=200").rows.compactMap { $0["id"] as? Int }
            XCTAssertEqual(seen, all, "pages are disjoint and together are the whole list")
            let (defaults, body) = try await items(api, Site.API.units)
            XCTAssertEqual(body["per"] as? Int, 50)
            XCTAssertEqual(body["page"] as? Int, 1)
            XCTAssertEqual(defaults.count, 17)

            for (query, field, message) in [("per=201", "per", "每页条数应为 1 到 200 之间的整数"), ("per=0", "per", "每页条数应为 1 到 200 之间的整数"),
                                            ("per=-5", "per", nil), ("per=ten", "per", nil), ("page=0", "page", "页码应为不小于 1 的整数"),
                                            ("page=abc", "page", nil), ("page=99999999999", "page", nil)] {
                for list in [Site.API.units, Site.API.audit, Site.API.users] {
                    let client = try await APIClient.forRole(list == Site.API.audit ? .auditor : .admin, app: app, fixtures: fixtures)
                    let error = try SeenAPIError(try await client.send(.GET, list + "?" + query))
                    XCTAssertEqual(error.status, .badRequest, "\(list)?\(query)")
                    XCTAssertEqual(error.field, field, "\(list)?\(query)")
                    if let message { XCTAssertEqual(error.message, message) }
                    XCTAssertTrue(error.containsChinese)
                }
            }

            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let page = try await browser.get(Site.units + "?under=\(fixtures.zone)&per=5&page=2")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("共 15 条"))
            XCTAssertTrue(page.text.contains("第 2 / 3 页"))
            XCTAssertTrue(page.text.contains("page=3"), "a link to the next page")
            // The jump form carries the list's state and offers the page sizes, the current one chosen.
            XCTAssertTrue(page.text.contains(#"<input type="hidden" name="under" value="\#(fixtures.zone)"/>"#), String(page.text.components(separatedBy: "pager-jump").last?.prefix(600) ?? ""))
            XCTAssertTrue(page.text.contains(#"<option value="5" selected="selected">5</option>"#))
            XCTAssertTrue(page.text.contains(#"<option value="100">100</option>"#))
            XCTAssertTrue(page.text.contains(#"name="page" value="2""#))
            let jumped = try await browser.get(Site.units + "?per=5&page=3&sort=id&under=\(fixtures.zone)")
            XCTAssertTrue(jumped.text.contains("第 3 / 3 页"))
            let tooMany = try await browser.get(Site.units + "?per=500")
            XCTAssertEqual(tooMany.status, .badRequest)
            XCTAssertTrue(tooMany.text.contains("每页条数应为 1 到 200 之间的整数"))
        }
    }

    func testFiltersByKindActiveAndSubtreeAndRejectBadValues() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let ids = { (path: String) async throws -> Set<Int> in Set(try await self.items(api, path).rows.compactMap { $0["id"] as? Int }) }
            Check.equal(try await ids(Site.API.units + "?kind=attractionTeam"), [fixtures.team, fixtures.otherTeam])
            Check.equal(try await ids(Site.API.units + "?kind=board"), [fixtures.board])
            Check.equal(try await ids(Site.API.units + "?under=\(fixtures.zone)"), [fixtures.zone, fixtures.team, fixtures.otherTeam])
            Check.equal(try await ids(Site.API.units + "?under=\(fixtures.board)&kind=attractionTeam&q=%E7%94%9F%E5%91%BD"), [fixtures.otherTeam]) // 生命
            Check.equal(try await ids(Site.API.units + "?under=999999"), [])
            Check.equal(try await ids(Site.API.units + "?active=0"), [])
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(fixtures.otherTeam)).status, .ok)
            Check.equal(try await ids(Site.API.units + "?active=0"), [fixtures.otherTeam])
            Check.equal(try await ids(Site.API.units + "?active=1&under=\(fixtures.zone)"), [fixtures.zone, fixtures.team])

            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let usernames = { (path: String) async throws -> Set<String> in Set(try await self.items(admin, path).rows.compactMap { $0["username"] as? String }) }
            Check.equal(try await usernames(Site.API.users + "?roles=unit"), ["t-unit"])
            Check.equal(try await usernames(Site.API.users + "?unitId=\(fixtures.team)"), ["t-unit"])
            Check.equal(try await usernames(Site.API.users + "?unitId=\(fixtures.board)").count, Role.allCases.count)
            Check.equal(try await usernames(Site.API.users + "?active=0"), [])

            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            let entries = { (path: String) async throws -> Int in try await self.items(auditor, path).body["total"] as? Int ?? -1 }
            Check.equal(try await entries(Site.API.audit + "?entity=unit&action=deactivate"), 1)
            Check.equal(try await entries(Site.API.audit + "?entity=user"), 0)
            Check.equal(try await entries(Site.API.audit + "?from=2026-09-21&to=2026-09-21&entity=unit"), 1, "the frozen clock's day, Beijing time")
            Check.equal(try await entries(Site.API.audit + "?from=2026-09-22&entity=unit"), 0)
            Check.equal(try await entries(Site.API.audit + "?to=2026-09-20&entity=unit"), 0)
            Check.equal(try await entries(Site.API.audit + "?entityId=\(fixtures.otherTeam)"), 1)

            for (path, field) in [(Site.API.units + "?kind=planet", "kind"), (Site.API.units + "?active=2", "active"), (Site.API.units + "?under=abc", "under"),
                                  (Site.API.units + "?under=0", "under"), (Site.API.users + "?roles=boss", "roles"), (Site.API.audit + "?action=drop", "action"),
                                  (Site.API.audit + "?from=2026-13-01", "from"), (Site.API.audit + "?to=yesterday", "to")] {
                let client = path.hasPrefix(Site.API.audit) ? auditor : admin
                let error = try SeenAPIError(try await client.send(.GET, path))
                XCTAssertEqual(error.status, .badRequest, path)
                XCTAssertEqual(error.field, field, path)
                XCTAssertTrue(error.message.contains("无效"), error.message)
            }
        }
    }
}

/// A code filter's value as the range of stored codes it reads off the column's index.
final class CodeRangeTests: XCTestCase {
    func testAPrefixRunsToItsSuccessorAndASectionToItsDivisions() {
        let cases: [(String, String, String?)] = [
            ("3311", "3311", "3312"), ("39", "39", "3:"), ("C39", "39", "3:"), ("2", "2", "3"),
            ("C", "13", "44"), ("c", "13", "44"), ("A", "01", "06"), ("T", "97", "98"), ("I", "63", "66"),
        ]
        for (value, low, high) in cases {
            let range = ListFilter.codeRange(value)
            XCTAssertEqual(range.low, low, value)
            XCTAssertEqual(range.high, high, value)
            XCTAssertEqual(range.exact, value.hasSuffix("3311") ? "3311" : nil, "\(value): only a whole code is one")
        }
        XCTAssertEqual(ListFilter.codeRange("C3311").exact, "3311")
        // Every four-digit code of a division falls in its prefix's range, and no other does.
        let range = ListFilter.codeRange("39")
        XCTAssertTrue(["3900", "3976", "3999", "39"].allSatisfy { $0 >= range.low && $0 < range.high! })
        XCTAssertFalse(["3899", "4000", "3", "40"].contains { $0 >= range.low && $0 < range.high! })
    }
}

/// A sort that is never empty is ordered without `NULLS LAST` (PostgreSQL then reads a descending
/// page off its index backwards); a sort that may be empty keeps empty values last either way.
final class NonNullSortTests: XCTestCase {
    func testOnlyASortThatMayBeEmptySaysWhereEmptyValuesGo() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let definition = RegisterList.definition(.enterprises)
            func order(_ key: String, descending: Bool) -> String {
                let select = sql.select().column(SQLRaw("r.id")).from(SQLRaw("enterprises r"))
                ListRunner.applyOrder(select, definition, ListQuery(sortKey: key, descending: descending))
                let text = sql.serialize(select.query).sql
                return String(text[text.range(of: "ORDER BY")!.lowerBound...])
            }
            XCTAssertEqual(order("name", descending: true), "ORDER BY r.name_sort DESC, r.id ASC")
            XCTAssertEqual(order("creditCode", descending: true), "ORDER BY r.credit_code DESC, r.id ASC")
            XCTAssertEqual(order("id", descending: false), "ORDER BY r.id ASC, r.id ASC")
            XCTAssertEqual(order("unknown", descending: true), "ORDER BY r.name_sort DESC, r.id ASC", "the default sort's")
            XCTAssertTrue(order("tier", descending: true).hasSuffix("ELSE -1 END DESC, r.id ASC"), "a choice: empty ranks lowest descending")
            XCTAssertTrue(order("tier", descending: false).hasSuffix("ELSE 4 END ASC, r.id ASC"), "and highest ascending")
            XCTAssertEqual(order("aboveScale", descending: true), "ORDER BY CASE WHEN r.above_scale THEN 1 ELSE 0 END DESC, r.id ASC")
            XCTAssertEqual(order("revenue", descending: false), "ORDER BY rr.revenue ASC NULLS LAST, r.id ASC")
        }
    }
}
