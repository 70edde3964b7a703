import Fluent
import SQLKit
import GaoxinDomain
import Vapor

/// Sign-in with lock-out: 5 failures lock the account for 15 minutes (configurable), and a
/// client address with too many failures in that window is refused whatever the username.
enum SignIn {
    enum Outcome {
        case success(User)
        case failure(message: String)
    }

    static let wrongCredentials = "用户名或密码错误"

    static func attempt(username rawUsername: String, password: String, _ req: Request) async throws -> Outcome {
        let config = req.application.gaoxinConfig
        let now = req.now
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let window = now.addingTimeInterval(-TimeInterval(config.lockoutMinutes * 60))
        let addressFailures = try await LoginFailure.query(on: req.db)
            .filter(\.$address == req.clientAddress).filter(\.$at > window).count()
        if addressFailures >= config.addressFailureLimit {
            throw AppError.rateLimited("登录失败次数过多，请 \(config.lockoutMinutes) 分钟后再试")
        }
        guard !username.isEmpty, !password.isEmpty else { return .failure(message: "请输入用户名和密码") }
        guard let user = try await User.query(on: req.db).filter(\.$username == username).first(), user.active else {
            // As slow as checking a real password, so timing does not tell which usernames exist.
            _ = try await req.password.async.hash(password)
            try await recordFailure(username: username, user: nil, req)
            return .failure(message: wrongCredentials)
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            try await recordFailure(username: username, user: nil, req)
            return .failure(message: "账号因多次登录失败已锁定，请于 \(DisplayFormat.time(lockedUntil)) 后再试，或联系管理员解锁")
        }
        guard try await req.password.async.verify(password, created: user.passwordHash) else {
            if try await recordFailure(username: username, user: user, req) {
                return .failure(message: "连续 \(config.lockoutThreshold) 次登录失败，账号已锁定 \(config.lockoutMinutes) 分钟")
            }
            return .failure(message: wrongCredentials)
        }
        try await req.db.transaction { tx in
            user.failedCount = 0
            user.lockedUntil = nil
            user.lastLoginAt = now
            try await user.save(on: tx)
            try await AuditLog.record(on: tx, at: now, actor: nil, actorName: "\(user.displayName)（\(user.username)）", address: req.clientAddress,
                                      action: .signIn, entity: "user", entityID: "\(user.id!)", summary: "登录", before: NoSnapshot?.none, after: NoSnapshot?.none)
        }
        return .success(user)
    }

    /// Records a failed attempt; true when it locked the account.
    @discardableResult
    private static func recordFailure(username: String, user: User?, _ req: Request) async throws -> Bool {
        let config = req.application.gaoxinConfig
        let now = req.now
        return try await req.db.transaction { tx in
            let failure = LoginFailure()
            failure.username = String(username.prefix(100))
            failure.address = req.clientAddress
            failure.at = now
            try await failure.create(on: tx)
            guard let user, let userID = user.id else { return false }
            // Counted in the database, not on the loaded row: concurrent wrong passwords (two
            // servers, or one client firing in parallel) must each count.
            let failures = try await (tx as! any SQLDatabase).update(User.schema)
                .set(SQLIdentifier("failed_count"), to: SQLRaw("failed_count + 1"))
                .where(SQLIdentifier("id"), .equal, SQLBind(userID))
                .returning(SQLIdentifier("failed_count"))
                .first(decodingColumn: "failed_count", as: Int.self) ?? 0
            let locked = failures >= config.lockoutThreshold
            if locked {
                try await User.query(on: tx).filter(\.$id == userID)
                    .set(\.$lockedUntil, to: now.addingTimeInterval(TimeInterval(config.lockoutMinutes * 60)))
                    .set(\.$failedCount, to: 0)
                    .update()
            }
            try await AuditLog.record(on: tx, at: now, actor: nil, actorName: "\(user.displayName)（\(user.username)）", address: req.clientAddress,
                                      action: locked ? .lockOut : .signInFailed, entity: "user", entityID: "\(user.id!)",
                                      summary: locked ? "连续登录失败，账号锁定" : "登录失败", before: NoSnapshot?.none, after: NoSnapshot?.none)
            return locked
        }
    }
}
