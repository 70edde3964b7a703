import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// Two application instances on ONE database, as two server processes behind a load balancer
/// would be: each has its own connection pool, middleware and clock object; they share only the
/// database. Fixtures are loaded once, through the first app.
func withTwoApps(engine: Engine = TestDatabase.engine, configure adjust: (inout AppConfig) -> Void = { _ in },
                 _ test: (Application, Application, Fixtures) async throws -> Void) async throws {
    let (url, cleanup) = try await TestDatabase.fresh(engine: engine)
    var config = AppConfig()
    config.databaseURL = url
    config.bcryptCost = 4
    config.logLevel = .warning
    adjust(&config)
    var started: [Application] = []
    do {
        for _ in 0..<2 {
            let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
            started.append(app)
            app.useClock(AppClock(frozenAt: Fixtures.startOfTest))
            try configure(app, config: config)
            app.logger.logLevel = .warning
        }
        let fixtures = try await Fixtures.load(started[0])
        try await test(started[0], started[1], fixtures)
    } catch {
        for app in started { try? await app.asyncShutdown() }
        try? await cleanup()
        throw error
    }
    for app in started { try await app.asyncShutdown() }
    try await cleanup()
}

/// Row counts and audit rows, read straight from the database (not through the product's queries).
enum Stored {
    static func count(_ app: Application, _ table: String, where condition: String? = nil) async throws -> Int {
        let sql = app.db as! any SQLDatabase
        let clause = condition.map { " WHERE \($0)" } ?? ""
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)\(unsafeRaw: clause)").first()
        return try XCTUnwrap(row).decode(column: "n", as: Int.self)
    }

    static func audit(_ app: Application, entity: String? = nil, action: String? = nil, entityID: Int? = nil) async throws -> [AuditEntry] {
        var query = AuditEntry.query(on: app.db)
        if let entity { query = query.filter(\.$entity == entity) }
        if let action { query = query.filter(\.$action == action) }
        if let entityID { query = query.filter(\.$entityID == String(entityID)) }
        return try await query.sort(\.$id).all()
    }

    static func user(_ app: Application, _ id: Int?) async throws -> User {
        let user = try await User.find(try XCTUnwrap(id), on: app.db)
        return try XCTUnwrap(user, "user \(String(describing: id)) not found")
    }
}

/// Parses a JSON object (a response body or an audit snapshot).
func parseJSONObject(_ text: String?, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let text = try XCTUnwrap(text, "expected JSON, got nil", file: file, line: line)
    return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)", file: file, line: line)
}

func parseJSONObject(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    try parseJSONObject(response.body.string, file: file, line: line)
}

/// The `error` object of an API error response.
func apiErrorObject(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    try XCTUnwrap(try parseJSONObject(response, file: file, line: line)["error"] as? [String: Any], "no error object: \(response.body.string)", file: file, line: line)
}

extension XCTHTTPResponse {
    var redirectLocation: String? { headers.first(name: .location) }

    /// A page that sends the browser to the sign-in form to come back afterwards (how pages
    /// answer "not signed in"; signing out also lands on the form, but without `next`).
    var isSignInRedirect: Bool { status == .seeOther && (redirectLocation ?? "").hasPrefix(Site.signIn + "?next=") }
}

extension Browser {
    /// A browser with an anonymous session: it has opened the sign-in page and holds its CSRF token.
    static func anonymous(_ app: Application) async throws -> Browser {
        let browser = Browser(app)
        let page = try await browser.get(Site.signIn)
        XCTAssertEqual(page.status, .ok)
        XCTAssertNotNil(browser.csrf, "the sign-in page carries a CSRF token")
        return browser
    }

    static func signedIn(_ app: Application, as role: Role) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(as: role)
        return browser
    }

    var sessionCookie: String? { cookies[SessionMiddleware.cookieName] }

    /// Sends JSON to an API route with the session cookie, as the UI's own script would, with or
    /// without the `X-CSRF-Token` header.
    @discardableResult
    func sendJSON(_ method: HTTPMethod, _ path: String, _ json: String, csrfHeader: String?) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if let csrfHeader { headers.replaceOrAdd(name: "X-CSRF-Token", value: csrfHeader) }
        return try await send(method, path, headers: headers, body: ByteBuffer(string: json))
    }
}

/// XCTest's assertions take synchronous autoclosures; these take `await` expressions.
enum AssertAsync {
    static func equal<T: Equatable>(_ actual: @autoclosure () async throws -> T, _ expected: @autoclosure () async throws -> T,
                                    _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) async throws {
        let a = try await actual(), b = try await expected()
        XCTAssertEqual(a, b, message(), file: file, line: line)
    }

    static func notEqual<T: Equatable>(_ actual: @autoclosure () async throws -> T, _ other: @autoclosure () async throws -> T,
                                       _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) async throws {
        let a = try await actual(), b = try await other()
        XCTAssertNotEqual(a, b, message(), file: file, line: line)
    }

    static func isTrue(_ condition: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String = "",
                       file: StaticString = #filePath, line: UInt = #line) async throws {
        let value = try await condition()
        XCTAssertTrue(value, message(), file: file, line: line)
    }

    static func isNil<T>(_ value: @autoclosure () async throws -> T?, _ message: @autoclosure () -> String = "",
                         file: StaticString = #filePath, line: UInt = #line) async throws {
        let result = try await value()
        XCTAssertNil(result, message(), file: file, line: line)
    }

    static func notNil<T>(_ value: @autoclosure () async throws -> T?, _ message: @autoclosure () -> String = "",
                          file: StaticString = #filePath, line: UInt = #line) async throws {
        let result = try await value()
        XCTAssertNotNil(result, message(), file: file, line: line)
    }

    static func unwrap<T>(_ value: @autoclosure () async throws -> T?, _ message: @autoclosure () -> String = "",
                          file: StaticString = #filePath, line: UInt = #line) async throws -> T {
        let result = try await value()
        return try XCTUnwrap(result, message(), file: file, line: line)
    }
}
