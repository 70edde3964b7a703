import Foundation
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Issue 10's bad input on a declared register (policies stand for all: the checks are the
/// machinery's): an end before its start, a reference to a deactivated record and a key repeated
/// within one file — each refused at its field (form, API) or row and column (import), nothing written.
final class RegisterBadInputTests: XCTestCase {
    func testAnEndBeforeItsStartIsRefusedAtItsFieldInTheFormTheAPIAndAFile() async throws {
        try await withApp { app, fixtures in
            let policies = RegisterDeclaration.policies
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let viaAPI = try await office.send(.POST, policies.apiPath, body: ["name": "倒置有效期的政策", "tier": "5", "issuingUnitId": fixtures.zone,
                                                                            "issuedOn": "2025-06-01", "validUntil": "2025-05-31"])
            XCTAssertEqual(viaAPI.status, .unprocessableEntity, viaAPI.text)
            XCTAssertEqual(try apiErrorObject(viaAPI)["field"] as? String, "validUntil")
            XCTAssertEqual(try apiErrorObject(viaAPI)["message"] as? String, "有效期至不能早于发布日期")

            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(policies.path + "/new")
            let viaForm = try await browser.post(policies.path, [("name", "倒置有效期的政策"), ("tier", "5"), ("issuingUnitId", String(fixtures.zone)),
                                                                 ("issuedOn", "2025-06-01"), ("validUntil", "2025-05-31")])
            XCTAssertEqual(viaForm.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(viaForm.text, "validUntil"), "有效期至不能早于发布日期")

            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let file = ImportDriver.csv(["政策名称,层级,发文单位,发布日期,有效期至", "正常政策,5 专项政策,WXGX,2025-01-01,2026-12-31",
                                         "倒置有效期的政策,5 专项政策,WXGX,2025-06-01,2025-05-31"])
            let (_, job) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            XCTAssertEqual(ImportDriver.errors(job).map { "\($0.row) \($0.column)" }, ["3 有效期至"], "\(ImportDriver.errors(job))")
            try await AssertAsync.equal(try await Stored.count(app, policies.table), 0)
        }
    }

    func testAReferenceToADeactivatedRecordIsRefusedAtItsField() async throws {
        try await withApp { app, fixtures in
            let policies = RegisterDeclaration.policies
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let cluster = try AttractionRequests.created(try await office.send(.POST, Site.API.clusters, body: ["name": "已撤销集群", "category": "future", "leadUnitId": fixtures.zone]))
            try await AssertAsync.equal(try await office.send(.POST, Site.API.cluster(cluster) + "/deactivate").status, .ok)
            let refused = try await office.send(.POST, policies.apiPath, body: ["name": "指向停用集群的政策", "tier": "N", "issuingUnitId": fixtures.zone, "clusterIds": [cluster]])
            XCTAssertEqual(refused.status, .unprocessableEntity, refused.text)
            XCTAssertEqual(try apiErrorObject(refused)["field"] as? String, "clusterIds")
            XCTAssertEqual(try apiErrorObject(refused)["message"] as? String, "适用集群：产业集群“已撤销集群”已停用")
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: ImportDriver.csv(["政策名称,层级,发文单位,适用集群", "指向停用集群的政策,N 配套细则,WXGX,已撤销集群"]))
            XCTAssertEqual(ImportDriver.errors(job).map { "\($0.row) \($0.column) \($0.reason)" }, ["2 适用集群 适用集群：产业集群“已撤销集群”已停用"], "\(job)")
            try await AssertAsync.equal(try await Stored.count(app, policies.table), 0)
        }
    }

    func testAKeyRepeatedWithinOneFileRefusesTheFileNamingTheFirstRow() async throws {
        try await withApp { app, fixtures in
            let policies = RegisterDeclaration.policies
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let file = ImportDriver.csv(["政策名称,层级,发文单位", "重复的政策,5 专项政策,WXGX", "另一项政策,N 配套细则,WXGX", "重复的政策,N 配套细则,WXGX"])
            let (_, job) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: file)
            XCTAssertEqual(job["status"] as? String, "failed", "\(job)")
            let errors = ImportDriver.errors(job)
            XCTAssertEqual(errors.map(\.row), [4], "\(errors)")
            XCTAssertEqual(errors.first?.column, "政策名称")
            XCTAssertTrue(errors.first?.reason.contains("重复") ?? false, "\(errors)")
            try await AssertAsync.equal(try await Stored.count(app, policies.table), 0)
        }
    }

    /// An import updates by its key and keeps what the file has no column for (a PATCH, as a file):
    /// officials send back the required columns and those they changed.
    func testAColumnTheFileLacksKeepsTheStoredValue() async throws {
        try await withApp { app, fixtures in
            let policies = RegisterDeclaration.policies
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try AttractionRequests.created(try await office.send(.POST, policies.apiPath, body: [
                "name": "人才新政", "tier": "5", "issuingUnitId": fixtures.zone, "issuedOn": "2025-03-01", "validUntil": "2027-12-31", "summary": "安居、薪酬补贴"]))
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: ImportDriver.csv(["政策名称,层级,发文单位", "人才新政,N 配套细则,WXGX"]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let stored = try parseJSONObject(try await office.send(.GET, policies.apiPath(id)))
            XCTAssertEqual(stored["tier"] as? String, "N", "the column the file has is written")
            XCTAssertEqual(stored["summary"] as? String, "安居、薪酬补贴", "a column it lacks keeps its value")
            XCTAssertEqual(stored["validUntil"] as? String, "2027-12-31")
            XCTAssertEqual(stored["issuingUnitId"] as? Int, fixtures.zone)
            // An empty cell in a column the file has clears the value.
            let (_, cleared) = try await driver.viaAPI(policies.key, fileName: "政策.csv", data: ImportDriver.csv(["政策名称,层级,发文单位,主要内容", "人才新政,N 配套细则,WXGX,"]))
            XCTAssertEqual(cleared["status"] as? String, "succeeded", "\(cleared)")
            let after = try parseJSONObject(try await office.send(.GET, policies.apiPath(id)))
            XCTAssertTrue(after["summary"] is NSNull, "\(after)")
        }
    }
}
