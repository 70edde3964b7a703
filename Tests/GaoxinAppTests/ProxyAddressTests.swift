import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Behind a load balancer every request arrives from the balancer's address; with
/// GAOXIN_TRUST_PROXY the per-address sign-in limit counts the real client instead. Without it,
/// a forged X-Forwarded-For header changes nothing.
final class ProxyAddressTests: XCTestCase {
    func failSignIns(_ app: Application, from address: String, times: Int) async throws -> [HTTPResponseStatus] {
        var statuses: [HTTPResponseStatus] = []
        for _ in 0..<times {
            let browser = Browser(app)
            try await browser.get(Site.signIn)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: "X-Forwarded-For", value: "10.0.0.1, \(address)")
            let body = "username=nobody&password=wrong-password-1&_csrf=\(browser.csrf ?? "")"
            statuses.append(try await browser.send(.POST, Site.signIn, headers: headers, body: ByteBuffer(string: body)).status)
        }
        return statuses
    }

    func testTrustedProxyCountsEachClientSeparately() async throws {
        try await withApp(configure: { $0.trustProxy = true; $0.addressFailureLimit = 2 }) { app, _ in
            let first = try await failSignIns(app, from: "203.0.113.7", times: 3)
            XCTAssertEqual(first, [.unauthorized, .unauthorized, .tooManyRequests])
            let other = try await failSignIns(app, from: "198.51.100.9", times: 1)
            XCTAssertEqual(other, [.unauthorized], "another client behind the same proxy is not blocked")
            let recorded = try await LoginFailure.query(on: app.db).all().map(\.address)
            XCTAssertEqual(Set(recorded), ["203.0.113.7", "198.51.100.9"])
        }
    }

    func testWithoutTrustTheHeaderIsIgnored() async throws {
        try await withApp(configure: { $0.addressFailureLimit = 2 }) { app, _ in
            _ = try await failSignIns(app, from: "203.0.113.7", times: 2)
            let other = try await failSignIns(app, from: "198.51.100.9", times: 1)
            XCTAssertEqual(other, [.tooManyRequests], "a forged header must not escape the limit")
        }
    }
}
