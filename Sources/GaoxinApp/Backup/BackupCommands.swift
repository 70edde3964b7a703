import Vapor

/// `gaoxin backup --output FILE`: a portable archive of all data, readable by either engine.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "output", short: "o") var output: String?
    }

    var help: String { "备份全部数据到一个与数据库引擎无关的压缩包 (write a portable backup archive)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output else { context.console.error("请用 --output 指定备份文件"); throw ExitCode(2) }
        let data = try await BackupArchive.write(from: context.application.db)
        try data.write(to: URL(fileURLWithPath: output))
        context.console.print("已写入备份 \(output)（\(data.count) 字节）")
    }
}

/// `gaoxin restore --input FILE`: loads an archive into an empty database of either engine.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "input", short: "i") var input: String?
    }

    var help: String { "把备份恢复到空数据库 (restore a backup into an empty database)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let input = signature.input else { context.console.error("请用 --input 指定备份文件"); throw ExitCode(2) }
        try await context.application.migrateDatabase()
        do {
            let manifest = try await BackupArchive.restore(try Data(contentsOf: URL(fileURLWithPath: input)), into: context.application.db)
            context.console.print("已恢复：" + manifest.tables.map { "\($0.name) \($0.rows)" }.joined(separator: "，"))
        } catch let problem as BackupArchive.Problem {
            context.console.error(problem.description)
            throw ExitCode(1)
        }
    }
}
