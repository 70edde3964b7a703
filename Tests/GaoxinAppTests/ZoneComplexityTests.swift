import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// The complexity matrix built from the zone's own enterprise figures (issue 4 §3): boards ×
/// industry codes, summed per year, then ranked like an uploaded matrix.
final class ZoneComplexityTests: XCTestCase {
    // MARK: the aggregation itself

    func testAggregationPlacesUnitsOnTheirBoardAndCutsCodesToTheLevel() {
        let sums = [
            ZoneMatrix.UnitSum(unitId: 10, industryCode: "3973", year: "2025", revenue: 100, enterprises: 2, lastMonth: "2025-12"),
            ZoneMatrix.UnitSum(unitId: 11, industryCode: "3972", year: "2025", revenue: 30, enterprises: 1, lastMonth: "2025-12"),
            ZoneMatrix.UnitSum(unitId: 12, industryCode: "3130", year: "2025", revenue: 50, enterprises: 1, lastMonth: "2025-12"),
            ZoneMatrix.UnitSum(unitId: 12, industryCode: "39", year: "2025", revenue: 7, enterprises: 3, lastMonth: "2025-12"),
            ZoneMatrix.UnitSum(unitId: 10, industryCode: "3973", year: "2026", revenue: 40, enterprises: 2, lastMonth: "2026-08"),
        ]
        let boards = [10: "新吴", 11: "新吴", 12: "江阴"]
        let four = ZoneMatrix.aggregate(sums, location: { boards[$0] }, level: 4)
        XCTAssertEqual(four.observations, [
            .init(year: "2025", loc: "新吴", prod: "3972", val: 30), .init(year: "2025", loc: "新吴", prod: "3973", val: 100),
            .init(year: "2025", loc: "江阴", prod: "3130", val: 50),
            .init(year: "2026", loc: "新吴", prod: "3973", val: 40),
        ].sorted { ($0.year, $0.loc, $0.prod) < ($1.year, $1.loc, $1.prod) })
        XCTAssertEqual(four.skippedCoarse, 3, "a 2-digit code cannot be placed in a 4-digit column")
        XCTAssertEqual(four.partialYears, ["2026": "2026-08"])

        let two = ZoneMatrix.aggregate(sums, location: { boards[$0] }, level: 2)
        XCTAssertEqual(two.observations.filter { $0.year == "2025" }, [
            .init(year: "2025", loc: "新吴", prod: "39", val: 130),
            .init(year: "2025", loc: "江阴", prod: "31", val: 50), .init(year: "2025", loc: "江阴", prod: "39", val: 7),
        ].sorted { ($0.year, $0.loc, $0.prod) < ($1.year, $1.loc, $1.prod) })
        XCTAssertEqual(two.skippedCoarse, 0)
        XCTAssertEqual(two.enterpriseCount, 9)
    }

    // MARK: through the public surface

    /// Three boards with a few enterprises and months of revenue; returns the boards' ids.
    func seed(_ app: Application, _ fixtures: Fixtures) async throws -> [String: Int] {
        var boards = ["新吴": fixtures.board]
        for (name, code) in [("江阴", "JY"), ("宜兴", "YX")] {
            boards[name] = try await UnitSeed.insert(.init(name: name, kind: .board, code: code, parentID: fixtures.root, sortOrder: 0, note: nil), on: app.db).id!
        }
        // (unit, industry, above scale, monthly revenue for months 1…n of 2025)
        let plan: [(Int, String, Bool, [Int64])] = [
            (fixtures.team, "3973", true, [100, 100, 100]),     // 新吴 via the team under the zone
            (fixtures.zone, "3973", true, [50, 50]),
            (fixtures.zone, "3562", false, [20]),
            (boards["江阴"]!, "3130", true, [300, 300, 300]),
            (boards["江阴"]!, "3562", true, [10]),
            (boards["宜兴"]!, "3591", true, [80, 80]),
            (boards["宜兴"]!, "3130", true, [40]),
        ]
        for (index, item) in plan.enumerated() {
            let enterprise = Enterprise()
            let first17 = "9132021" + String(format: "%010d", index + 1)
            enterprise.creditCode = first17 + String(CreditCode.checkCharacter(for: first17)!)
            enterprise.name = "测试企业\(index + 1)"
            enterprise.industryCode = item.1
            enterprise.unitID = item.0
            enterprise.aboveScale = item.2
            enterprise.active = true
            try await enterprise.create(on: app.db)
            for (month, revenue) in item.3.enumerated() {
                let row = EnterpriseIndicator()
                row.enterpriseID = enterprise.id!
                row.period = Period(year: 2025, month: month + 1)!.description
                row.revenue = revenue
                try await row.create(on: app.db)
            }
        }
        return boards
    }

    struct Observation: Decodable, Equatable { var loc: String; var prod: String; var val: Double }

    func observations(_ app: Application, dataset: Int) async throws -> [Observation] {
        try await (app.db as! any SQLDatabase).select().columns("loc", "prod", "val").from("complexity_observations")
            .where("dataset_id", .equal, dataset).orderBy("loc").orderBy("prod").all(decoding: Observation.self)
    }

    func testOfficeBuildsTheMatrixFromEnterpriseRevenueAndReadsTheRanking() async throws {
        try await withApp { app, fixtures in
            _ = try await seed(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            let page = try await browser.get(Site.complexity)
            XCTAssertTrue(page.text.contains("由本区企业数据生成"))
            let created = try await browser.post(Site.complexityFromZone, [("fromYear", "2025"), ("level", "4")])
            XCTAssertEqual(created.status, .seeOther, created.text)
            let location = try XCTUnwrap(created.headers.first(name: .location))
            let id = try XCTUnwrap(Int(location.dropFirst(Site.complexity.count + 1).prefix { $0.isNumber }))
            let stored = try await observations(app, dataset: id)
            XCTAssertEqual(stored, [
                Observation(loc: "宜兴", prod: "3130", val: 40), Observation(loc: "宜兴", prod: "3591", val: 160),
                Observation(loc: "新吴", prod: "3562", val: 20), Observation(loc: "新吴", prod: "3973", val: 400),
                Observation(loc: "江阴", prod: "3130", val: 900), Observation(loc: "江阴", prod: "3562", val: 10),
            ].sorted { ($0.loc, $0.prod) < ($1.loc, $1.prod) })
            let found = try await ComplexityDataset.find(id, on: app.db)
            let dataset = try XCTUnwrap(found)
            XCTAssertEqual(dataset.source, "zone")
            XCTAssertEqual(dataset.years, "2025")
            XCTAssertTrue(dataset.description?.contains("共 7 家") ?? false, dataset.description ?? "")
            XCTAssertTrue(dataset.description?.contains("2025 年数据截至 2025-03") ?? false, dataset.description ?? "")

            // The office user sits in the zone, under 新吴: the page opens on 新吴's ranking.
            let show = try await browser.get(Site.complexityDataset(id))
            XCTAssertEqual(show.status, .ok, show.text)
            XCTAssertTrue(show.text.contains("本区企业营业收入"), "the page says how the dataset was built")
            XCTAssertTrue(show.text.contains("<option value=\"新吴\" selected"), "the reader's board is preselected")
            XCTAssertTrue(show.text.contains("<td>3591 环境保护专用设备制造</td>"), "a recommended industry is named, not only coded")

            let audit = try await Stored.audit(app, entity: "complexity_dataset", action: "create")
            XCTAssertEqual(audit.count, 1)
            XCTAssertTrue(audit[0].summary.contains("本区企业数据"))
        }
    }

    func testAboveScaleOnlyLeavesSmallEnterprisesOutAndTheAPIBuildsToo() async throws {
        try await withApp { app, fixtures in
            _ = try await seed(app, fixtures)
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let response = try await api.send(.POST, Site.API.complexityFromZone, json: #"{"fromYear":"2025","level":"2","aboveScaleOnly":true,"name":"规上大类"}"#)
            XCTAssertEqual(response.status, .created, response.text)
            let body = try api.json(response)
            XCTAssertEqual(body["source"] as? String, "zone")
            XCTAssertEqual(body["name"] as? String, "规上大类")
            let id = try XCTUnwrap(body["id"] as? Int)
            let stored = try await observations(app, dataset: id)
            XCTAssertEqual(stored, [
                Observation(loc: "宜兴", prod: "31", val: 40), Observation(loc: "宜兴", prod: "35", val: 160),
                Observation(loc: "新吴", prod: "39", val: 400),
                Observation(loc: "江阴", prod: "31", val: 900), Observation(loc: "江阴", prod: "35", val: 10),
            ].sorted { ($0.loc, $0.prod) < ($1.loc, $1.prod) }, "the below-scale 3562 of 新吴 is left out")
            let ranking = try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(id)/recommendations?location=%E6%96%B0%E5%90%B4")
            XCTAssertEqual(ranking.status, .ok, ranking.text)
            XCTAssertEqual(try api.json(ranking)["location"] as? String, "新吴")

            // Asked for 2024–2025 with figures only in 2025: named after what it holds, and says so.
            let ranged = try await api.send(.POST, Site.API.complexityFromZone, json: #"{"fromYear":"2024","toYear":"2025","level":"2"}"#)
            XCTAssertEqual(ranged.status, .created, ranged.text)
            let rangedBody = try api.json(ranged)
            XCTAssertEqual(rangedBody["years"] as? [String], ["2025"])
            XCTAssertTrue((rangedBody["name"] as? String)?.contains("2025") ?? false)
            XCTAssertFalse((rangedBody["name"] as? String)?.contains("2024") ?? true, "\(rangedBody)")
            XCTAssertTrue((rangedBody["description"] as? String)?.contains("2024 年没有营业收入数据") ?? false, "\(rangedBody)")
        }
    }

    func testBadYearsAndEmptyYearsAreFieldErrorsAndNothingIsStored() async throws {
        try await withApp { app, fixtures in
            _ = try await seed(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.complexity)
            let cases: [([(String, String)], String, String)] = [
                ([("fromYear", "")], "fromYear", "请填写起始年份"),
                ([("fromYear", "20x5")], "fromYear", "四位年份"),
                ([("fromYear", "2031")], "fromYear", "四位年份"),
                ([("fromYear", "2025"), ("toYear", "2024")], "toYear", "不能早于"),
                ([("fromYear", "2025"), ("level", "5")], "level", "2、3 或 4"),
                ([("fromYear", "2019")], "fromYear", "没有可用的企业营业收入数据"),
            ]
            for (form, field, message) in cases {
                let response = try await browser.post(Site.complexityFromZone, form)
                XCTAssertEqual(response.status, .unprocessableEntity, "\(form)")
                XCTAssertTrue(response.text.contains("id=\"\(field)-error\""), "\(form): message next to \(field)")
                XCTAssertTrue(response.text.contains(message), "\(form): \(message)")
            }
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let bad = try await api.send(.POST, Site.API.complexityFromZone, json: #"{"fromYear":"1980"}"#)
            XCTAssertEqual(bad.status, .unprocessableEntity)
            let error = try apiErrorObject(bad)
            XCTAssertEqual(error["field"] as? String, "fromYear")
            let count = try await Stored.count(app, "complexity_datasets")
            XCTAssertEqual(count, 0)
        }
    }

    func testOneBoardAloneCannotBeComputedAndSaysWhy() async throws {
        try await withApp { app, fixtures in
            let enterprise = Enterprise()
            let first17 = "91320214MA0000001"
            enterprise.creditCode = first17 + String(CreditCode.checkCharacter(for: first17)!)
            enterprise.name = "唯一企业"
            enterprise.industryCode = "3973"
            enterprise.unitID = fixtures.zone
            enterprise.aboveScale = true
            enterprise.active = true
            try await enterprise.create(on: app.db)
            let row = EnterpriseIndicator()
            row.enterpriseID = enterprise.id!
            row.period = "2025-01"
            row.revenue = 10
            try await row.create(on: app.db)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let response = try await api.send(.POST, Site.API.complexityFromZone, json: #"{"fromYear":"2025"}"#)
            XCTAssertEqual(response.status, .unprocessableEntity, response.text)
            let error = try apiErrorObject(response)
            XCTAssertTrue((error["message"] as? String ?? "").hasPrefix("本区数据还不能计算"), "\(error)")
        }
    }

    func testOnlyAdminAndOfficeBuildDatasets() async throws {
        try await withApp { app, fixtures in
            _ = try await seed(app, fixtures)
            for role in [Role.unit, .park, .leader, .auditor] {
                let api = try await APIClient.forRole(role, app: app, fixtures: fixtures)
                let response = try await api.send(.POST, Site.API.complexityFromZone, json: #"{"fromYear":"2025"}"#)
                XCTAssertEqual(response.status, .forbidden, "\(role)")
            }
        }
    }
}

final class ZoneLocationTests: XCTestCase {
    func testBoardsThatShareANameAreToldApartByCode() async throws {
        try await withApp { app, fixtures in
            let otherCity = try await UnitSeed.insert(.init(name: "苏州市", kind: .city, code: "SZ", parentID: nil, sortOrder: 0, note: nil), on: app.db).id!
            let namesake = try await UnitSeed.insert(.init(name: "新吴", kind: .board, code: "SZ-XW", parentID: otherCity, sortOrder: 0, note: nil), on: app.db).id!
            let locations = try await ZoneMatrix.locations(on: app.db)
            XCTAssertEqual(locations[fixtures.team], "新吴（XW）", "a team under the zone belongs to its board")
            XCTAssertEqual(locations[namesake], "新吴（SZ-XW）")
            XCTAssertEqual(locations[fixtures.root], "无锡市", "a unit above every board is its own place")
        }
    }
}
