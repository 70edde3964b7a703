import Fluent
import Foundation
import GaoxinDomain

final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    /// Stored lower-cased; sign-in is case-insensitive on the username.
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    /// Pinyin key of the display name (`PinyinNameMiddleware`), for lists sorted by name.
    @OptionalField(key: "name_sort") var nameSort: String?
    @Field(key: "unit_id") var unitID: Int
    /// `RoleSet` encoding: `,office,unit,`.
    @Field(key: "roles") var roles: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "active") var active: Bool
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @Field(key: "failed_count") var failedCount: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "last_login_at") var lastLoginAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var roleSet: Set<Role> { RoleSet.decode(roles) }
}

extension User: PinyinSorted {
    var sortedName: String { displayName }
}
