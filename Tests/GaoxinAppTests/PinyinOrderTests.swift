import Fluent
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTVapor
import XCTest

/// Units, users, enterprises and clusters sort by name in pinyin order on both engines — 安徽…
/// before 北京… before 张家港… — as declared registers do (code-point order puts 张 before 北).
final class PinyinOrderTests: XCTestCase {
    static let names = ["张家港测试", "安徽测试", "北京测试"]
    static let expected = ["安徽测试", "北京测试", "张家港测试"]

    func testEnterprisesClustersUnitsAndUsersSortByNameInPinyinOrder() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (index, name) in Self.names.enumerated() {
                try await office.createEnterprise(name + "有限公司", code: USCC.numbered(650 + index), unit: fixtures.zone)
                let cluster = try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"\(name)集群\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}")
                XCTAssertEqual(cluster.status, .created, cluster.text)
                let unit = try await api.send(.POST, Site.API.units, json: "{\"name\":\"\(name)单位\",\"kind\":\"department\",\"parentId\":\(fixtures.zone)}")
                XCTAssertEqual(unit.status, .created, unit.text)
            }
            func names(_ path: String, _ key: String, suffix: String) async throws -> [String] {
                let body = try parseJSONObject(try await api.send(.GET, path))
                return ((body["items"] as? [[String: Any]]) ?? []).compactMap { $0[key] as? String }.filter { $0.hasSuffix(suffix) }
                    .map { String($0.dropLast(suffix.count)) }
            }
            let enterprises = try await names(Site.API.enterprises + "?sort=name", "name", suffix: "有限公司")
            XCTAssertEqual(enterprises, Self.expected)
            let clusters = try await names(Site.API.clusters + "?sort=name", "name", suffix: "集群")
            XCTAssertEqual(clusters, Self.expected)
            let units = try await names(Site.API.units + "?sort=name&per=100", "name", suffix: "单位")
            XCTAssertEqual(units, Self.expected)
            let descending = try await names(Site.API.enterprises + "?sort=-name", "name", suffix: "有限公司")
            XCTAssertEqual(descending, Self.expected.reversed())

            // A rename moves the record in the order: the key is written on every update.
            let found = try await Enterprise.query(on: app.db).filter(\.$name == "张家港测试有限公司").first()
            let zhang = try XCTUnwrap(found?.id)
            let renamed = try await office.send(.PATCH, Site.API.enterprise(zhang), json: #"{"name":"阿拉善测试有限公司"}"#)
            XCTAssertEqual(renamed.status, .ok, renamed.text)
            let after = try await names(Site.API.enterprises + "?sort=name", "name", suffix: "有限公司")
            XCTAssertEqual(after, ["阿拉善测试", "安徽测试", "北京测试"])
        }
    }

    func testTheMigrationFillsTheKeyOfRowsWrittenBeforeIt() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            try await office.createEnterprise("张家港早期有限公司", code: USCC.numbered(660), unit: fixtures.zone)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE enterprises SET name_sort = NULL").run()
            try await M0024_UpdateNamesAddPinyinSortKeys.backfill("enterprises", name: "name", on: sql)
            let key = try await sql.raw("SELECT name_sort FROM enterprises").first(decodingColumn: "name_sort", as: String.self)
            XCTAssertEqual(key, PinyinSortKey.key(for: "张家港早期有限公司"))
        }
    }
}
