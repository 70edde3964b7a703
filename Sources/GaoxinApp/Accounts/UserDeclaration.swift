import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// 用户, the people who sign in, declared: list, search, filters, page, forms, API and OpenAPI,
/// import and export and audit come from here like every register's. What only accounts have:
/// the initial password (a secret, hashed, set on creation only), the sign-in's own columns
/// (last sign-in, lock-out), nobody deactivating themselves or dropping their own administrator
/// role, and new rights ending the user's sessions (`UserAccess`); the page's unlock, password
/// reset and tokens are `UserSections`.
extension RegisterDeclaration {
    static let users: RegisterDeclaration = RegisterDeclaration(
        key: "users", table: "users", entity: "user", schemaName: "User", titleZh: "用户", titleEn: "Users",
        fields: [
            RegisterField(key: "username", zh: "用户名", en: "Username", kind: .code(max: 50), required: true, unique: true, uniqueAmongAll: true,
                          searchable: true, sortable: true, listed: true,
                          helpZh: "3–50 位小写字母、数字或 . _ -；导入按用户名更新", helpEn: "3–50 lower-case letters, digits, . _ -; an import updates by it",
                          example: "zhangsan", characters: .username, lowercased: true, format: UserAccess.usernameFormat),
            RegisterField(key: "displayName", zh: "姓名", en: "Name", kind: .text(max: 50), required: true, searchable: true, sortable: true, example: "张三"),
            RegisterField(key: "unitId", zh: "所属单位", en: "Unit", kind: .reference(.unit), required: true, filterable: true, listed: true),
            RegisterField(key: "roles", zh: "角色", en: "Roles", kind: .choices(Role.allCases.map { RegisterChoice(value: $0.rawValue, zh: $0.nameZh, en: $0.nameEn) }),
                          required: true, filterable: true, listed: true, example: Role.unit.nameZh),
            RegisterField(key: "email", zh: "邮箱", en: "E-mail", kind: .text(max: 200), example: "zhangsan@example.cn", format: UserAccess.emailFormat),
            RegisterField(key: "phone", zh: "电话", en: "Phone", kind: .text(max: 50), example: "0510-12345678", format: UserAccess.phoneFormat),
            RegisterField(key: "password", zh: "初始密码", en: "Initial password",
                          kind: .secret(RegisterSecret(elsewhereZh: "修改密码由本人在“我的账号”操作，或由管理员在用户页重置",
                                                       elsewhereEn: "a password is changed on My account, or reset by an administrator on the user's page")),
                          required: true, helpZh: "至少 10 个字符，不能包含用户名，不能是常见密码", helpEn: "At least 10 characters, not the username, not a common password",
                          example: "Gx-示例-请修改-2025", storedIn: "password_hash", format: UserAccess.passwordFormat),
            RegisterField(key: "lastLoginAt", zh: "最近登录", en: "Last sign-in", kind: .timestamp, sortable: true, listed: true, maintainedElsewhere: true),
            RegisterField(key: "lockedUntil", zh: "锁定至", en: "Locked until", kind: .timestamp, maintainedElsewhere: true),
        ],
        nameField: "displayName", importKey: "username", policy: Policies.users, ownership: .officeOnly,
        rules: [UserAccess.passwordNotUsername],
        defaultSort: "username",
        writeRule: UserAccess.keepOwnAdministrator,
        activationConflict: UserAccess.activation,
        afterWrite: UserAccess.endSessions,
        // Sign-in's own counter, which no page shows.
        insertedWith: ["failed_count": 0]
    )
}

/// The rules accounts have beyond their fields' kinds.
enum UserAccess {
    @Sendable static func usernameFormat(_ text: String) -> FieldError? {
        text.count >= 3 ? nil : .invalid("username", zh: "用户名为 3–50 位小写字母、数字或 . _ -", en: "Username: 3–50 lowercase letters, digits, . _ -")
    }

    @Sendable static func emailFormat(_ text: String) -> FieldError? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
        return valid ? nil : .invalid("email", zh: "邮箱格式不正确", en: "Invalid e-mail address")
    }

    @Sendable static func phoneFormat(_ text: String) -> FieldError? {
        text.allSatisfy({ $0.isNumber || "+- ()".contains($0) }) ? nil : .invalid("phone", zh: "电话只能包含数字和 + - ( ) 空格", en: "Invalid phone number")
    }

    /// Length and commonness, judged as typed; whether it holds the username is a rule across fields.
    @Sendable static func passwordFormat(_ text: String) -> FieldError? {
        PasswordPolicy().violation(password: text, username: "").map { FieldError(field: "password", code: $0.code, zh: $0.messageZh, en: $0.messageEn) }
    }

    static let passwordNotUsername = RegisterRule { values in
        guard let password = values["password"]?.text, let username = values["username"]?.text,
              let violation = PasswordPolicy().violation(password: password, username: username) else { return nil }
        return FieldError(field: "password", code: violation.code, zh: violation.messageZh, en: violation.messageEn)
    }

    /// An administrator cannot take away their own administrator role (nobody might be left to give it back).
    @Sendable static func keepOwnAdministrator(_ values: inout RegisterValues, _ existing: RegisterRecord?, _ actor: Actor) -> [FieldError] {
        guard let existing, existing.id == actor.userID, roles(existing.values).contains(.admin), !roles(values).contains(.admin) else { return [] }
        return [.invalid("roles", zh: "不能取消自己的系统管理员角色", en: "You cannot remove your own administrator role")]
    }

    /// Nobody deactivates their own account (nobody might be left to sign in), and a user comes
    /// back only into an active unit.
    @Sendable static func activation(_ user: RegisterRecord, _ active: Bool, _ actor: Actor, _ db: Database) async throws -> String? {
        if !active, user.id == actor.userID { return "不能停用自己的账号" }
        guard active, let unitID = user.values["unitId"]?.integer, let unit = try await OrgUnit.find(Int(unitID), on: db), !unit.active else { return nil }
        return "用户所属单位“\(unit.name)”已停用，请先调整单位"
    }

    /// New roles or a new unit take effect at once: the user's sessions end, so no page keeps the
    /// old rights (tokens read the roles on every request). A deactivated user is signed out and
    /// their API tokens are revoked.
    @Sendable static func endSessions(_ before: RegisterRecord?, _ after: RegisterRecord, _ now: Date, _ tx: Database) async throws {
        guard let before else { return }
        let deactivated = before.active && !after.active
        let rightsChanged = before.values["roles"] != after.values["roles"] || before.values["unitId"] != after.values["unitId"]
        if deactivated || rightsChanged { try await Session.query(on: tx).filter(\.$userID == after.id).delete() }
        if deactivated {
            try await APIToken.query(on: tx).filter(\.$userID == after.id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
        }
    }

    static func roles(_ values: RegisterValues) -> Set<Role> { RoleSet.decode(values["roles"]?.text ?? "") }
}
