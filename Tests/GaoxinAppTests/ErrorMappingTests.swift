@testable import GaoxinApp
import XCTVapor
import XCTest

/// Errors from below the handlers reach the client in the product's shape and status.
final class ErrorMappingTests: XCTestCase {
    /// When every connection is taken (SQLite's single one by a long import transaction), a
    /// request that waited its turn out is told to retry (503), not that the server broke (500).
    func testAConnectionTimeoutIsBusyNotAnInternalError() async throws {
        try await withApp { app, _ in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let mapped = ErrorMapper.appError(ConnectionPoolTimeoutError.connectionRequestTimeout, request)
            XCTAssertEqual(mapped.status, .serviceUnavailable)
            XCTAssertEqual(mapped.code, "busy")
            XCTAssertTrue(mapped.message.contains("系统正忙"), mapped.message)
        }
    }

    /// A path that exists answers a method it does not take with 405 and `Allow`, not 404.
    func testAnUndeclaredMethodIsNotAllowedWithTheAllowedOnes() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let put = try await api.send(.PUT, "/api/v1/me", json: "{}")
            XCTAssertEqual(put.status, .methodNotAllowed, put.text)
            XCTAssertEqual(put.headers.first(name: .allow), "GET, HEAD")
            XCTAssertEqual(try apiErrorObject(put)["code"] as? String, "method_not_allowed")
            let delete = try await api.send(.DELETE, Site.API.unit(fixtures.zone))
            XCTAssertEqual(delete.status, .methodNotAllowed)
            XCTAssertEqual(delete.headers.first(name: .allow), "GET, HEAD, PATCH")
            let nowhere = try await api.send(.GET, "/api/v1/no-such-thing")
            XCTAssertEqual(nowhere.status, .notFound, "an unknown path stays 404")
        }
    }

    /// The error page speaks the page's language.
    func testTheErrorPageIsInEnglishWhenTheUserChoseEnglish() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .office)
            _ = try await browser.get(Site.language + "?set=en&next=/")
            let missing = try await browser.get("/no-such-page")
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertTrue(missing.text.contains("The page or record was not found"), missing.text)
            XCTAssertFalse(missing.text.contains("未找到该页面或资源"))
        }
    }

    /// A page drawn by a form post, reloaded or switched to English, arrives as a GET its address
    /// does not take: it goes to the page the form lives on instead of a 404.
    func testReloadingAPostedPageGoesToItsPage() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            for (posted, page) in [("/account/tokens", "/account"), ("/account/password", "/account"),
                                   ("/imports/units", "/imports"), ("/units/\(fixtures.team)/move", "/units/\(fixtures.team)")] {
                let reloaded = try await browser.get(posted)
                XCTAssertEqual(reloaded.status, .seeOther, posted)
                XCTAssertEqual(reloaded.redirectLocation, page, posted)
            }
            let switched = try await browser.get(Site.language + "?set=en&next=%2Faccount%2Ftokens")
            let landing = try await browser.get(try XCTUnwrap(switched.redirectLocation))
            XCTAssertEqual(landing.redirectLocation, "/account", "the language switch lands on the account page")
        }
    }
}
