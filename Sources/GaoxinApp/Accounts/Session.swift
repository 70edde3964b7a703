import Fluent
import Foundation

/// A browser session, kept in the database so several app servers share it. The cookie holds a
/// random secret; the table holds only its SHA-256, so a copy of the table signs no one in.
/// Anonymous sessions (no user) exist only to carry the sign-in form's CSRF token.
final class Session: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "user_agent") var userAgent: String?

    init() {}
}

final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "user_id") var userID: Int
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters of the token, shown so a user can tell tokens apart.
    @Field(key: "prefix") var prefix: String
    @Field(key: "read_only") var readOnly: Bool
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}

/// One failed sign-in, kept for the per-address rate limit (the per-account count lives on the user).
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "username") var username: String
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}
}
