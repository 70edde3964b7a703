import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// An administrator sees another user's tokens on that user's page and can revoke them; the
/// token stops working at once. Other users cannot revoke a token that is not theirs.
final class AdminTokenRevokeTests: XCTestCase {
    func testAdminRevokesAnotherUsersTokenFromTheUserPage() async throws {
        try await withApp { app, fixtures in
            let leader = try await APIClient.forRole(.leader, app: app, fixtures: fixtures)
            let token = try await APIToken.query(on: app.db).filter(\.$userID == fixtures.users[.leader]!).first()
            let tokenID = try XCTUnwrap(token?.id)
            let before = try await leader.send(.GET, Site.API.me)
            XCTAssertEqual(before.status, .ok)

            let office = Browser(app)
            try await office.signIn(as: .office)
            let refused = try await office.post(Site.accountTokenRevoke(tokenID))
            XCTAssertEqual(refused.status, .notFound, "someone else's token is not yours to revoke")

            let admin = Browser(app)
            try await admin.signIn(as: .admin)
            let page = try await admin.get(Site.user(fixtures.users[.leader]!))
            XCTAssertTrue(page.text.contains(Site.accountTokenRevoke(tokenID)), "the user page offers the revoke button")
            let revoked = try await admin.post(Site.accountTokenRevoke(tokenID))
            XCTAssertEqual(revoked.status, .seeOther)
            let after = try await leader.send(.GET, Site.API.me)
            XCTAssertEqual(after.status, .unauthorized)
            let entry = try await AuditEntry.query(on: app.db).filter(\.$action == "token_revoke").first()
            XCTAssertEqual(entry?.actorID, fixtures.users[.admin])
        }
    }
}
