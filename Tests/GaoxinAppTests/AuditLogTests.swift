import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// Every change writes who, when, what, before → after; the table is append-only in the database
/// itself; the auditor (and only the auditor) searches it.
final class AuditLogTests: XCTestCase {
    /// The single audit row of one change, with its snapshots parsed.
    private func entry(_ app: Application, _ entity: String, _ action: String, _ id: Int,
                       file: StaticString = #filePath, line: UInt = #line) async throws -> (AuditEntry, before: [String: Any]?, after: [String: Any]?) {
        let rows = try await Stored.audit(app, entity: entity, action: action, entityID: id)
        XCTAssertEqual(rows.count, 1, "\(entity) \(action) \(id): \(rows.map(\.summary))", file: file, line: line)
        let row = try XCTUnwrap(rows.last, file: file, line: line)
        return (row, try row.beforeJSON.map { try parseJSONObject($0) }, try row.afterJSON.map { try parseJSONObject($0) })
    }

    func testUnitChangesAreAuditedWithBeforeAndAfter() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let officeID = fixtures.users[.office]!
            let created = try await office.send(.POST, Site.API.units, json: #"{"name":"审计测试处","kind":"department","code":"SJCS","parentId":\#(fixtures.zone)}"#)
            XCTAssertEqual(created.status, .created, created.text)
            let id = try XCTUnwrap(try parseJSONObject(created)["id"] as? Int)
            var (row, before, after) = try await entry(app, "unit", "create", id)
            XCTAssertEqual(row.actorID, officeID)
            XCTAssertTrue(row.actorName.contains("t-office"), row.actorName)
            XCTAssertEqual(row.at, Fixtures.startOfTest)
            XCTAssertNil(before)
            XCTAssertEqual(after?["name"] as? String, "审计测试处")
            XCTAssertEqual(after?["code"] as? String, "SJCS")

            app.clock.advance(by: 60)
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.unit(id), json: #"{"name":"审计测试二处"}"#).status, .ok)
            (row, before, after) = try await entry(app, "unit", "update", id)
            XCTAssertEqual(before?["name"] as? String, "审计测试处")
            XCTAssertEqual(after?["name"] as? String, "审计测试二处")
            XCTAssertEqual(after?["code"] as? String, "SJCS", "unchanged fields are in the snapshot too")
            XCTAssertEqual(row.at, Fixtures.startOfTest.addingTimeInterval(60))

            try await AssertAsync.equal(try await office.send(.POST, Site.API.unitMove(id), json: #"{"parentId":\#(fixtures.team)}"#).status, .ok)
            (row, before, after) = try await entry(app, "unit", "move", id)
            XCTAssertEqual(before?["parentId"] as? Int, fixtures.zone)
            XCTAssertEqual(after?["parentId"] as? Int, fixtures.team)
            XCTAssertNotEqual(before?["path"] as? String, after?["path"] as? String)

            try await AssertAsync.equal(try await office.send(.POST, Site.API.unitDeactivate(id)).status, .ok)
            (row, before, after) = try await entry(app, "unit", "deactivate", id)
            XCTAssertEqual(before?["active"] as? Bool, true)
            XCTAssertEqual(after?["active"] as? Bool, false)
        }
    }

    func testHTMLFormChangesAreAuditedToo() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .admin)
            let response = try await browser.post(Site.unit(fixtures.otherTeam), [("name", "生物医药招商团队"), ("kind", "attractionTeam"), ("code", "ZS-SMJK")])
            XCTAssertEqual(response.status, .seeOther, response.text)
            let (row, before, after) = try await entry(app, "unit", "update", fixtures.otherTeam)
            XCTAssertEqual(row.actorID, fixtures.users[.admin])
            XCTAssertEqual(before?["name"] as? String, "生命健康招商团队")
            XCTAssertEqual(after?["name"] as? String, "生物医药招商团队")
        }
    }

    func testUserChangesAreAuditedWithoutSecrets() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let body = #"{"username":"wangfang","displayName":"王芳","unitId":\#(fixtures.team),"roles":["unit"],"password":"Plum-Blossom-River-5"}"#
            let created = try await admin.send(.POST, Site.API.users, json: body)
            XCTAssertEqual(created.status, .created, created.text)
            let id = try XCTUnwrap(try parseJSONObject(created)["id"] as? Int)
            var (row, before, after) = try await entry(app, "user", "create", id)
            XCTAssertEqual(row.actorID, fixtures.users[.admin])
            XCTAssertNil(before)
            XCTAssertEqual(after?["username"] as? String, "wangfang")
            XCTAssertEqual(after?["roles"] as? [String], ["unit"])
            let hash = try await Stored.user(app, id).passwordHash
            for text in [row.afterJSON ?? "", row.summary] {
                XCTAssertFalse(text.contains("Plum-Blossom-River-5"), "no password in the audit log")
                XCTAssertFalse(text.contains(hash), "no password hash in the audit log")
            }

            try await AssertAsync.equal(try await admin.send(.PATCH, Site.API.user(id), json: #"{"displayName":"王芳芳","roles":["unit","leader"]}"#).status, .ok)
            (row, before, after) = try await entry(app, "user", "update", id)
            XCTAssertEqual(before?["displayName"] as? String, "王芳")
            XCTAssertEqual(after?["displayName"] as? String, "王芳芳")
            XCTAssertEqual(before?["roles"] as? [String], ["unit"])
            XCTAssertEqual(after?["roles"] as? [String], ["unit", "leader"])

            let browser = try await Browser.signedIn(app, as: .admin)
            try await AssertAsync.equal(try await browser.post(Site.userPassword(id), [("newPassword", "Autumn-Moon-Bridge-8")]).status, .seeOther)
            (row, before, after) = try await entry(app, "user", "password_change", id)
            XCTAssertEqual(row.actorID, fixtures.users[.admin])
            let newHash = try await Stored.user(app, id).passwordHash
            XCTAssertFalse(((row.beforeJSON ?? "") + (row.afterJSON ?? "") + row.summary).contains(newHash))
            XCTAssertFalse(((row.beforeJSON ?? "") + (row.afterJSON ?? "")).contains("Autumn-Moon-Bridge-8"))
        }
    }

    func testTokenCreateAndRevokeAreAudited() async throws {
        try await withApp { app, fixtures in
            let leader = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let created = try await leader.send(.POST, Site.API.tokens, json: #"{"name":"看板"}"#)
            let token = try XCTUnwrap(try parseJSONObject(created)["token"] as? [String: Any])
            let id = try XCTUnwrap(token["id"] as? Int)
            let (createRow, _, createdAfter) = try await entry(app, "api_token", "token_create", id)
            XCTAssertEqual(createRow.actorID, fixtures.users[.leader])
            XCTAssertEqual(createdAfter?["name"] as? String, "看板")
            try await AssertAsync.equal(try await leader.send(.DELETE, Site.API.token(id)).status, .ok)
            let (_, before, after) = try await entry(app, "api_token", "token_revoke", id)
            XCTAssertTrue(before?["revokedAt"] == nil)
            XCTAssertNotNil(after?["revokedAt"] as? String)
        }
    }

    func testFailedValidationWritesNoAuditRow() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let before = try await Stored.count(app, "audit_log")
            try await AssertAsync.equal(try await office.send(.POST, Site.API.units, json: #"{"name":"","kind":"department"}"#).status, .unprocessableEntity)
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.unit(fixtures.team), json: #"{"kind":"castle"}"#).status, .unprocessableEntity)
            try await AssertAsync.equal(try await office.send(.POST, Site.API.unitMove(fixtures.zone), json: #"{"parentId":\#(fixtures.team)}"#).status, .unprocessableEntity, "a cycle")
            let browser = try await Browser.signedIn(app, as: .admin)
            let afterSignIn = try await Stored.count(app, "audit_log")
            XCTAssertEqual(afterSignIn, before + 1, "only the sign-in")
            try await AssertAsync.equal(try await browser.post(Site.users, [("username", "x"), ("displayName", ""), ("password", "short")]).status, .unprocessableEntity)
            try await AssertAsync.equal(try await Stored.count(app, "audit_log"), afterSignIn)
        }
    }

    func testDatabaseRefusesUpdateAndDeleteOnTheAuditLog() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.unit(fixtures.team), json: #"{"name":"改名后"}"#).status, .ok)
            let original = try await AssertAsync.unwrap(try await Stored.audit(app).last)
            let id = try XCTUnwrap(original.id)
            let sql = app.db as! any SQLDatabase
            let total = try await Stored.count(app, "audit_log")

            var statements = [
                "UPDATE audit_log SET summary = 'tampered' WHERE id = \(id)",
                "UPDATE audit_log SET actor_id = NULL",
                "DELETE FROM audit_log WHERE id = \(id)",
                "DELETE FROM audit_log",
            ]
            if sql.dialect.name == "postgresql" { statements.append("TRUNCATE audit_log") }
            for statement in statements {
                do {
                    try await sql.raw(SQLQueryString(statement)).run()
                    XCTFail("the database accepted: \(statement)")
                } catch {
                    XCTAssertTrue(String(reflecting: error).contains("append-only"), "\(statement) failed for another reason: \(String(reflecting: error))")
                }
            }
            let after = try await AssertAsync.unwrap(try await AuditEntry.find(id, on: app.db))
            XCTAssertEqual(after.summary, original.summary)
            XCTAssertEqual(after.actorID, original.actorID)
            XCTAssertEqual(after.afterJSON, original.afterJSON)
            try await AssertAsync.equal(try await Stored.count(app, "audit_log"), total)
        }
    }

    /// Inserts that would overwrite an existing row (SQLite's REPLACE family and UPSERTs on both
    /// engines) or forge one at an id ≤ 0 are refused; the row stays as written.
    func testDatabaseRefusesInsertsThatOverwriteTheAuditLog() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.unit(fixtures.team), json: #"{"name":"改名后"}"#).status, .ok)
            let original = try await AssertAsync.unwrap(try await Stored.audit(app).last)
            let id = try XCTUnwrap(original.id)
            let sql = app.db as! any SQLDatabase
            let total = try await Stored.count(app, "audit_log")
            let columns = "(id, at, actor_id, actor_name, action, entity, entity_id, summary)"
            func row(id newID: String) -> String {
                "SELECT \(newID), at, actor_id, 'forged', action, entity, entity_id, 'tampered' FROM audit_log WHERE id = \(id)"
            }
            let copy = row(id: "id")
            var statements = [
                "INSERT INTO audit_log \(columns) \(copy)",
                "INSERT INTO audit_log \(columns) \(copy) ON CONFLICT (id) DO UPDATE SET summary = 'tampered'",
                "INSERT INTO audit_log \(columns) \(copy) ON CONFLICT DO NOTHING",
                "INSERT INTO audit_log \(columns) \(row(id: "0"))",
                "INSERT INTO audit_log \(columns) \(row(id: "-1"))",
            ]
            if sql.dialect.name != "postgresql" {
                statements += [
                    "INSERT OR REPLACE INTO audit_log \(columns) \(copy)",
                    "REPLACE INTO audit_log \(columns) \(copy)",
                    "INSERT OR IGNORE INTO audit_log \(columns) \(copy)",
                    "INSERT OR ROLLBACK INTO audit_log \(columns) \(copy)",
                    "UPDATE OR REPLACE audit_log SET summary = 'tampered' WHERE id = \(id)",
                ]
            }
            for statement in statements {
                do {
                    try await sql.raw(SQLQueryString(statement)).run()
                    XCTFail("the database accepted: \(statement)")
                } catch {
                    XCTAssertTrue(String(reflecting: error).contains("append-only"), "\(statement) failed for another reason: \(String(reflecting: error))")
                }
                let after = try await AssertAsync.unwrap(try await AuditEntry.find(id, on: app.db))
                XCTAssertEqual(after.summary, original.summary, statement)
                XCTAssertEqual(after.actorName, original.actorName, statement)
                try await AssertAsync.equal(try await Stored.count(app, "audit_log"), total)
            }
            // Ordinary appends still work after the refused ones.
            try await AssertAsync.equal(try await office.send(.PATCH, Site.API.unit(fixtures.team), json: #"{"name":"再改名"}"#).status, .ok)
            try await AssertAsync.equal(try await Stored.count(app, "audit_log"), total + 1)
        }
    }
}
