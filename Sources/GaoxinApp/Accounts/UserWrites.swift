import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Every change to accounts, validated, audited, in one transaction.
enum UserWrites: RecordWrites {
    typealias Record = User
    typealias Input = UserInput

    static func record(_ req: Request) async throws -> User { try await UserQueries.find(req) }

    struct Fields {
        var username: String
        var displayName: String
        var unitID: Int
        var roles: Set<Role>
        var email: String?
        var phone: String?
        var password: String?
    }

    static let usernameCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")

    static func validate(_ input: UserInput, existing: User?, on db: Database, policy: PasswordPolicy = PasswordPolicy()) async throws -> Fields {
        var v = FieldValidator()
        let username = v.requiredText("username", input.username ?? existing?.username, label: "用户名", labelEn: "Username", max: 50).lowercased()
        if !username.isEmpty {
            v.check(username.count >= 3 && username.unicodeScalars.allSatisfy { usernameCharacters.contains($0) },
                    .invalid("username", zh: "用户名为 3–50 位小写字母、数字或 . _ -", en: "Username: 3–50 lowercase letters, digits, . _ -"))
        }
        let displayName = v.requiredText("displayName", input.displayName ?? existing?.displayName, label: "姓名", labelEn: "Name", max: 50)
        var unitID = input.unitId ?? existing?.unitID
        if let id = unitID {
            if let unit = try await OrgUnit.find(id, on: db) {
                if !unit.active && id != existing?.unitID {
                    v.add(.invalid("unitId", zh: "单位“\(unit.name)”已停用", en: "The unit is deactivated"))
                }
            } else {
                v.add(.invalid("unitId", zh: "所属单位不存在", en: "Unit not found")); unitID = nil
            }
        } else {
            v.add(.choiceRequired("unitId", label: "所属单位", labelEn: "Unit"))
        }
        var roles = Set<Role>()
        let roleTexts = input.roles ?? existing.map { $0.roleSet.map(\.rawValue) } ?? []
        for text in roleTexts {
            if let role = Role(codeOrName: text) { roles.insert(role) } else {
                v.add(.invalid("roles", zh: "角色“\(text)”不存在", en: "Unknown role \(text)"))
            }
        }
        if roleTexts.isEmpty { v.add(FieldError(field: "roles", code: "required", zh: "请至少选择一个角色", en: "Choose at least one role")) }
        let email = v.optionalText("email", input.email ?? existing?.email, label: "邮箱", labelEn: "E-mail", max: 200)
        if let email { v.check(isEmail(email), .invalid("email", zh: "邮箱格式不正确", en: "Invalid e-mail address")) }
        let phone = v.optionalText("phone", input.phone ?? existing?.phone, label: "电话", labelEn: "Phone", max: 50)
        if let phone { v.check(phone.allSatisfy { $0.isNumber || "+- ()".contains($0) }, .invalid("phone", zh: "电话只能包含数字和 + - ( ) 空格", en: "Invalid phone number")) }
        var password: String?
        if existing == nil {
            let text = input.password ?? ""
            if text.isEmpty {
                v.add(.required("password", label: "初始密码", labelEn: "Initial password"))
            } else if let violation = policy.violation(password: text, username: username) {
                v.add(FieldError(field: "password", code: violation.code, zh: violation.messageZh, en: violation.messageEn))
            }
            password = text
        }
        if v.isValid {
            var query = User.query(on: db).filter(\.$username == username)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if try await query.count() > 0 {
                v.add(FieldError(field: "username", code: "duplicate", zh: "用户名“\(username)”已被使用", en: "Username already taken"))
            }
        }
        try v.throwIfInvalid()
        return Fields(username: username, displayName: displayName, unitID: unitID ?? 0, roles: roles, email: email, phone: phone, password: password)
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    static func create(_ input: UserInput, _ req: Request) async throws -> User {
        let fields = try await validate(input, existing: nil, on: req.db)
        let hash = try await req.password.async.hash(fields.password ?? "")
        return try await AuditedWrites.create(req, summary: { "新建用户“\($0.displayName)”（\($0.username)）" }) { tx in
            try await insert(fields, passwordHash: hash, on: tx)
        }
    }

    static func insert(_ fields: Fields, passwordHash: String, on db: Database) async throws -> User {
        let user = User()
        user.username = fields.username
        user.displayName = fields.displayName
        user.unitID = fields.unitID
        user.roles = RoleSet.encode(fields.roles)
        user.passwordHash = passwordHash
        user.active = true
        user.email = fields.email
        user.phone = fields.phone
        user.failedCount = 0
        try await user.create(on: db)
        return user
    }

    static func update(_ user: User, _ input: UserInput, _ req: Request) async throws -> User {
        let fields = try await validate(input, existing: user, on: req.db)
        let actor = try req.requireActor()
        if user.id == actor.userID, user.roleSet.contains(.admin), !fields.roles.contains(.admin) {
            throw AppError.validation(ValidationFailed([.invalid("roles", zh: "不能取消自己的系统管理员角色", en: "You cannot remove your own administrator role")]))
        }
        return try await AuditedWrites.update(user, req) { user, tx in try await store(fields, into: user, on: tx) }
    }

    /// Writes an edit's fields (not the password, not the status). New roles or a new unit take
    /// effect at once: the user's sessions end, so no page keeps the old rights (tokens read the
    /// roles on every request). Callers audit (a form's edit, an import's row).
    static func store(_ fields: Fields, into user: User, on tx: Database) async throws {
        let rightsChanged = user.roleSet != fields.roles || user.unitID != fields.unitID
        user.username = fields.username
        user.displayName = fields.displayName
        user.unitID = fields.unitID
        user.roles = RoleSet.encode(fields.roles)
        user.email = fields.email
        user.phone = fields.phone
        try await user.save(on: tx)
        if rightsChanged { try await Session.query(on: tx).filter(\.$userID == user.id!).delete() }
    }

    /// Whether an edit would leave the user as they are (an import's unchanged row writes nothing).
    static func unchanged(_ user: User, by fields: Fields) -> Bool {
        user.username == fields.username && user.displayName == fields.displayName && user.unitID == fields.unitID
            && user.roleSet == fields.roles && user.email == fields.email && user.phone == fields.phone
    }

    static func setActive(_ user: User, _ active: Bool, _ req: Request) async throws -> User {
        let actor = try req.requireActor()
        if !active, user.id == actor.userID { throw AppError.conflict("不能停用自己的账号") }
        if user.active == active { return user }
        if active, let unit = try await OrgUnit.find(user.unitID, on: req.db), !unit.active {
            throw AppError.conflict("用户所属单位“\(unit.name)”已停用，请先调整单位")
        }
        let now = req.now
        return try await AuditedWrites.setActive(user, active, req) { user, tx in
            guard !user.active else { return }
            try await Session.query(on: tx).filter(\.$userID == user.id!).delete()
            try await APIToken.query(on: tx).filter(\.$userID == user.id!).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
        }
    }

    static func unlock(_ user: User, _ req: Request) async throws {
        let before = UserDTO(user, now: req.now)
        try await req.db.transaction { tx in
            user.failedCount = 0
            user.lockedUntil = nil
            try await user.save(on: tx)
            try await AuditLog.record(req, on: tx, action: .update, entity: "user", entityID: "\(user.id!)",
                                      summary: "解锁用户“\(user.displayName)”", before: before, after: UserDTO(user, now: req.now))
        }
    }

    /// Sets a new password (by the user, or by an administrator), ends the user's other sessions
    /// and revokes their API tokens: a password is changed when it may have leaked, and a token
    /// made by whoever held it must not outlive it (the pages say so beside the password forms).
    static func setPassword(_ user: User, _ password: String, keepSession: String?, _ req: Request) async throws {
        if let violation = PasswordPolicy().violation(password: password, username: user.username) {
            throw AppError.validation(ValidationFailed([FieldError(field: "newPassword", code: violation.code, zh: violation.messageZh, en: violation.messageEn)]))
        }
        let hash = try await req.password.async.hash(password)
        try await req.db.transaction { tx in
            let revoked = try await replaceCredentials(of: user, hash: hash, keepSession: keepSession, at: req.now, on: tx)
            try await AuditLog.record(req, on: tx, action: .passwordChange, entity: "user", entityID: "\(user.id!)",
                                      summary: "修改用户“\(user.displayName)”的密码" + revokedNote(revoked),
                                      before: NoSnapshot?.none, after: NoSnapshot?.none)
        }
    }

    /// A new password ends what the old one opened, wherever it is set (the account page, an
    /// administrator's reset, `gaoxin set-password`): the account is unlocked, its other sessions
    /// end and its API tokens are revoked. Returns how many tokens were revoked (for the audit line).
    static func replaceCredentials(of user: User, hash: String, keepSession: String?, at now: Date, on tx: any Database) async throws -> Int {
        user.passwordHash = hash
        user.failedCount = 0
        user.lockedUntil = nil
        try await user.save(on: tx)
        var sessions = Session.query(on: tx).filter(\.$userID == user.id!)
        if let keepSession { sessions = sessions.filter(\.$id != keepSession) }
        try await sessions.delete()
        let live = APIToken.query(on: tx).filter(\.$userID == user.id!).filter(\.$revokedAt == nil)
        let revoked = try await live.count()
        try await APIToken.query(on: tx).filter(\.$userID == user.id!).filter(\.$revokedAt == nil).set(\.$revokedAt, to: now).update()
        return revoked
    }

    static func revokedNote(_ revoked: Int) -> String { revoked > 0 ? "，并吊销其 \(revoked) 个 API 令牌" : "" }
}

extension User: AuditedRecord {
    static let auditEntity = "user"
    static let auditNounZh = "用户"
    var auditName: String { displayName }
    var auditSnapshot: UserDTO { UserDTO(self) }
}
