import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTVapor
import XCTest

/// The one way tests get an application: the real configuration on a fresh database, a fixed
/// clock, a low bcrypt cost, and the standard fixtures.
func withApp(engine: Engine = TestDatabase.engine, configure adjust: (inout AppConfig) -> Void = { _ in },
             _ test: (Application, Fixtures) async throws -> Void) async throws {
    let (url, cleanup) = try await TestDatabase.fresh(engine: engine)
    let config = testConfig(url, adjust)
    let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
    app.useClock(AppClock(frozenAt: Fixtures.startOfTest))
    do {
        try configure(app, config: config)
        app.logger.logLevel = .warning
        let fixtures = try await Fixtures.load(app)
        try await test(app, fixtures)
    } catch {
        try? await app.asyncShutdown()
        try? await cleanup()
        throw error
    }
    try await app.asyncShutdown()
    try await cleanup()
}

/// The configuration every test server runs with: the database, a cheap bcrypt cost, quiet logs.
func testConfig(_ url: String, _ adjust: (inout AppConfig) -> Void = { _ in }) -> AppConfig {
    var config = AppConfig()
    config.databaseURL = url
    config.bcryptCost = 4
    config.logLevel = .warning
    adjust(&config)
    return config
}

/// A small organisation and one user per role, all with `Fixtures.password`.
struct Fixtures {
    static let password = "Correct-Horse-42"
    static let startOfTest = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21

    var root: Int
    var board: Int
    var zone: Int
    var team: Int
    var otherTeam: Int
    var users: [Role: Int]

    static func load(_ app: Application) async throws -> Fixtures {
        let db = app.db
        func unit(_ name: String, _ kind: UnitKind, _ parent: Int?, code: String? = nil) async throws -> Int {
            try await UnitSeed.insert(.init(name: name, kind: kind, code: code, parentID: parent, sortOrder: 0, note: nil), on: db).id!
        }
        let root = try await unit("无锡市", .city, nil, code: "WX")
        let board = try await unit("新吴", .board, root, code: "XW")
        let zone = try await unit("无锡高新区", .zone, board, code: "WXGX")
        let team = try await unit("集成电路招商团队", .attractionTeam, zone, code: "ZS-JCDL")
        let otherTeam = try await unit("生命健康招商团队", .attractionTeam, zone, code: "ZS-SMJK")
        let hash = try await app.password.async.hash(password)
        var users: [Role: Int] = [:]
        for role in Role.allCases {
            let user = try await UserSeed.insert(.init(username: "t-\(role.rawValue)", displayName: "测试\(role.nameZh)",
                                                       unitID: role == .unit ? team : zone, roles: [role]), passwordHash: hash, on: db)
            users[role] = user.id!
        }
        return Fixtures(root: root, board: board, zone: zone, team: team, otherTeam: otherTeam, users: users)
    }

    static func username(_ role: Role) -> String { "t-\(role.rawValue)" }
}

/// A browser-like client over XCTVapor: keeps the session cookie and sends the page's CSRF token.
final class Browser {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> XCTHTTPResponse {
        var headers = headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        var request = XCTHTTPRequest(method: method, url: URI(path: path), headers: headers, body: body ?? ByteBuffer())
        request.url = URI(string: path)
        let response = try await app.testable(method: .inMemory).performTest(request: request)
        for (name, cookie) in response.headers.setCookie?.all ?? [:] {
            if cookie.expires.map({ $0 < Date() }) ?? false || cookie.string.isEmpty { cookies[name] = nil } else { cookies[name] = cookie.string }
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    func get(_ path: String) async throws -> XCTHTTPResponse { try await send(.GET, path) }

    /// Posts a url-encoded form, adding the CSRF token the last page carried unless told not to.
    @discardableResult
    func post(_ path: String, _ form: [(String, String)] = [], withCSRF: Bool = true) async throws -> XCTHTTPResponse {
        var fields = form
        if withCSRF, let csrf { fields.append((CSRFField.name, csrf)) }
        let encoded = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: encoded))
    }

    /// Posts a multipart upload with the CSRF token.
    @discardableResult
    func upload(_ path: String, fileName: String, data: Data, field: String = "file") async throws -> XCTHTTPResponse {
        let boundary = "gx-boundary-\(UUID().uuidString)"
        var body = Data()
        func part(_ header: String, _ content: Data) {
            body.append(Data("--\(boundary)\r\n\(header)\r\n\r\n".utf8)); body.append(content); body.append(Data("\r\n".utf8))
        }
        if let csrf { part("Content-Disposition: form-data; name=\"_csrf\"", Data(csrf.utf8)) }
        part("Content-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream", data)
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    /// Signs in through the form, as a person would.
    @discardableResult
    func signIn(_ username: String, password: String = Fixtures.password) async throws -> XCTHTTPResponse {
        try await get(Site.signIn)
        return try await post(Site.signIn, [("username", username), ("password", password), ("next", "/")])
    }

    func signIn(as role: Role) async throws {
        let response = try await signIn(Fixtures.username(role))
        XCTAssertEqual(response.status, .seeOther, "sign-in as \(role) should redirect")
        try await get(Site.account)
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// An API client with a bearer token.
struct APIClient {
    let app: Application
    let token: String?

    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, json: String? = nil, headers extra: HTTPHeaders = [:]) async throws -> XCTHTTPResponse {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body = ByteBuffer()
        if let json { headers.contentType = .json; body = ByteBuffer(string: json) }
        var request = XCTHTTPRequest(method: method, url: URI(string: path), headers: headers, body: body)
        request.url = URI(string: path)
        return try await app.testable(method: .inMemory).performTest(request: request)
    }

    func json(_ response: XCTHTTPResponse) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any], "response is not a JSON object: \(response.body.string)")
    }

    /// Creates a token for a fixture user directly, as the account page would.
    static func forRole(_ role: Role, app: Application, fixtures: Fixtures, readOnly: Bool = false) async throws -> APIClient {
        try await forUser(fixtures.users[role]!, app: app, readOnly: readOnly)
    }

    /// A client with a fresh token of any user (e.g. a demo account).
    static func forUser(_ userID: Int, app: Application, readOnly: Bool = false) async throws -> APIClient {
        let secret = SecretToken.generate(prefix: TokenWrites.prefix)
        let token = APIToken()
        token.userID = userID
        token.name = "test"
        token.tokenHash = SecretToken.hash(secret)
        token.prefix = String(secret.prefix(9))
        token.readOnly = readOnly
        token.createdAt = app.clock.now()
        try await token.create(on: app.db)
        return APIClient(app: app, token: secret)
    }
}

extension XCTHTTPResponse {
    var text: String { body.string }
}
