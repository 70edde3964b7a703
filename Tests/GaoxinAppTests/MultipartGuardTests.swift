import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A multipart body whose part headers hold non-ASCII bytes used to crash the whole server inside
/// MultipartKit; it is now a 400 for everyone (signed in or not) and the server keeps serving.
final class MultipartGuardTests: XCTestCase {
    static let boundary = "08389201c78608fb49a25d9bfe6793ab"
    /// Found by schemathesis: a part whose "header" is a 4-byte UTF-8 sequence.
    static let crashing: [UInt8] = Array("--\(boundary)\r\n".utf8) + [0xF1, 0xBF, 0xA4, 0xAF, 0x26] + Array("--\(boundary)--\r\n".utf8)

    func testTheGuardSeparatesHeaderNamesFromValues() {
        let b = Array("--B".utf8)
        XCTAssertFalse(MultipartGuard.isSafe(Array("--B\r\n".utf8) + [0xE6, 0x96, 0x87] + Array(": x\r\n\r\ndata\r\n--B--".utf8), boundary: b))
        let chineseFilename = Array("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"单位.csv\"\r\n\r\n".utf8) + [0xFF, 0xFE, 0x80] + Array("\r\n--B--\r\n".utf8)
        XCTAssertTrue(MultipartGuard.isSafe(chineseFilename, boundary: b), "non-ASCII in a header value and in the file content is fine")
        XCTAssertFalse(MultipartGuard.isSafe(Array("--\(Self.boundary)\r\n".utf8) + [0xF1] + Array("--\(Self.boundary)--".utf8), boundary: Array("--\(Self.boundary)".utf8)))
    }

    func testTheCrashingBodyIsA400AndTheServerKeepsServing() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Self.boundary)")
            headers.bearerAuthorization = BearerAuthorization(token: api.token!)
            for path in [Site.API.importUpload("users"), Site.API.importUpload("units"), "/api/v1/analytics/complexity/datasets"] {
                let response = try await app.testable(method: .inMemory).performTest(
                    request: XCTHTTPRequest(method: .POST, url: URI(string: path), headers: headers, body: ByteBuffer(bytes: Self.crashing)))
                XCTAssertEqual(response.status, .badRequest, path)
                XCTAssertTrue(response.body.string.contains("\"field\":\"file\""), response.body.string)
            }
            // An anonymous browser with a session (the sign-in page gives one) gets the same 400.
            let browser = Browser(app)
            try await browser.get(Site.signIn)
            var formHeaders = HTTPHeaders()
            formHeaders.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Self.boundary)")
            let anonymous = try await browser.send(.POST, Site.signIn, headers: formHeaders, body: ByteBuffer(bytes: Self.crashing))
            XCTAssertEqual(anonymous.status, .badRequest)
            let health = try await browser.get(Site.health)
            XCTAssertEqual(health.status, .ok)
            let jobs = try await Job.query(on: app.db).count()
            XCTAssertEqual(jobs, 0, "nothing was started")
        }
    }
}
