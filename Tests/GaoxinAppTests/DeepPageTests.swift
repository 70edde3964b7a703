import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A deep page finds its rows' ids in the base table and joins only those: every page, in every
/// base-table order and with a search or a filter, holds exactly the rows the plain query gives —
/// on both engines — and the API's page 3 agrees with its own first pages.
final class DeepPageTests: XCTestCase {
    func testDeepPagesHoldTheSameRowsAsThePlainQuery() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let names = ["安徽精工", "北京智算", "常州新材", "大连海工", "鄂州光谷", "佛山智造", "广州生物", "杭州云谷", "济南量子", "昆山电子",
                         "连云港医药", "马鞍山钢构", "南京芯片", "盘锦化工", "青岛海洋", "日照港机", "苏州纳米", "泰州医药", "乌海能源", "无锡物联",
                         "厦门光电", "扬州装备", "镇江新能", "张家港冶金", "淄博陶瓷"]
            for (index, name) in names.enumerated() {
                _ = try await api.createEnterprise("\(name)科技有限公司", code: USCC.numbered(200 + index),
                                                   unit: index % 3 == 0 ? fixtures.otherTeam : fixtures.team, aboveScale: index % 2 == 0)
            }
            let sql = app.db as! any SQLDatabase
            let queries: [ListQuery] = [
                ListQuery(per: 4, sortKey: "name", descending: false),
                ListQuery(per: 4, sortKey: "name", descending: true),
                ListQuery(per: 3, sortKey: "creditCode", descending: false),
                ListQuery(per: 5, sortKey: "aboveScale", descending: true),
                ListQuery(per: 2, sortKey: "name", descending: false, filters: ["unitId": "\(fixtures.team)"]),
                ListQuery(search: "科技", per: 4, sortKey: "name", descending: false),
                ListQuery(search: "医药", per: 1, sortKey: "name", descending: false),
            ]
            for base in queries {
                var page = base
                var seen: [Int] = []
                while true {
                    let list = RegisterList.definition(.enterprises)
                    let deep = try await ListRunner.page(list, page, deepPageOffset: 0, on: sql, as: RegisterList.IDRow.self)
                    let plain = try await ListRunner.page(list, page, deepPageOffset: .max, on: sql, as: RegisterList.IDRow.self)
                    XCTAssertEqual(deep.items.map(\.id), plain.items.map(\.id), "\(page)")
                    XCTAssertEqual(deep.total, plain.total)
                    if plain.items.isEmpty { break }
                    seen += plain.items.map(\.id)
                    page.page += 1
                }
                XCTAssertEqual(Set(seen).count, seen.count, "\(base): no row on two pages")
                XCTAssertGreaterThan(seen.count, 0)
            }

            // Through the API: page 3 of 100 (offset 200, the deep path) continues pages 1 and 2.
            for index in 0..<180 {
                _ = try await api.createEnterprise("批量\(index)号精密部件有限公司", code: USCC.numbered(300 + index), unit: fixtures.team)
            }
            var listed: [Int] = []
            for number in 1...3 {
                let response = try await api.send(.GET, Site.API.enterprises + "?per=100&page=\(number)&sort=-name")
                listed += (try parseJSONObject(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            let all = try await api.send(.GET, Site.API.enterprises + "?per=200&sort=-name")
            let first200 = (try parseJSONObject(all)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            XCTAssertEqual(Array(listed.prefix(200)), first200)
            XCTAssertEqual(Set(listed).count, listed.count)
            XCTAssertGreaterThan(listed.count, 200, "page 3 has rows")
        }
    }
}
