import Foundation
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Target-industry recommendation through the public surface: upload a matrix (long or wide
/// form, CSV or xlsx), read the ranking over the API and the page, export it; bad cells are
/// reported by row and nothing is stored.
final class ComplexityAnalyticsTests: XCTestCase {
    /// Four regions × five industries; region 新吴 lacks 集成电路 and 生物医药, which its
    /// neighbours in the product space (regions with similar mixes) have.
    static let longCSV = """
    年份,地区,产业,数值
    2024,新吴,0011,120
    2024,新吴,0022,80
    2024,新吴,0033,5
    2024,新吴,0044,0
    2024,新吴,0055,0
    2024,江阴,0011,10
    2024,江阴,0022,90
    2024,江阴,0033,70
    2024,江阴,0044,60
    2024,江阴,0055,1
    2024,宜兴,0011,5
    2024,宜兴,0022,2
    2024,宜兴,0033,80
    2024,宜兴,0044,3
    2024,宜兴,0055,90
    2024,滨湖,0011,60
    2024,滨湖,0022,70
    2024,滨湖,0033,4
    2024,滨湖,0044,50
    2024,滨湖,0055,2
    """

    static func upload(_ browser: Browser, name: String, fileName: String, data: Data, year: String = "") async throws -> XCTHTTPResponse {
        let boundary = "gx-\(UUID().uuidString)"
        var body = Data()
        func field(_ key: String, _ value: String) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        field("_csrf", browser.csrf ?? "")
        field("name", name)
        field("measure", "revenue")
        field("year", year)
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await browser.send(.POST, Site.complexity, headers: headers, body: ByteBuffer(data: body))
    }

    static func datasetID(_ response: XCTHTTPResponse) throws -> Int {
        let location = try XCTUnwrap(response.headers.first(name: .location), response.text)
        let digits = location.dropFirst(Site.complexity.count + 1).prefix { $0.isNumber }
        return try XCTUnwrap(Int(digits), location)
    }

    func testLongCSVUploadRanksIndustriesTheZoneLacks() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.complexity)
            let created = try await Self.upload(browser, name: "无锡板块营收 2024", fileName: "m.csv", data: Data(Self.longCSV.utf8))
            XCTAssertEqual(created.status, .seeOther, created.text)
            let id = try Self.datasetID(created)

            let api = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let response = try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(id)/recommendations?location=%E6%96%B0%E5%90%B4")
            XCTAssertEqual(response.status, .ok, response.text)
            let json = try api.json(response)
            XCTAssertEqual(json["location"] as? String, "新吴")
            XCTAssertEqual(json["year"] as? String, "2024")
            let items = try XCTUnwrap(json["items"] as? [[String: Any]])
            let products = items.compactMap { $0["product"] as? String }
            // 新吴 has RCA ≥ 1 in 0011 and 0022 only; the others are the candidates, codes kept as text.
            XCTAssertEqual(Set(products), ["0033", "0044", "0055"])
            XCTAssertEqual(items.compactMap { $0["rank"] as? Int }, [1, 2, 3])
            for item in items {
                let parts = ["densityContribution", "pciContribution", "cogContribution"].compactMap { item[$0] as? Double }
                XCTAssertEqual(parts.count, 3)
                XCTAssertEqual(parts.reduce(0, +), try XCTUnwrap(item["score"] as? Double), accuracy: 1e-9, "the parts add up to the score")
            }
            let scores = items.compactMap { $0["score"] as? Double }
            XCTAssertEqual(scores, scores.sorted(by: >), "best first")

            let page = try await browser.get(Site.complexityDataset(id) + "?location=%E6%96%B0%E5%90%B4")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("<svg"), "the product space is drawn as SVG")
            XCTAssertTrue(page.text.contains(products[0]))

            let export = try await browser.get(Site.complexityExport(id) + "?location=%E6%96%B0%E5%90%B4")
            XCTAssertEqual(export.status, .ok)
            let sheets = try XLSXReader.read(Data(export.body.readableBytesView))
            XCTAssertEqual(sheets.count, 3)
            XCTAssertEqual(sheets[0].rows.dropFirst().map { $0[1].text }, products, "the export holds the same ranking")
        }
    }

    func testWideXLSXUploadNeedsAYearAndWorks() async throws {
        try await withApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            try await browser.get(Site.complexity)
            let wide = SheetTable(name: "m", rows: [
                [.text("地区"), .text("0011"), .text("0022"), .text("0033")],
                [.text("新吴"), .integer(10), .integer(0), .integer(3)],
                [.text("江阴"), .integer(2), .integer(9), .integer(1)],
                [.text("宜兴"), .integer(1), .integer(4), .integer(8)],
            ])
            let data = try XLSXWriter.write([wide])
            let refused = try await Self.upload(browser, name: "宽表", fileName: "w.xlsx", data: data)
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.text.contains("需要在表单中填写年份"), refused.text)
            let stored = try await ComplexityDataset.query(on: app.db).count()
            XCTAssertEqual(stored, 0)

            let created = try await Self.upload(browser, name: "宽表", fileName: "w.xlsx", data: data, year: "2023")
            XCTAssertEqual(created.status, .seeOther, created.text)
            let dataset = try await ComplexityDataset.find(try Self.datasetID(created), on: app.db)
            XCTAssertEqual(dataset?.rowCount, 9)
            XCTAssertEqual(dataset?.years, "2023")
        }
    }

    func testBadCellsAreReportedByRowAndNothingIsStored() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.complexity)
            let bad = "年份,地区,产业,数值\n2024,新吴,0011,abc\n2024,新吴,0022,-5\n2024,江阴,0011,3\n2024,江阴,0011,4\n2024,,0033,1\n"
            let response = try await Self.upload(browser, name: "坏数据", fileName: "bad.csv", data: Data(bad.utf8))
            XCTAssertEqual(response.status, .unprocessableEntity)
            for expected in ["不是数字", "不能为负数", "与第 4 行重复", "必填"] {
                XCTAssertTrue(response.text.contains(expected), "missing \(expected)")
            }
            let stored = try await ComplexityDataset.query(on: app.db).count()
            XCTAssertEqual(stored, 0)

            // The API reports the same, as the error object with every row in details.
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let boundary = "b\(UUID().uuidString)"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bad.csv\"\r\n\r\n\(bad)\r\n--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            headers.bearerAuthorization = BearerAuthorization(token: api.token!)
            let apiResponse = try await app.testable(method: .inMemory).performTest(
                request: XCTHTTPRequest(method: .POST, url: URI(string: "/api/v1/analytics/complexity/datasets"), headers: headers, body: ByteBuffer(string: body)))
            XCTAssertEqual(apiResponse.status, .unprocessableEntity)
            let error = try XCTUnwrap(try api.json(apiResponse)["error"] as? [String: Any])
            XCTAssertEqual(error["code"] as? String, "invalid_rows")
            XCTAssertEqual((error["details"] as? [Any])?.count, 4)
            let first = try XCTUnwrap((error["details"] as? [[String: Any]])?.first)
            XCTAssertEqual(first["message"] as? String, "第 2 行 数值：不是数字（abc）")
            XCTAssertEqual(first["field"] as? String, "数值")
        }
    }

    /// A matrix the computation cannot use is refused at upload with the computation's reason,
    /// not stored to fail when opened; a wide table's year must be a year; an xlsx formula
    /// without its result is refused by cell.
    func testAnUncomputableMatrixIsRefusedAtUpload() async throws {
        try await withApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.complexity)
            let single = "年份,地区,产业,数值\n2024,新吴,0011,3\n2024,新吴,0022,4\n"
            let refused = try await Self.upload(browser, name: "单地区", fileName: "one.csv", data: Data(single.utf8))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertTrue(refused.text.contains("2024 年只有一个地区（新吴"), refused.text)
            XCTAssertTrue(refused.text.contains("整个文件"))
            let zeros = "年份,地区,产业,数值\n2024,新吴,0011,0\n2024,新吴,0022,0\n2024,江阴,0011,0\n2024,江阴,0022,0\n"
            let allZero = try await Self.upload(browser, name: "全是零", fileName: "zero.csv", data: Data(zeros.utf8))
            XCTAssertEqual(allZero.status, .unprocessableEntity)
            let wide = "地区,0011,0022\n新吴,1,2\n江阴,3,4\n"
            let badYear = try await Self.upload(browser, name: "宽表", fileName: "wide.csv", data: Data(wide.utf8), year: "20x3")
            XCTAssertEqual(badYear.status, .unprocessableEntity)
            XCTAssertTrue(badYear.text.contains("年份应为四位数字"), badYear.text)
            let stored = try await ComplexityDataset.query(on: app.db).count()
            XCTAssertEqual(stored, 0, "nothing was stored")
        }
    }

    func testOnlyAdminAndOfficeUploadAndAuditorCannotRead() async throws {
        try await withApp { app, fixtures in
            let unit = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let unitRead = try await unit.send(.GET, "/api/v1/analytics/complexity/datasets")
            XCTAssertEqual(unitRead.status, .ok)
            let unitWrite = try await unit.send(.POST, "/api/v1/analytics/complexity/datasets")
            XCTAssertEqual(unitWrite.status, .forbidden)
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            let auditorRead = try await auditor.send(.GET, "/api/v1/analytics/complexity/datasets")
            XCTAssertEqual(auditorRead.status, .forbidden)
        }
    }
}
