import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

final class SmokeTests: XCTestCase {
    func testSignInAndSeeUnits() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let page = try await browser.get(Site.units + "?q=新吴")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("共 1 条"), page.text)
        }
    }
}
