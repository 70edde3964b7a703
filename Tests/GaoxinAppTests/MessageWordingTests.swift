import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Messages that name the real cause (issue 9.5): a JSON body over its limit says the body's
/// limit, a file-level import error says 整个文件 (never 第 0 行), a choice left open says 请选择.
final class MessageWordingTests: XCTestCase {
    /// Over a real socket: Vapor collects (and limits) the body only there, not in memory.
    func testAnOversizedJSONBodyNamesTheBodyLimitNotTheFileLimit() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let note = String(repeating: "很长的备注", count: 80_000)  // ~1.2 MB of UTF-8
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: try XCTUnwrap(office.token))
            headers.contentType = .json
            let server = try app.testable(method: .running(hostname: "127.0.0.1", port: Int.random(in: 20_000...40_000)))
            try await server.test(.PATCH, Site.API.unit(fixtures.team), headers: headers, body: ByteBuffer(string: "{\"note\":\"\(note)\"}")) { refused async throws in
                XCTAssertEqual(refused.status, .payloadTooLarge)
                let error = try apiErrorObject(refused)
                XCTAssertEqual(error["code"] as? String, "too_large")
                XCTAssertEqual(error["message"] as? String, "请求内容超过 1 MB 上限（上传文件请使用导入功能）")
            }
            let unchanged = try await Probe.unit(app, fixtures.team)
            XCTAssertNil(unchanged.note)
        }
    }

    func testAFileLevelImportErrorIsPlacedInTheWholeFileInTheJobAPI() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("units", fileName: "坏文件.xlsx", data: Data("这不是 xlsx 文件".utf8))
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            let errors = try XCTUnwrap(job["errors"] as? [[String: Any]])
            XCTAssertEqual(errors.first?["row"] as? Int, 0)
            XCTAssertEqual(errors.first?["place"] as? String, "整个文件")
            let rowLevel = try await driver.viaAPI("units", fileName: "单位.csv", data: ImportDriver.csv([ImportTests.header, "无类型单位,,XW,,,"]))
            let placed = try XCTUnwrap((rowLevel.job["errors"] as? [[String: Any]])?.first)
            XCTAssertEqual(placed["place"] as? String, "第 2 行")
        }
    }

    func testAnEmptyChoiceSaysChooseNotFillIn() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let refused = try await office.send(.POST, Site.API.enterprises, body: ["name": "未选单位有限公司", "creditCode": USCC.numbered(910), "industryCode": "3976"])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let error = try apiErrorObject(refused)
            XCTAssertEqual(error["field"] as? String, "unitId")
            XCTAssertEqual(error["message"] as? String, "请选择所属单位")
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.clusterNew)
            let form = try await browser.post(Site.clusters, [("name", "未选类别集群"), ("category", ""), ("leadUnitId", "")])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(form.text, "category"), "请选择集群类别")
            XCTAssertEqual(HTMLProbe.fieldError(form.text, "leadUnitId"), "请选择牵头部门")
        }
    }
}
