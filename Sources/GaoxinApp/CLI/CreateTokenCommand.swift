import Fluent
import Vapor

/// `gaoxin create-token --username admin --name 对接系统 [--read-only]`: an API token for an
/// integration, printed once on the last line of the output.
struct CreateTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username") var username: String?
        @Option(name: "name") var name: String?
        @Flag(name: "read-only") var readOnly: Bool
    }

    var help: String { "为用户创建 API 令牌（只显示一次）(create an API token; shown once)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let username = (signature.username ?? "").lowercased()
        guard let user = try await User.query(on: app.db).filter(\.$username == username).first(), user.active else {
            context.console.error("用户“\(username)”不存在或已停用")
            throw ExitCode(1)
        }
        let name = (signature.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 100 else {
            context.console.error("请用 --name 指定令牌名称（不超过 100 字）")
            throw ExitCode(2)
        }
        let secret = SecretToken.generate(prefix: TokenWrites.prefix)
        let token = APIToken()
        token.userID = user.id!
        token.name = name
        token.tokenHash = SecretToken.hash(secret)
        token.prefix = String(secret.prefix(TokenWrites.prefix.count + 6))
        token.readOnly = signature.readOnly
        token.createdAt = app.clock.now()
        try await app.db.transaction { tx in
            try await token.create(on: tx)
            try await AuditLog.record(on: tx, at: app.clock.now(), actor: nil, actorName: "命令行", address: nil, action: .tokenCreate,
                                      entity: "api_token", entityID: "\(token.id!)", summary: "命令行为用户“\(user.username)”创建 API 令牌“\(name)”",
                                      before: NoSnapshot?.none, after: TokenDTO(token))
        }
        context.console.print("已创建令牌（只显示这一次）：")
        context.console.print(secret)
    }
}
