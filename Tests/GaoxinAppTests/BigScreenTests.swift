import Fluent
import Foundation
import GaoxinDomain
import SQLKit
@testable import GaoxinApp
import XCTVapor
import XCTest

/// 大屏 (issue 14, item 6): a dark page for a wall display that reloads itself, the city's boards
/// on the bundled map with their enterprises (agreeing with a count over the register), the
/// latest bulletin's figures, nothing loaded from outside; and its data as JSON.
final class BigScreenTests: XCTestCase {
    func testTheScreenCountsEachBoardsEnterprisesAndShowsTheLatestBulletin() async throws {
        try await withDemoApp { app in
            let found = try await User.query(on: app.db).filter(\.$username == "leader").first()
            let leader = try await APIClient.forUser(try XCTUnwrap(found).id!, app: app)
            let response = try await leader.send(.GET, BigScreenPages.apiPath)
            XCTAssertEqual(response.status, .ok, response.text)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let screen = try decoder.decode(BigScreen.self, from: Data(response.body.readableBytesView))

            // Each board's enterprises counted here from the register and the unit tree (not the roll-up).
            let sql = app.db as! any SQLDatabase
            let units = try await sql.raw("SELECT id, path, kind, name FROM units").all()
            let enterprises = try await sql.raw("SELECT unit_id FROM enterprises WHERE active = \(bind: true)").all().map { try $0.decode(column: "unit_id", as: Int.self) }
            let pathOf = Dictionary(uniqueKeysWithValues: try units.map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "path", as: String.self)) })
            var expected: [String: Int] = [:]
            for board in units where try board.decode(column: "kind", as: String.self) == "board" {
                let path = try board.decode(column: "path", as: String.self)
                expected[try board.decode(column: "name", as: String.self)] = enterprises.filter { pathOf[$0]?.hasPrefix(path) == true }.count
            }
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: screen.boards.map { ($0.name, $0.enterprises) }), expected)
            XCTAssertEqual(screen.boards.first { $0.name == "江阴" }?.adcode, "320281")
            XCTAssertEqual(screen.boards.filter { $0.adcode != nil }.count, 7, "seven boards are districts of the map")
            XCTAssertNil(screen.boards.first { $0.name == "经开" }?.adcode, "经开 is no district: listed beside the map")

            let bulletin = try await BulletinRecord.query(on: app.db).sort(\.$month, .descending).first()
            let content = try XCTUnwrap(try bulletin?.content())
            XCTAssertEqual(screen.month, content.header.month)
            XCTAssertEqual(screen.tiles.first { $0.key == "clusterRevenue" }?.value, Wan(content.clusterTotal.yearToDate).yiText)
            XCTAssertEqual(screen.tiles.first { $0.key == "enterprises" }?.value, Wan.grouped(UInt64(enterprises.count)))
            XCTAssertEqual(screen.clusters.map(\.name), Array(content.clusters.prefix(BigScreen.clustersShown).map(\.name)))
            XCTAssertEqual(screen.ranking.first?.unit, content.targets.rows.first?.unit)
        }
    }

    func testThePageIsDarkRefreshesItselfAndDrawsTheBundledMapWithNothingFromOutside() async throws {
        try await withApp { app, fixtures in
            let leader = try await Browser.signedIn(app, as: .leader)
            let page = try await leader.get(BigScreenPages.path)
            XCTAssertEqual(page.status, .ok)
            XCTAssertNotNil(page.text.range(of: "<meta http-equiv=\"refresh\" content=\"\(BigScreen.refreshSeconds)\"", options: .literal), "reloads itself")
            XCTAssertTrue(page.text.contains("href=\"\(BigScreenPages.stylesheetPath)\""))
            XCTAssertEqual(page.text.components(separatedBy: "<path class=\"district").count - 1, BoardMap.wuxi.districts.count)
            XCTAssertTrue(page.text.contains("尚无通报数据"), "before the first bulletin the screen says so")
            XCTAssertNil(page.text.range(of: "(src|href)=\"https?://", options: .regularExpression), "nothing is loaded from outside")
            let css = try await leader.get(BigScreenPages.stylesheetPath)
            XCTAssertTrue(css.text.contains("background:#07142b"))
            // Only readers of the programme see it.
            let auditor = try await Browser.signedIn(app, as: .auditor)
            let refused = try await auditor.get(BigScreenPages.path)
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    func testTheBundledMapNamesItsDistrictsAndMatchesBoardsByName() throws {
        let map = BoardMap.wuxi
        XCTAssertEqual(Set(map.districts.map(\.nameZh)), ["江阴市", "宜兴市", "梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区"])
        XCTAssertEqual(map.district(forBoard: "江阴")?.adcode, "320281")
        XCTAssertEqual(map.district(forBoard: "新吴区")?.adcode, map.district(forBoard: "新吴")?.adcode)
        XCTAssertNil(map.district(forBoard: "经开"))
        XCTAssertNil(map.district(forBoard: "区"))
        let size = map.viewBox.split(separator: " ").compactMap { Double($0) }
        XCTAssertEqual(size.count, 4)
        for district in map.districts {
            XCTAssertTrue(district.path.hasPrefix("M") && district.path.hasSuffix("Z"), district.nameZh)
            XCTAssertTrue((0...size[2]).contains(district.labelX) && (0...size[3]).contains(district.labelY), district.nameZh)
        }
        // A point in 新吴 (120.40°E, 31.49°N) lands inside that district's outline box; Shanghai is off the map.
        let xinwu = try XCTUnwrap(map.districts.first { $0.nameZh == "新吴区" })
        let numbers = xinwu.path.split { " ,MZ\n\\".contains($0) }.compactMap { Double($0) }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }, ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        let point = try XCTUnwrap(map.point(longitude: 120.40, latitude: 31.49))
        XCTAssertTrue(xs.min()! <= point.x && point.x <= xs.max()! && ys.min()! <= point.y && point.y <= ys.max()!, "\(point)")
        XCTAssertNil(map.point(longitude: 121.47, latitude: 31.23))
    }

    /// Parks with coordinates are dots on the map, in the page and the API; a park without them is not.
    func testParksWithCoordinatesArePlacedOnTheMap() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            for (name, extra) in [("集成电路特色产业园", ["longitude": 120.402, "latitude": 31.488] as [String: Any]), ("未标位置的园区", [:])] {
                var body: [String: Any] = ["name": name, "kind": "featured", "level": "provincial", "owningUnitId": fixtures.zone, "leadIndustry": "3973"]
                body.merge(extra) { _, new in new }
                let created = try await office.send(.POST, "/api/v1/parks", body: body)
                XCTAssertEqual(created.status, .created, created.text)
            }
            let screen = try office.json(try await office.send(.GET, BigScreenPages.apiPath))
            let parks = try XCTUnwrap(screen["parks"] as? [[String: Any]])
            XCTAssertEqual(parks.map { $0["name"] as? String }, ["集成电路特色产业园"])
            let expected = try XCTUnwrap(BoardMap.wuxi.point(longitude: 120.402, latitude: 31.488))
            XCTAssertEqual(try XCTUnwrap(parks.first?["x"] as? Double), expected.x, accuracy: 0.05)
            let leader = try await Browser.signedIn(app, as: .leader)
            let page = try await leader.get(BigScreenPages.path)
            XCTAssertTrue(page.text.contains("<circle class=\"park provincial\"") && page.text.contains("<title>集成电路特色产业园</title>"), page.text)
        }
    }
}
