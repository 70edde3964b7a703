import Vapor
import GaoxinDomain

enum CLICommands {
    static func register(on app: Application) {
        app.asyncCommands.use(MigrateCommand(), as: "migrate")
        app.asyncCommands.use(CreateUserCommand(), as: "create-user")
        app.asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
        app.asyncCommands.use(BenchCommand(), as: "bench")
        app.asyncCommands.use(CreateTokenCommand(), as: "create-token")
        app.asyncCommands.use(SetPasswordCommand(), as: "set-password")
        app.asyncCommands.use(BackupCommand(), as: "backup")
        app.asyncCommands.use(RestoreCommand(), as: "restore")
        app.asyncCommands.use(ImportCommand(), as: "import")
        app.asyncCommands.use(ExportCommand(), as: "export")
        app.asyncCommands.use(RecomputeCommand(), as: "recompute")
        app.asyncCommands.use(RemindersCommand(), as: "reminders")
    }
}

/// `gaoxin migrate`: brings the schema up to date, without asking (scripts run it).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "创建或升级数据库结构 (create or upgrade the schema)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateDatabase()
        context.console.print("数据库已是最新结构 (migrations applied): \(Migrations.all.count)")
    }
}

/// `gaoxin seed-demo`: loads the demo data set into an empty database and prints the passwords once.
/// `--scale province` then adds a province-sized register on top (`ProvinceSeeder`), printing progress.
struct SeedDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "zone（默认，演示区）、province（省级规模：100 万家企业、36 个月指标）、attraction（在省级数据上加 30 万条线索、10 万个项目）或 parks（在省级数据上加 1 万个园区、20 万个空间）") var scale: String?
        @Option(name: "enterprises", help: "省级规模的企业数，默认 1000000") var enterprises: Int?
        @Option(name: "months", help: "每家企业的月度指标月数，默认 36") var months: Int?
    }

    var help: String { "载入演示数据 (load the demo data set; --scale province for a province-sized one)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let scale = signature.scale ?? "zone"
        guard ["zone", "province", "attraction", "parks"].contains(scale) else {
            context.console.error("--scale 只能是 zone、province、attraction 或 parks")
            throw ExitCode(2)
        }
        if let accounts = try await DemoData.seedIfEmpty(app) {
            DemoData.printAccounts(accounts, console: context.console)
        } else if scale == "zone" {
            context.console.print("数据库中已有数据，未载入演示数据 (database not empty; nothing seeded)")
            return
        }
        if scale == "attraction" {
            let console = context.console
            let summary = try await AttractionSeeder.seed(app, options: .init(today: DisplayFormat.day(app.clock.now()))) { console.print($0) }
            console.print("已生成省级规模招商数据：线索 \(summary.leads) 条（跟进记录 \(summary.activities) 条），项目 \(summary.projects) 个，问题 \(summary.obstacles) 个，目标清单 \(summary.targets) 份，年度投资计划 \(summary.investments) 个")
            return
        }
        if scale == "parks" {
            let console = context.console
            let summary = try await ParkSeeder.seed(app, today: CalendarDay(DisplayFormat.day(app.clock.now()))!) { console.print($0) }
            console.print("已生成省级规模园区数据：园区 \(summary.parks) 个，空间 \(summary.spaces) 个，应用场景 \(summary.scenarios) 个")
            return
        }
        guard scale == "province" else { return }
        var options = ProvinceSeeder.Options()
        if let count = signature.enterprises { options.enterprises = count }
        if let months = signature.months { options.months = months }
        guard (1...ProvinceNames.capacity).contains(options.enterprises), (1...120).contains(options.months) else {
            context.console.error("--enterprises 应在 1 到 \(ProvinceNames.capacity) 之间，--months 应在 1 到 120 之间")
            throw ExitCode(2)
        }
        let console = context.console
        let summary = try await ProvinceSeeder.seed(app, options: options) { line in console.print(line) }
        console.print("已生成省级规模数据：企业 \(summary.enterprises) 家，月度指标 \(summary.figureRows) 行，板块 \(summary.boards) 个，产业集群 \(summary.clusters) 个")
    }
}

/// `gaoxin create-user --username u --name 张三 --unit CODE_OR_ID --roles admin,office`; the
/// password is read from `GAOXIN_NEW_PASSWORD` or generated and printed once.
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "username") var username: String?
        @Option(name: "name") var name: String?
        @Option(name: "unit", help: "单位编码或 ID") var unit: String?
        @Option(name: "roles", help: "逗号分隔：admin,office,unit,park,leader,auditor") var roles: String?
    }

    var help: String { "创建用户 (create a user)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let password = Environment.get("GAOXIN_NEW_PASSWORD") ?? DemoData.generatePassword()
        let result = try await UserCreation.create(
            app: app, username: signature.username ?? "", displayName: signature.name ?? signature.username ?? "",
            unit: signature.unit ?? "", roles: (signature.roles ?? "").split(separator: ",").map(String.init), password: password)
        switch result {
        case .success(let user):
            context.console.print("已创建用户 \(user.username)（ID \(user.id!)）")
            if Environment.get("GAOXIN_NEW_PASSWORD") == nil { context.console.print("初始密码（只显示这一次）：\(password)") }
        case .failure(let failed):
            for error in failed.errors { context.console.error("\(error.field)：\(error.messageZh)") }
            throw ExitCode(1)
        }
    }
}

public struct ExitCode: Error { public let code: Int32; public init(_ code: Int32) { self.code = code } }
