import Crypto
import FluentKit
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import Vapor
import XCTest
import XCTVapor

/// Reads of the database the organisation, list, import and backup tests assert on: row counts
/// and audit rows, so "nothing was written" is a count that did not move.
enum Probe {
    /// `SELECT COUNT(*)` of a table (names are literals written in tests, never input).
    static func count(_ app: Application, _ table: String, where condition: String? = nil) async throws -> Int {
        try await count(on: app.db, table, where: condition)
    }

    static func count(on db: any Database, _ table: String, where condition: String? = nil) async throws -> Int {
        let sql = db as! any SQLDatabase
        let text = "SELECT COUNT(*) AS n FROM \(table)" + (condition.map { " WHERE \($0)" } ?? "")
        return try await sql.raw("\(unsafeRaw: text)").first(decodingColumn: "n", as: Int.self) ?? -1
    }

    /// Every search posting, main and recent (an import files its new records in the recent table):
    /// a table expression with the postings' columns, for `FROM`.
    static let allPostings = "(SELECT tbl, gram, sort_key, record_id FROM search_grams UNION ALL SELECT tbl, gram, sort_key, record_id FROM search_grams_recent) postings"

    static func auditCount(_ app: Application, entity: String? = nil) async throws -> Int {
        try await count(app, "audit_log", where: entity.map { "entity = '\($0)'" })
    }

    /// The newest audit row of an entity id, decoded as the list machinery decodes it.
    static func lastAudit(_ app: Application, entity: String, id: Int) async throws -> AuditQueries.Row? {
        let sql = app.db as! any SQLDatabase
        return try await sql.select().from(SQLRaw(AuditQueries.list.from)).columns(AuditQueries.list.select.map { SQLRaw($0) })
            .where(SQLRaw("a.entity"), .equal, SQLBind(entity)).where(SQLRaw("a.entity_id"), .equal, SQLBind(String(id)))
            .orderBy(SQLOrderBy(expression: SQLRaw("a.id"), direction: SQLDirection.descending)).first(decoding: AuditQueries.Row.self, with: ListRunner.decoder)
    }

    /// Every unit's path is its parent's path plus its own id: the tree and the paths agree.
    static func assertTreeConsistent(_ app: Application, file: StaticString = #filePath, line: UInt = #line) async throws {
        let units = try await OrgUnit.query(on: app.db).all()
        let byID = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0) })
        for unit in units {
            let parentPath = unit.parentID.map { byID[$0]?.path ?? "?" } ?? "/"
            XCTAssertEqual(unit.path, parentPath + "\(unit.id!)/", "path of \(unit.name)", file: file, line: line)
        }
    }

    /// id → path of every unit.
    static func paths(_ app: Application) async throws -> [Int: String] {
        Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: app.db).all().map { ($0.id!, $0.path) })
    }

    static func user(_ app: Application, _ id: Int) async throws -> User {
        try Check.unwrap(try await User.find(id, on: app.db), "user \(id) should exist")
    }

    static func unit(_ app: Application, _ id: Int) async throws -> OrgUnit {
        try Check.unwrap(try await OrgUnit.find(id, on: app.db), "unit \(id) should exist")
    }
}

/// The API's error object, `{"error":{"code","message","field","details"}}`.
struct SeenAPIError {
    var status: HTTPResponseStatus
    var code: String
    var message: String
    var field: String?
    var details: [(field: String?, code: String, message: String)]

    init(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
                                   "not JSON: \(response.body.string)", file: file, line: line)
        let error = try XCTUnwrap(object["error"] as? [String: Any], "no error object: \(response.body.string)", file: file, line: line)
        status = response.status
        code = try XCTUnwrap(error["code"] as? String, file: file, line: line)
        message = try XCTUnwrap(error["message"] as? String, file: file, line: line)
        field = error["field"] as? String
        details = (error["details"] as? [[String: Any]] ?? []).map { ($0["field"] as? String, $0["code"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    var containsChinese: Bool { message.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
}

extension APIClient {
    /// Decodes a JSON object body, failing the test on anything else.
    func object(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any],
                      "not a JSON object (\(response.status)): \(response.body.string)", file: file, line: line)
    }

    /// Creates a unit through the API and returns its id; fails the test unless it is 201.
    func createUnit(_ name: String, kind: String = "department", parent: Int?, code: String? = nil,
                    file: StaticString = #filePath, line: UInt = #line) async throws -> Int {
        var body: [String: Any] = ["name": name, "kind": kind]
        if let parent { body["parentId"] = parent }
        if let code { body["code"] = code }
        let response = try await send(.POST, Site.API.units, json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
        XCTAssertEqual(response.status, .created, response.body.string, file: file, line: line)
        return try XCTUnwrap(try object(response)["id"] as? Int, file: file, line: line)
    }

    /// Sends a JSON body built from a dictionary.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, body: [String: Any]) async throws -> XCTHTTPResponse {
        try await send(method, path, json: String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self))
    }

    /// Sends raw bytes with the given headers (e.g. a CSV body without multipart).
    func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders, body: Data) async throws -> XCTHTTPResponse {
        var headers = extra
        headers.bearerAuthorization = token.map { BearerAuthorization(token: $0) }
        var request = XCTHTTPRequest(method: method, url: URI(string: path), headers: headers, body: ByteBuffer(data: body))
        request.url = URI(string: path)
        return try await app.testable(method: .inMemory).performTest(request: request)
    }

    /// Uploads a file to an API import endpoint as multipart/form-data.
    func upload(_ path: String, fileName: String, data: Data) async throws -> XCTHTTPResponse {
        let boundary = "gx-api-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.bearerAuthorization = token.map { BearerAuthorization(token: $0) }
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var request = XCTHTTPRequest(method: .POST, url: URI(string: path), headers: headers, body: ByteBuffer(data: body))
        request.url = URI(string: path)
        return try await app.testable(method: .inMemory).performTest(request: request)
    }

    /// Polls `GET /api/v1/jobs/{id}` until the job has finished (succeeded or failed). The time
    /// limit only keeps a hung job from hanging the suite; it asserts nothing about speed.
    func waitForJob(_ id: Int, limit: TimeInterval = 120, file: StaticString = #filePath, line: UInt = #line) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(limit)
        while true {
            let response = try await send(.GET, Site.API.job(id))
            XCTAssertEqual(response.status, .ok, response.body.string, file: file, line: line)
            let job = try object(response, file: file, line: line)
            if let status = job["status"] as? String, status == "succeeded" || status == "failed" { return job }
            guard Date() < deadline else {
                XCTFail("job \(id) did not finish: \(job)", file: file, line: line)
                throw XCTSkip("job did not finish")
            }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}

extension XCTHTTPResponse {
    /// The `Location` header of a redirect.
    var location: String? { headers.first(name: .location) }

    /// The job id of a `303 → /jobs/N` redirect.
    var jobID: Int? {
        guard let location, location.hasPrefix("/jobs/") else { return nil }
        return Int(location.dropFirst("/jobs/".count))
    }

    var bodyData: Data { Data(body.readableBytesView) }
}

extension String {
    /// Escapes text as Plot renders it inside an element, for "the page shows X" assertions.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Reads what a rendered page shows next to a form field.
enum HTMLProbe {
    /// The message shown beside `field` (`<span class="field-error" id="FIELD-error">`), or nil.
    /// It only counts when it sits in the same field block as the field's own control.
    static func fieldError(_ html: String, _ field: String) -> String? {
        guard let control = html.range(of: "id=\"\(field)\"") ?? html.range(of: "name=\"\(field)[]\""),
              let marker = html.range(of: "id=\"\(field)-error\">", range: control.upperBound..<html.endIndex) else { return nil }
        let nextField = html.range(of: "<div class=\"field", range: control.upperBound..<html.endIndex)?.lowerBound ?? html.endIndex
        guard marker.lowerBound < nextField, let end = html.range(of: "</span>", range: marker.upperBound..<html.endIndex) else { return nil }
        return unescape(String(html[marker.upperBound..<end.lowerBound]))
    }

    /// Every error message beside any field.
    static func allFieldErrors(_ html: String) -> [String] {
        html.components(separatedBy: "class=\"field-error\"").dropFirst().compactMap { part in
            guard let start = part.firstIndex(of: ">"), let end = part.range(of: "</span>") else { return nil }
            return unescape(String(part[part.index(after: start)..<end.lowerBound]))
        }
    }

    /// The `value` attribute of the input named `field`.
    static func inputValue(_ html: String, _ field: String) -> String? {
        guard let control = html.range(of: "id=\"\(field)\" name=\"\(field)\" value=\"") else { return nil }
        guard let end = html[control.upperBound...].firstIndex(of: "\"") else { return nil }
        return unescape(String(html[control.upperBound..<end]))
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// XCTest's assertions take autoclosures, which cannot hold `await`; these take plain values so
/// a test can write `Check.equal(try await probe(), expected)`.
enum Check {
    static func equal<T: Equatable>(_ actual: T, _ expected: T, _ message: @autoclosure () -> String = "",
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual, expected, message(), file: file, line: line)
    }

    static func isTrue(_ condition: Bool, _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(condition, message(), file: file, line: line)
    }

    static func unwrap<T>(_ value: T?, _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) throws -> T {
        try XCTUnwrap(value, message(), file: file, line: line)
    }
}

extension HTMLProbe {
    /// The text between the first `start` marker and the next `end` marker ("" when absent).
    static func section(_ html: String, from start: String, to end: String) -> String {
        guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex) else { return "" }
        return String(html[open.lowerBound..<close.upperBound])
    }

    /// The rows of the list table, without the search form's filter options.
    static func tableBody(_ html: String) -> String { section(html, from: "<tbody>", to: "</tbody>") }
}

extension Probe {
    /// The newest import's audit record of its file (name, SHA-256, bytes, rows, written).
    static func importRecord(_ app: Application) async throws -> [String: Any] {
        let newest = try await AuditEntry.query(on: app.db).filter(\.$entity == "import").sort(\.$id, .descending).first()
        let entry = try XCTUnwrap(newest)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data((entry.afterJSON ?? "").utf8)) as? [String: Any])
    }

    static func sha256(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }
}

extension Fixtures {
    /// An import run directly (`ImportJob.run`, as the CLI does) by the office's test user.
    func officeImportContext(_ app: Application) -> ImportContext {
        let actor = Actor(userID: users[.office]!, username: "t-office", displayName: "测试集群办", roles: [.office],
                          unitID: zone, unitPath: UnitPath(ids: [root, board, zone]), unitName: "无锡高新区", tokenReadOnly: nil)
        return ImportContext(db: app.db, actor: actor, address: "127.0.0.1", clock: app.clock, passwords: { $0 }, progress: nil)
    }
}
