import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The list machinery's search: Chinese substrings of one and two characters, case-insensitive
/// Latin, and `%` `_` `\` typed by a user taken literally; on SQLite and on PostgreSQL in the
/// same run, so both engines are always compared.
final class ListSearchTests: XCTestCase {
    static let extraUnits = ["新吴区招商一组", "梁溪板块办公室", "100%达标专班", "100分专班", "A_B小组", "AxB小组", "反斜杠\\小组"]

    func testChineseSubstringSearchOnSQLite() async throws {
        try await withApp(engine: .sqlite) { app, fixtures in try await self.checkSearch(app, fixtures) }
    }

    func testChineseSubstringSearchOnPostgreSQL() async throws {
        _ = try TestDatabase.requirePostgres()
        try await withApp(engine: .postgres) { app, fixtures in try await self.checkSearch(app, fixtures) }
    }

    private func checkSearch(_ app: Application, _ fixtures: Fixtures) async throws {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        for name in Self.extraUnits { _ = try await api.createUnit(name, parent: fixtures.zone) }
        let expectations: [(query: String, names: Set<String>)] = [
            ("新吴", ["新吴", "新吴区招商一组"]),
            ("招商", ["集成电路招商团队", "生命健康招商团队", "新吴区招商一组"]),
            ("吴", ["新吴", "新吴区招商一组"]),
            ("锡", ["无锡市", "无锡高新区"]),
            ("招商一", ["新吴区招商一组"]),
            ("100%", ["100%达标专班"]),
            ("%", ["100%达标专班"]),
            ("A_B", ["A_B小组"]),
            ("_", ["A_B小组"]),
            ("\\", ["反斜杠\\小组"]),
            ("xw", ["新吴"]),            // the code XW, whatever the case typed
            ("zs-", ["集成电路招商团队", "生命健康招商团队"]),
            ("  梁溪  ", ["梁溪板块办公室"]), // surrounding spaces are not part of the search
            ("深圳", []),
        ]
        for (query, names) in expectations {
            let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await api.send(.GET, Site.API.units + "?per=200&q=" + encoded)
            XCTAssertEqual(response.status, .ok, "\(query): \(response.text)")
            let body = try api.object(response)
            let found = Set((body["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
            XCTAssertEqual(found, names, "search “\(query)” on \(TestDatabaseName.of(app))")
            XCTAssertEqual(body["total"] as? Int, names.count, "total of “\(query)”")
        }
        // The page shows the same count, and keeps the search in the box.
        let browser = Browser(app)
        try await browser.signIn(as: .leader)
        let page = try await browser.get(Site.units + "?q=%E6%8B%9B%E5%95%86") // 招商
        XCTAssertEqual(page.status, .ok)
        XCTAssertTrue(page.text.contains("共 3 条"), "page count for 招商")
        XCTAssertTrue(page.text.contains("value=\"招商\""), "the search box keeps the query")
        let rows = HTMLProbe.tableBody(page.text)
        for name in ["集成电路招商团队", "生命健康招商团队", "新吴区招商一组"] { XCTAssertTrue(rows.contains(name), name) }
        XCTAssertFalse(rows.contains("梁溪板块办公室"))
        let single = try await browser.get(Site.units + "?q=%E5%90%B4") // 吴
        XCTAssertTrue(single.text.contains("共 2 条"))
    }

    func testUserAndAuditListsSearchChineseSubstrings() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            _ = try await office.createUnit("新吴区招商一组", parent: fixtures.board)
            _ = try await office.createUnit("梁溪板块办公室", parent: fixtures.root)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            func users(_ query: String) async throws -> Set<String> {
                let response = try await admin.send(.GET, Site.API.users + "?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                XCTAssertEqual(response.status, .ok, response.text)
                return Set((try admin.object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String })
            }
            Check.equal(try await users("测试"), Set(Role.allCases.map { Fixtures.username($0) }), "display names 测试…")
            Check.equal(try await users("审计"), ["t-auditor"])
            Check.equal(try await users("招商"), [], "a unit's name is its filter (unitId), not searched among users")
            Check.equal(try await users("领"), ["t-leader"])
            Check.equal(try await users("T-OFF"), ["t-office"])
            Check.equal(try await users("%"), [])
            Check.equal(try await users("t_"), [], "_ is no wildcard")

            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            func audit(_ query: String) async throws -> [String] {
                let response = try await auditor.send(.GET, Site.API.audit + "?q=" + query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
                XCTAssertEqual(response.status, .ok, response.text)
                return (try auditor.object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["summary"] as? String }
            }
            Check.equal(try await audit("新吴"), ["新建组织单位“新吴区招商一组”"])
            Check.equal(try await audit("梁"), ["新建组织单位“梁溪板块办公室”"])
            Check.equal(try await audit("新建组织单位"), ["新建组织单位“梁溪板块办公室”", "新建组织单位“新吴区招商一组”"], "newest first")
            Check.equal(try await audit("测试集群办"), ["新建组织单位“梁溪板块办公室”", "新建组织单位“新吴区招商一组”"], "the actor's name is searched")
        }
    }

    func testAVeryLongChineseNameRendersAndIsFound() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let longest = String(repeating: "高新技术产业开发区", count: 12).prefix(100)
            let id = try await api.createUnit(String(longest), parent: fixtures.zone)
            let tooLong = try SeenAPIError(try await api.send(.POST, Site.API.units, body: ["name": String(repeating: "长", count: 200), "kind": "department"]))
            XCTAssertEqual(tooLong.field, "name")
            // Data that arrived by another path (a later import, a restore) may be longer than the form allows.
            let legacy = String(repeating: "江阴高新区综合服务中心", count: 19).prefix(200)
            XCTAssertEqual(legacy.count, 200)
            let legacyID = try await UnitSeed.insert(.init(name: String(legacy), kind: .department, code: nil, parentID: fixtures.zone, sortOrder: 0, note: String(legacy)), on: app.db).id!
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let list = try await browser.get(Site.units + "?under=\(fixtures.zone)")
            XCTAssertEqual(list.status, .ok)
            XCTAssertTrue(list.text.contains(String(longest)))
            XCTAssertTrue(list.text.contains(String(legacy)))
            for unit in [id, legacyID] {
                let page = try await browser.get(Site.unit(unit))
                XCTAssertEqual(page.status, .ok)
            }
            let edit = try await browser.get(Site.unitEdit(legacyID))
            XCTAssertEqual(HTMLProbe.inputValue(edit.text, "name"), String(legacy))
            let found = try api.object(try await api.send(.GET, Site.API.units + "?q=" + String(longest).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
            XCTAssertEqual((found["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [id])
            let overlong = try SeenAPIError(try await api.send(.GET, Site.API.units + "?q=" + String(legacy).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))
            XCTAssertEqual(overlong.status, .badRequest)
            XCTAssertEqual(overlong.field, "q")
            XCTAssertEqual(overlong.message, "搜索词不能超过 100 个字符")
        }
    }
}

enum TestDatabaseName {
    static func of(_ app: Application) -> String {
        (app.db as? any SQLDatabase)?.dialect.name ?? "unknown"
    }
}

import SQLKit
