import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// API tokens: created by a user, shown once, stored hashed, revocable, never more than the user.
final class APITokenTests: XCTestCase {
    private func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a token through the API and returns its id and secret.
    private func create(_ client: APIClient, name: String = "对接系统", readOnly: Bool = false) async throws -> (id: Int, secret: String) {
        let response = try await client.send(.POST, Site.API.tokens, json: #"{"name":"\#(name)","readOnly":\#(readOnly)}"#)
        XCTAssertEqual(response.status, .created, response.text)
        let body = try parseJSONObject(response)
        let token = try XCTUnwrap(body["token"] as? [String: Any])
        return (try XCTUnwrap(token["id"] as? Int), try XCTUnwrap(body["secret"] as? String))
    }

    func testCreatedSecretIsShownOnceAndStoredOnlyAsHash() async throws {
        try await withApp { app, fixtures in
            let client = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let (id, secret) = try await create(client)

            XCTAssertTrue(secret.hasPrefix("gx_"), secret)
            XCTAssertGreaterThanOrEqual(secret.count, 40)
            let sql = app.db as! any SQLDatabase
            let row = try await AssertAsync.unwrap(try await sql.raw("SELECT user_id, name, token_hash, prefix, read_only FROM api_tokens WHERE id = \(bind: id)").first())
            XCTAssertEqual(try row.decode(column: "token_hash", as: String.self), sha256(secret))
            XCTAssertEqual(try row.decode(column: "user_id", as: Int.self), fixtures.users[.unit])
            XCTAssertEqual(try row.decode(column: "name", as: String.self), "对接系统")
            let prefix = try row.decode(column: "prefix", as: String.self)
            XCTAssertTrue(secret.hasPrefix(prefix))
            XCTAssertLessThanOrEqual(prefix.count, 9, "only a short prefix is kept to tell tokens apart")
            try await AssertAsync.equal(try await Stored.count(app, "api_tokens", where: "token_hash = '\(secret)' OR name = '\(secret)' OR prefix = '\(secret)'"), 0)

            let list = try await client.send(.GET, Site.API.tokens)
            XCTAssertEqual(list.status, .ok)
            XCTAssertFalse(list.text.contains(secret), "the list never shows the secret")
            XCTAssertFalse(list.text.contains(sha256(secret)), "nor its hash")
            let items = try XCTUnwrap(try parseJSONObject(list)["items"] as? [[String: Any]])
            XCTAssertTrue(items.contains { $0["id"] as? Int == id && $0["name"] as? String == "对接系统" && $0["prefix"] as? String == prefix })

            let audit = try await Stored.audit(app, entity: "api_token", action: "token_create", entityID: id)
            XCTAssertEqual(audit.count, 1)
            XCTAssertEqual(audit.first?.actorID, fixtures.users[.unit])
            XCTAssertFalse((audit.first?.afterJSON ?? "").contains(secret), "the audit log does not hold the secret")
            XCTAssertEqual(try parseJSONObject(audit.first?.afterJSON)["name"] as? String, "对接系统")
        }
    }

    func testBearerSecretAuthenticatesAsItsOwner() async throws {
        try await withApp { app, fixtures in
            let (_, secret) = try await create(try await APIClient.forRole(.leader, app: app, fixtures: fixtures))
            let me = try await APIClient(app: app, token: secret).send(.GET, Site.API.me)
            XCTAssertEqual(me.status, .ok, me.text)
            XCTAssertEqual(try parseJSONObject(me)["username"] as? String, "t-leader")

            let bogus = try await APIClient(app: app, token: secret + "x").send(.GET, Site.API.me)
            XCTAssertEqual(bogus.status, .unauthorized)
            XCTAssertEqual(try apiErrorObject(bogus)["code"] as? String, "invalid_token", "a wrong token is told apart from no token")
            XCTAssertEqual(try apiErrorObject(bogus)["message"] as? String, "API 令牌无效或已被吊销，请检查 Authorization: Bearer 后的令牌")
            XCTAssertEqual(bogus.headers.first(name: .wwwAuthenticate), #"Bearer error="invalid_token""#)
            let anonymous = try await APIClient(app: app, token: nil).send(.GET, Site.API.me)
            XCTAssertEqual(anonymous.status, .unauthorized)
            XCTAssertEqual(try apiErrorObject(anonymous)["code"] as? String, "unauthenticated")
            XCTAssertEqual(anonymous.headers.first(name: .wwwAuthenticate), "Bearer")
        }
    }

    /// A page read with a token is served without a browser session: no session row (a write on
    /// every request of a script), no cookie; its forms need none, as a token is exempt from CSRF.
    func testAPageReadByTokenMakesNoSession() async throws {
        try await withApp { app, fixtures in
            let (_, secret) = try await create(try await APIClient.forRole(.office, app: app, fixtures: fixtures))
            let before = try await Session.query(on: app.db).count()
            for _ in 0..<3 {
                let page = try await APIClient(app: app, token: secret).send(.GET, Site.enterprises)
                XCTAssertEqual(page.status, .ok, page.text)
                XCTAssertTrue(page.text.contains("企业名称"), "the list page itself")
                XCTAssertNil(page.headers.first(name: .setCookie), "no session cookie")
            }
            let after = try await Session.query(on: app.db).count()
            XCTAssertEqual(after, before)
            // A browser without a session still gets one, for its forms' CSRF token.
            let browser = try await Browser.anonymous(app)
            XCTAssertNotNil(browser.sessionCookie, "the sign-in page starts an anonymous session")
            let withBrowser = try await Session.query(on: app.db).count()
            XCTAssertEqual(withBrowser, before + 1)
        }
    }

    /// The token's last use is kept (shown in the account page's list), at most once a minute so
    /// that reading through a token does not turn every request into a write.
    func testATokensLastUseIsRecordedOncePerMinute() async throws {
        try await withApp { app, fixtures in
            let owner = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (id, secret) = try await create(owner)
            func lastUsed() async throws -> Date? {
                let row = try await AssertAsync.unwrap(try await (app.db as! any SQLDatabase).raw("SELECT last_used_at FROM api_tokens WHERE id = \(bind: id)").first())
                return try row.decode(column: "last_used_at", as: Date?.self)
            }
            try await AssertAsync.equal(try await lastUsed(), nil)
            let client = APIClient(app: app, token: secret)
            try await AssertAsync.equal(try await client.send(.GET, Site.API.me).status, .ok)
            let first = try await AssertAsync.unwrap(try await lastUsed())
            XCTAssertLessThan(abs(first.timeIntervalSince(app.clock.now())), 60)
            try await AssertAsync.equal(try await client.send(.GET, Site.API.me).status, .ok)
            try await AssertAsync.equal(try await lastUsed(), first, "a second use within the minute writes nothing")

            let list = try await owner.send(.GET, Site.API.tokens)
            let item = try XCTUnwrap((try parseJSONObject(list)["items"] as? [[String: Any]])?.first { $0["id"] as? Int == id })
            XCTAssertNotNil(item["lastUsedAt"] as? String, list.text)
        }
    }

    func testRevokedTokenStopsWorking() async throws {
        try await withApp { app, fixtures in
            let owner = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (id, secret) = try await create(owner)
            let token = APIClient(app: app, token: secret)
            try await AssertAsync.equal(try await token.send(.GET, Site.API.units).status, .ok)

            let revoked = try await owner.send(.DELETE, Site.API.token(id))
            XCTAssertEqual(revoked.status, .ok, revoked.text)
            XCTAssertNotNil(try parseJSONObject(revoked)["revokedAt"] as? String)

            let after = try await token.send(.GET, Site.API.units)
            XCTAssertEqual(after.status, .unauthorized)
            XCTAssertEqual(try apiErrorObject(after)["code"] as? String, "invalid_token")
            let audit = try await Stored.audit(app, entity: "api_token", action: "token_revoke", entityID: id)
            XCTAssertEqual(audit.count, 1)
            XCTAssertNil(try parseJSONObject(audit.first?.beforeJSON)["revokedAt"])
            XCTAssertNotNil(try parseJSONObject(audit.first?.afterJSON)["revokedAt"])
        }
    }

    func testAUserCannotRevokeSomeoneElsesToken() async throws {
        try await withApp { app, fixtures in
            let (id, secret) = try await create(try await APIClient.forRole(.office, app: app, fixtures: fixtures))
            let other = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await other.send(.DELETE, Site.API.token(id)).status, .notFound)
            try await AssertAsync.equal(try await APIClient(app: app, token: secret).send(.GET, Site.API.me).status, .ok, "still valid")
        }
    }

    func testReadOnlyTokenReadsButCannotWrite() async throws {
        try await withApp { app, fixtures in
            let owner = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (_, secret) = try await create(owner, name: "只读", readOnly: true)
            let readOnly = APIClient(app: app, token: secret)
            try await AssertAsync.equal(try await readOnly.send(.GET, Site.API.units).status, .ok)
            try await AssertAsync.equal(try await readOnly.send(.GET, Site.API.unit(fixtures.zone)).status, .ok)

            let units = try await Stored.count(app, "units")
            let write = try await readOnly.send(.POST, Site.API.units, json: #"{"name":"只读写入","kind":"department","parentId":\#(fixtures.zone)}"#)
            XCTAssertEqual(write.status, .forbidden)
            XCTAssertEqual(try apiErrorObject(write)["code"] as? String, "read_only_token")
            try await AssertAsync.equal(try await Stored.count(app, "units"), units)

            let patch = try await readOnly.send(.PATCH, Site.API.unit(fixtures.team), json: #"{"name":"改名"}"#)
            XCTAssertEqual(patch.status, .forbidden)
            try await AssertAsync.equal(try await OrgUnit.find(fixtures.team, on: app.db)?.name, "集成电路招商团队")

            let escalate = try await readOnly.send(.POST, Site.API.tokens, json: #"{"name":"更多权限"}"#)
            XCTAssertEqual(escalate.status, .forbidden, "a read-only token cannot mint a writable one")
            XCTAssertEqual(try apiErrorObject(escalate)["code"] as? String, "read_only_token")
        }
    }

    func testTokenOfADeactivatedUserIsRefused() async throws {
        try await withApp { app, fixtures in
            let (_, secret) = try await create(try await APIClient.forRole(.park, app: app, fixtures: fixtures))
            let token = APIClient(app: app, token: secret)
            try await AssertAsync.equal(try await token.send(.GET, Site.API.me).status, .ok)

            // Deactivated behind the application's back: the token still carries no rights.
            let user = try await Stored.user(app, fixtures.users[.park])
            user.active = false
            try await user.save(on: app.db)
            try await AssertAsync.equal(try await token.send(.GET, Site.API.me).status, .unauthorized)

            // Deactivated by an administrator: the token is also revoked, so reactivation does not revive it.
            user.active = true
            try await user.save(on: app.db)
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await admin.send(.POST, Site.API.userDeactivate(fixtures.users[.park]!)).status, .ok)
            try await AssertAsync.equal(try await token.send(.GET, Site.API.me).status, .unauthorized)
            try await AssertAsync.equal(try await admin.send(.POST, Site.API.userReactivate(fixtures.users[.park]!)).status, .ok)
            try await AssertAsync.equal(try await token.send(.GET, Site.API.me).status, .unauthorized)
            try await AssertAsync.equal(try await Stored.count(app, "api_tokens", where: "user_id = \(fixtures.users[.park]!) AND revoked_at IS NULL"), 0)
        }
    }

    func testATokenNeverGrantsMoreThanItsUsersRoles() async throws {
        try await withApp { app, fixtures in
            let (_, secret) = try await create(try await APIClient.forRole(.unit, app: app, fixtures: fixtures))
            let token = APIClient(app: app, token: secret)
            let users = try await Stored.count(app, "users")
            let body = #"{"username":"escalated","displayName":"越权","unitId":\#(fixtures.team),"roles":["admin"],"password":"Strong-Password-42"}"#
            let response = try await token.send(.POST, Site.API.users, json: body)
            XCTAssertEqual(response.status, .forbidden)
            XCTAssertEqual(try apiErrorObject(response)["code"] as? String, "forbidden")
            try await AssertAsync.equal(try await Stored.count(app, "users"), users)
            try await AssertAsync.equal(try await token.send(.GET, Site.API.audit).status, .forbidden)
        }
    }

    func testTokenFollowsRoleChangesImmediately() async throws {
        try await withApp { app, fixtures in
            let (_, secret) = try await create(try await APIClient.forRole(.office, app: app, fixtures: fixtures))
            let token = APIClient(app: app, token: secret)
            let first = #"{"name":"角色变更前","kind":"department","parentId":\#(fixtures.zone)}"#
            try await AssertAsync.equal(try await token.send(.POST, Site.API.units, json: first).status, .created)

            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await admin.send(.PATCH, Site.API.user(fixtures.users[.office]!), json: #"{"roles":["leader"]}"#).status, .ok)
            let after = #"{"name":"角色变更后","kind":"department","parentId":\#(fixtures.zone)}"#
            try await AssertAsync.equal(try await token.send(.POST, Site.API.units, json: after).status, .forbidden, "the token acts with today's roles")
            try await AssertAsync.equal(try await token.send(.GET, Site.API.units).status, .ok)
        }
    }

    func testTokenNameIsRequired() async throws {
        try await withApp { app, fixtures in
            let client = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let before = try await Stored.count(app, "api_tokens")
            let response = try await client.send(.POST, Site.API.tokens, json: #"{"name":"  "}"#)
            XCTAssertEqual(response.status, .unprocessableEntity)
            let error = try apiErrorObject(response)
            XCTAssertEqual(error["field"] as? String, "name")
            XCTAssertEqual(error["message"] as? String, "请填写令牌名称")
            try await AssertAsync.equal(try await Stored.count(app, "api_tokens"), before)
        }
    }

    func testAccountPageShowsANewSecretOnceAndRevokes() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .auditor)
            let created = try await browser.post(Site.accountTokens, [("name", "报表系统"), ("readOnly", "1")])
            XCTAssertEqual(created.status, .created)
            let secret = try XCTUnwrap(created.text.range(of: #"gx_[A-Za-z0-9_-]{20,}"#, options: .regularExpression).map { String(created.text[$0]) })
            let stored = try await AssertAsync.unwrap(try await APIToken.query(on: app.db).filter(\.$userID == fixtures.users[.auditor]!).first())
            XCTAssertEqual(stored.tokenHash, sha256(secret))
            XCTAssertTrue(stored.readOnly)

            let again = try await browser.get(Site.account)
            XCTAssertTrue(again.text.contains("报表系统"))
            XCTAssertFalse(again.text.contains(secret), "shown once only")

            try await AssertAsync.equal(try await APIClient(app: app, token: secret).send(.GET, Site.API.audit).status, .ok)
            let revoked = try await browser.post(Site.accountTokenRevoke(try XCTUnwrap(stored.id)))
            XCTAssertEqual(revoked.status, .seeOther)
            try await AssertAsync.equal(try await APIClient(app: app, token: secret).send(.GET, Site.API.audit).status, .unauthorized)
        }
    }
}
