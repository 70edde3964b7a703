import Foundation
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Runs imports as a person and as an integration would: upload through the page (303 to the
/// job) or the API (202 with the job), then poll the job through the API as the same user.
struct ImportDriver {
    let app: Application
    let browser: Browser
    let api: APIClient

    /// Signs in as `role` in a browser and makes an API token for the same user.
    static func signedIn(_ role: Role, app: Application, fixtures: Fixtures) async throws -> ImportDriver {
        let browser = Browser(app)
        try await browser.signIn(as: role)
        Check.equal(try await browser.get(Site.imports).status, .ok)
        return ImportDriver(app: app, browser: browser, api: try await APIClient.forRole(role, app: app, fixtures: fixtures))
    }

    /// Uploads through the import page and waits for the job; returns its id and final JSON.
    func viaPage(_ register: String, fileName: String, data: Data, file: StaticString = #filePath, line: UInt = #line) async throws -> (id: Int, job: [String: Any]) {
        let response = try await browser.upload(Site.importUpload(register), fileName: fileName, data: data)
        XCTAssertEqual(response.status, .seeOther, response.text, file: file, line: line)
        let id = try XCTUnwrap(response.jobID, "redirect to the job, got \(response.location ?? "none")", file: file, line: line)
        return (id, try await api.waitForJob(id, file: file, line: line))
    }

    /// Uploads through `POST /api/v1/imports/{register}` and waits for the job.
    func viaAPI(_ register: String, fileName: String, data: Data, file: StaticString = #filePath, line: UInt = #line) async throws -> (id: Int, job: [String: Any]) {
        let response = try await api.upload(Site.API.importUpload(register), fileName: fileName, data: data)
        XCTAssertEqual(response.status, .accepted, response.text, file: file, line: line)
        let accepted = try api.object(response, file: file, line: line)
        XCTAssertEqual(accepted["kind"] as? String, "import:\(register)", file: file, line: line)
        let id = try XCTUnwrap(accepted["id"] as? Int, file: file, line: line)
        return (id, try await api.waitForJob(id, file: file, line: line))
    }

    /// The job's reported row errors as (row, column, value, reason).
    static func errors(_ job: [String: Any]) -> [RowError] {
        (job["errors"] as? [[String: Any]] ?? []).map {
            RowError(row: $0["row"] as? Int ?? -1, column: $0["column"] as? String ?? "?", value: $0["value"] as? String ?? "?", reason: $0["reason"] as? String ?? "?")
        }
    }

    struct RowError: Equatable, CustomStringConvertible {
        var row: Int
        var column: String
        var value: String
        var reason: String
        init(row: Int, column: String, value: String, reason: String) { self.row = row; self.column = column; self.value = value; self.reason = reason }
        init(_ row: Int, _ column: String, _ value: String, _ reason: String) { self.init(row: row, column: column, value: value, reason: reason) }
        var description: String { "(\(row), \(column), \(value), \(reason))" }
    }

    /// CSV text with CRLF line ends, in UTF-8 with or without a byte order mark.
    static func csv(_ lines: [String], bom: Bool = false) -> Data {
        var data = bom ? Data([0xEF, 0xBB, 0xBF]) : Data()
        data.append(Data(lines.map { $0 + "\r\n" }.joined().utf8))
        return data
    }

    static func bytes(hex: String) -> Data {
        var data = Data()
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            data.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return data
    }
}
