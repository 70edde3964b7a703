import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A certificate's validity is derived from its expiry date against today (the app's clock):
/// an expired one shows as expired on the list, the page and in the API, and filters by it.
final class RegisterExpiryTests: XCTestCase {
    func testAnExpiredCertificateShowsAsExpiredWithoutAnyoneChangingIt() async throws {
        try await withApp { app, fixtures in
            let declaration = RegisterDeclaration.certifiedStaff
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            // Today is 2026-09-21 (Fixtures.startOfTest).
            for (number, expires) in [("ZS-1", "2026-09-20"), ("ZS-2", "2026-10-15"), ("ZS-3", "2027-06-30")] {
                let body = "{\"certificateNumber\":\"\(number)\",\"name\":\"专员\(number)\",\"unitId\":\(fixtures.team),\"level\":\"junior\",\"issuedOn\":\"2024-01-01\",\"expiresOn\":\"\(expires)\"}"
                let created = try await office.send(.POST, declaration.apiPath, json: body)
                XCTAssertEqual(created.status, .created, created.text)
            }
            let list = try parseJSONObject(try await office.send(.GET, declaration.apiPath + "?sort=expiresOn"))
            XCTAssertEqual((list["items"] as? [[String: Any]])?.map { $0["validity"] as? String }, ["expired", "expiring", "valid"])
            for (filter, number) in [("expired", "ZS-1"), ("expiring", "ZS-2"), ("valid", "ZS-3")] {
                let filtered = try parseJSONObject(try await office.send(.GET, declaration.apiPath + "?validity=\(filter)"))
                XCTAssertEqual((filtered["items"] as? [[String: Any]])?.map { $0["certificateNumber"] as? String }, [number], filter)
            }
            let browser = try await Browser.signedIn(app, as: .leader)
            let page = try await browser.get(declaration.path + "?validity=expired")
            XCTAssertTrue(HTMLProbe.tableBody(page.text).contains("已过期"), "the list says expired")
            XCTAssertFalse(HTMLProbe.tableBody(page.text).contains("ZS-3"))

            // A day later the expiring one is still expiring; past its date it is expired, with nothing written.
            app.clock.advance(by: 30 * 86_400)
            let later = try parseJSONObject(try await office.send(.GET, declaration.apiPath + "?validity=expired"))
            XCTAssertEqual((later["items"] as? [[String: Any]])?.count, 2)
            try await AssertAsync.equal(try await Stored.audit(app, entity: declaration.entity, action: "update").count, 0)
        }
    }
}
