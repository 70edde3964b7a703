import Fluent
import Foundation
import GaoxinSheets
import SQLKit
import Vapor

/// `gaoxin import --register enterprises --input FILE --as USERNAME`: the same all-or-nothing
/// import as the web page, run in the foreground with that user's rights and in their name in the
/// audit log. Every bad row is printed; exit status 1 means nothing was written.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "register", help: "units、users、enterprises 或 indicators") var register: String?
        @Option(name: "input", help: "xlsx 或 CSV 文件") var input: String?
        @Option(name: "as", help: "以该用户的权限导入并记入审计日志") var username: String?
    }

    var help: String { "导入登记表（全部成功或全部不写入）(import a register, all or nothing)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        guard let register = ImportRegisters.find(signature.register ?? "") else {
            context.console.error("请用 --register 指定登记表：" + ImportRegisters.all.map(\.key).joined(separator: "、"))
            throw ExitCode(2)
        }
        let actor = try await CLIActor.load(signature.username, app: app, console: context.console)
        guard actor.hasAny(register.policy.write) else {
            context.console.error("用户“\(actor.username)”无权导入\(register.titleZh)")
            throw ExitCode(2)
        }
        guard let path = signature.input, FileManager.default.isReadableFile(atPath: path),
              let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
            context.console.error("请用 --input 指定可读取的文件")
            throw ExitCode(2)
        }
        let source = ImportSource.file(path)
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        // A CSV file of a sliced register (monthly figures) is streamed: any length is taken.
        let streamed = try source.streams(for: register, fileName: fileName)
        let limit = app.gaoxinConfig.importMaxBytes
        guard streamed || size <= limit else {
            context.console.error(SheetError.tooLarge(limit: limit).messageZh)
            throw ExitCode(1)
        }
        let password = app.password
        var importContext = ImportContext(db: app.db, actor: actor, address: "命令行", clock: app.clock,
                                          passwords: { try await password.async.hash($0) }, progress: nil)
        let console = context.console
        importContext.announce = { phase, done, total in
            let megabytes = { (bytes: Int) in String(format: "%.1f", Double(bytes) / 1_048_576) }
            console.print("\(phase == "writing" ? "导入中" : "校验中")：已读 \(megabytes(done)) / \(megabytes(total)) MB")
        }
        let outcome = try await ImportJob.run(register: register, source: source, fileName: fileName, limit: limit, context: importContext,
                                              sliceRows: app.gaoxinConfig.importSliceRows)
        switch outcome {
        case .succeeded(let message, _):
            context.console.print(message)
            // The new records' search postings wait in the recent table; once many, they are
            // moved into the main one now (each chunk its own transaction, the import committed).
            let moved = try await SearchPostingsMerge.mergeIfDue(on: app.db, threshold: app.gaoxinConfig.searchMergePostings) { moved in
                console.print("检索索引合并中：已合并 \(moved) 条")
            }
            if moved > 0 { context.console.print("检索索引已合并 \(moved) 条") }
        case .failed(let message, let resultJSON):
            context.console.error(message)
            let result = resultJSON.flatMap { try? JSONDecoder().decode(ImportResult.self, from: Data($0.utf8)) }
            for error in result?.errors ?? [] {
                context.console.error("\(error.place(.zh))\t\(error.column)\t\(error.value)\t\(error.reason)")
            }
            throw ExitCode(1)
        }
    }
}

/// `gaoxin export --register enterprises --output FILE.xlsx|.csv`: a whole register as its list
/// page exports it (same headings), without the web export's row cap; any declared register too.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "register", help: "units、users、enterprises、clusters 或任一登记册（如 policies）") var register: String?
        @Option(name: "output", help: "以 .xlsx 或 .csv 结尾的文件名") var output: String?
    }

    var help: String { "导出登记表 (export a register to xlsx or CSV)" }

    static let cap = 10_000_000
    static var registers: [String] { Registers.declared.map(\.key) }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        guard let output = signature.output, output.hasSuffix(".xlsx") || output.hasSuffix(".csv") else {
            context.console.error("请用 --output 指定以 .xlsx 或 .csv 结尾的文件名")
            throw ExitCode(2)
        }
        let sql = app.db as! any SQLDatabase
        let lang = UILanguage.zh
        let table: SheetTable
        switch signature.register ?? "" {
        case let key where Registers.find(key) != nil:
            // A declared register exports in its import's format, as its list page does.
            let declaration = Registers.find(key)!
            let definition = RegisterList.definition(declaration)
            let ids = try await ListRunner.all(definition, Self.everything(definition), limit: Self.cap, on: sql, as: RegisterList.IDRow.self)
            let records = try await RegisterList.records(declaration, ids: ids.map(\.id), today: DisplayFormat.day(Date()), on: app.db)
            table = RegisterList.table(declaration, records, lang: lang)
        default:
            context.console.error("请用 --register 指定登记表：" + Self.registers.joined(separator: "、"))
            throw ExitCode(2)
        }
        let data = output.hasSuffix(".xlsx") ? try XLSXWriter.write([table]) : CSVFormat.write(table, bom: true)
        do {
            try data.write(to: URL(fileURLWithPath: output))
        } catch {
            context.console.error("无法写入 \(output)：\(error.localizedDescription)")
            throw ExitCode(1)
        }
        context.console.print("已导出 \(table.rows.count - 1) 条到 \(output)")
    }

    static func everything(_ definition: ListDefinition) -> ListQuery {
        ListQuery(sortKey: definition.defaultSort, descending: definition.defaultDescending)
    }
}

/// The user a command acts as: active, with a unit.
enum CLIActor {
    static func load(_ username: String?, app: Application, console: any Console) async throws -> Actor {
        let name = (username ?? "").lowercased()
        guard !name.isEmpty else {
            console.error("请用 --as 指定执行导入的用户名（按其权限导入，并记入审计日志）")
            throw ExitCode(2)
        }
        guard let user = try await User.query(on: app.db).filter(\.$username == name).first(),
              let actor = try await ActorLoader.actor(userID: user.id!, on: app.db as! any SQLDatabase) else {
            console.error("用户“\(name)”不存在或已停用")
            throw ExitCode(2)
        }
        return actor
    }
}

