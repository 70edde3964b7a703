import GaoxinComplexity
import Vapor

/// Start-up paths that are not plain Vapor commands.
public enum Launcher {
    /// Commands that need no server or database (the economic-complexity tool); nil otherwise.
    public static func runWithoutServer(arguments: [String]) async throws -> Int32? {
        guard arguments.count > 1 else { return nil }
        switch arguments[1] {
        case "complexity":
            // Pure computation over files: no database, no event loops, all memory for the matrix.
            return ComplexityCLI.run(arguments: Array(arguments.dropFirst(2)))
        default:
            return nil
        }
    }

    /// `gaoxin demo`: migrate the embedded database, load the demo set on first run, then serve.
    public static func prepareDemo(_ app: Application) async throws {
        try await app.migrateDatabase()
        if let accounts = try await DemoData.seedIfEmpty(app) {
            DemoData.printAccounts(accounts, console: app.console)
        } else {
            app.console.print("使用已有数据库（演示账号密码在首次启动时已显示；可用 gaoxin create-user 新建账号）")
        }
        let config = app.gaoxinConfig
        app.console.print("打开 http://\(config.host):\(config.port)/ 登录 (open this address to sign in)")
    }
}
