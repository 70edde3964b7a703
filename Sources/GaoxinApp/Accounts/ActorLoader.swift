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
        let row = try await sql.raw("""
            SELECT \(unsafeRaw: userColumns) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = \(bind: userID)
            """).first()
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
        guard let row = try await sql.raw("""
            SELECT t.id AS token_id, t.read_only, t.revoked_at, t.last_used_at, u.locked_until, \(unsafeRaw: userColumns)
            FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN units n ON n.id = u.unit_id
            WHERE t.token_hash = \(bind: hash)
            """).first() else { return nil }
        return TokenHolder(tokenID: try row.decode(column: "token_id", as: Int.self),
                           revoked: try !row.decodeNil(column: "revoked_at"),
                           lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self),
                           lockedUntil: try row.decode(column: "locked_until", as: Date?.self),
                           actor: try actor(from: row, tokenReadOnly: row.decode(column: "read_only", as: Bool.self)))
    }

    private static let userColumns = "u.id AS user_id, u.username, u.display_name, u.roles, u.unit_id, u.active, n.path AS unit_path, n.name AS unit_name"

    private static func actor(from row: any SQLRow, tokenReadOnly: Bool?) throws -> Actor? {
        guard try row.decode(column: "active", as: Bool.self),
              let path = UnitPath(try row.decode(column: "unit_path", as: String.self)) else { return nil }
        return Actor(userID: try row.decode(column: "user_id", as: Int.self), username: try row.decode(column: "username", as: String.self),
                     displayName: try row.decode(column: "display_name", as: String.self),
                     roles: RoleSet.decode(try row.decode(column: "roles", as: String.self)), unitID: try row.decode(column: "unit_id", as: Int.self),
                     unitPath: path, unitName: try row.decode(column: "unit_name", as: String.self), tokenReadOnly: tokenReadOnly)
    }
}
