import GaoxinApp
import Vapor

/// `gaoxin <command>`: serve, demo, migrate, create-user, seed-demo, backup, restore, complexity.
@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let config: AppConfig
        do {
            config = try AppConfig.fromEnvironment()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            exit(2)
        }
        if let code = try await Launcher.runWithoutServer(arguments: env.arguments) {
            exit(code)
        }
        let demo = env.arguments.dropFirst().first == "demo"
        if demo { env.arguments = [env.arguments[0], "serve"] + env.arguments.dropFirst(2) }
        let app = try await Application.make(env, .shared(eventLoopGroup(for: config)))
        do {
            try configure(app, config: config)
            if demo { try await Launcher.prepareDemo(app) }
            try await app.execute()
            // The HTTP server first: it stops accepting and lets the requests in flight finish
            // (up to its shutdown timeout). Vapor's own shutdown closes the providers — Fluent's
            // databases — before the server, and a request still being handled then crashed the
            // process on a missing database (`ServeShutdownTests`). Nothing to do for other commands.
            await app.server.shutdown()
        } catch let exit as ExitCode {
            try? await app.asyncShutdown()
            Foundation.exit(exit.code)
        } catch {
            // A clear line and a non-zero exit status, never a crash report, for a bad command.
            FileHandle.standardError.write(Data("gaoxin: \(error)\n".utf8))
            try? await app.asyncShutdown()
            Foundation.exit(1)
        }
        try await app.asyncShutdown()
    }
}
