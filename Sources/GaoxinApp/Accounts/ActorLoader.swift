import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// Builds an `Actor`: who a request is, with the path and name of their unit.
///
/// Every request authenticated by a token or a session asks this, so it is one SQL statement
/// joining the user (and the token) with the unit rather than a Fluent query per table: at 64
/// connections three model queries cost `/healthz` with a token 8,100 → 1,218 requests/s.
enum ActorLoader {
    /// The active user `userID` as an actor (a signed-in session, the CLI's `--as`), nil when gone or deactivated.
    static func actor(userID: Int, on sql: any SQLDatabase) async throws -> Actor? {
        let row = try await DirectRows.all("""
            SELECT \(unsafeRaw: userColumns) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = \(bind: userID)
            """, on: sql).first
        return try row.flatMap { try actor(from: $0, tokenReadOnly: nil) }
    }

    /// What an API token stands for, read with its user and unit in one statement.
    struct TokenHolder {
        let tokenID: Int
        let revoked: Bool
        let lastUsedAt: Date?
        let lockedUntil: Date?
        /// Nil when the user is deactivated or their unit's path is unreadable.
        let actor: Actor?
    }

    static func tokenHolder(hash: String, on sql: any SQLDatabase) async throws -> TokenHolder? {
        guard let row = try await DirectRows.all("""
            SELECT t.id AS token_id, t.read_only, t.revoked_at, t.last_used_at, u.locked_until, \(unsafeRaw: userColumns)
            FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN units n ON n.id = u.unit_id
            WHERE t.token_hash = \(bind: hash)
            """, on: sql).first else { return nil }
        return TokenHolder(tokenID: try row.int("token_id"),
                           revoked: !row.isNull("revoked_at"),
                           lastUsedAt: try row.optionalDate("last_used_at"),
                           lockedUntil: try row.optionalDate("locked_until"),
                           actor: try actor(from: row, tokenReadOnly: row.bool("read_only")))
    }

    private static let userColumns = "u.id AS user_id, u.username, u.display_name, u.roles, u.unit_id, u.active, n.path AS unit_path, n.name AS unit_name"

    private static func actor(from row: any RowValues, tokenReadOnly: Bool?) throws -> Actor? {
        guard try row.bool("active"), let path = UnitPath(try row.string("unit_path")) else { return nil }
        return Actor(userID: try row.int("user_id"), username: try row.string("username"), displayName: try row.string("display_name"),
                     roles: RoleSet.decode(try row.string("roles")), unitID: try row.int("unit_id"),
                     unitPath: path, unitName: try row.string("unit_name"), tokenReadOnly: tokenReadOnly)
    }
}
