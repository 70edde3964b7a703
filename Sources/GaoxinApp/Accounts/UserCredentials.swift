import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// What only an account's own actions change — its password and its lock-out — each audited.
enum UserCredentials {
    /// Ends a lock-out (the failed sign-ins are forgotten).
    static func unlock(_ user: RegisterRecord, _ req: Request) async throws {
        try await req.db.transaction { tx in
            try await (tx as! any SQLDatabase).update("users").set("failed_count", to: SQLBind(0)).set("locked_until", to: SQLLiteral.null)
                .set("updated_at", to: SQLBind(req.now)).where("id", .equal, SQLBind(user.id)).run()
            let after = try await RegisterStore.find(.users, id: user.id, on: tx)!
            try await AuditLog.record(req, on: tx, action: .update, entity: "user", entityID: "\(user.id)",
                                      summary: "解锁用户“\(RegisterWrites.name(.users, user))”",
                                      before: RegisterDTO(declaration: .users, record: user), after: RegisterDTO(declaration: .users, record: after))
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
