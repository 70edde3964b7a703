import Fluent
import Vapor

/// `gaoxin set-password --username NAME`: sets a password read from `GAOXIN_NEW_PASSWORD` (or
/// generated and printed once), with the password rules, unlocking the account, ending its
/// sessions and revoking its API tokens (as a password change on the web does). For an
/// administrator locked out of the web UI, and for scripted checks.
struct SetPasswordCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username") var username: String?
    }

    var help: String { "重设用户密码并解锁 (set a user's password and unlock the account)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let username = (signature.username ?? "").lowercased()
        guard let user = try await User.query(on: app.db).filter(\.$username == username).first() else {
            context.console.error("用户“\(username)”不存在")
            throw ExitCode(1)
        }
        let given = Environment.get("GAOXIN_NEW_PASSWORD")
        let password = given ?? DemoData.generatePassword()
        if let violation = PasswordPolicy().violation(password: password, username: username) {
            context.console.error(violation.messageZh)
            throw ExitCode(1)
        }
        let hash = try await app.password.async.hash(password)
        let revoked = try await app.db.transaction { tx in
            let revoked = try await UserCredentials.replaceCredentials(of: user, hash: hash, keepSession: nil, at: app.clock.now(), on: tx)
            try await AuditLog.record(on: tx, at: app.clock.now(), actor: nil, actorName: "命令行", address: nil, action: .passwordChange,
                                      entity: "user", entityID: "\(user.id!)", summary: "命令行重设用户“\(user.username)”的密码" + UserCredentials.revokedNote(revoked),
                                      before: NoSnapshot?.none, after: NoSnapshot?.none)
            return revoked
        }
        if revoked > 0 { context.console.print("已吊销该用户的 \(revoked) 个 API 令牌") }
        context.console.print(given == nil ? "新密码（只显示这一次）：\(password)" : "密码已更新")
    }
}

import GaoxinDomain
