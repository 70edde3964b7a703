import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// `gaoxin bench search|bulletin|dashboard|import` (release build, on a database seeded with
/// `seed-demo --scale province`): prints a Markdown table for BENCHMARKS.md. Timings are measured,
/// never asserted; `import` is rolled back, so no bench leaves a trace in the database.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "work", help: "search | bulletin | dashboard | import") var work: String
        @Option(name: "month", help: "bulletin: 月份 YYYY-MM，默认上月") var month: String?
        @Option(name: "rounds", help: "bulletin: 轮数，默认 5") var rounds: Int?
        @Option(name: "terms", help: "每种长度的搜索词数，默认 100") var terms: Int?
        @Option(name: "baseline-every", help: "每几个词跑一次基线 LIKE 扫描，默认 10") var baselineEvery: Int?
        @Option(name: "rows", help: "import: 企业与月度指标各多少行，默认 100000") var rows: Int?
        @Option(name: "as", help: "import: 以该用户导入（默认 admin；导入后回滚）") var username: String?
        @Option(name: "only", help: "import: 只测这些部分，逗号分隔（enterprises,figures,indicators,qualifications,leads）") var only: String?
    }

    var help: String { "性能基准 (benchmarks: search, bulletin, dashboard, import)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateDatabase()
        let sql = app.db as! any SQLDatabase
        if signature.work == "bulletin" {
            let month = signature.month.flatMap { Period($0) } ?? IndicatorWrites.currentPeriod(app.clock.now()).previous
            let console = context.console
            console.print(try await BulletinBench.run(month: month, rounds: max(1, signature.rounds ?? 5), on: app) { console.print($0) })
            return
        }
        if signature.work == "dashboard" {
            let console = context.console
            console.print(try await DashboardBench.run(rounds: max(1, signature.rounds ?? 5), on: app) { console.print($0) })
            return
        }
        if signature.work == "import" {
            let console = context.console
            let actor = try await CLIActor.load(signature.username ?? "admin", app: app, console: console)
            let rows = max(1, min(signature.rows ?? 100_000, ProvinceNames.capacity))
            var parts = Set(ImportBench.Part.allCases)
            if let only = signature.only {
                let named = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let unknown = named.filter { ImportBench.Part(rawValue: $0) == nil }
                guard unknown.isEmpty, !named.isEmpty else {
                    console.error("未知的部分：\(unknown.joined(separator: "、"))（可用：\(ImportBench.Part.allCases.map(\.rawValue).joined(separator: ","))）")
                    throw ExitCode(2)
                }
                parts = Set(named.compactMap(ImportBench.Part.init(rawValue:)))
            }
            let outcome = try await ImportBench.run(rows: rows, actor: actor, sliceRows: app.gaoxinConfig.importSliceRows, parts: parts, on: app) { console.print($0) }
            let enterprises = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises").first(decodingColumn: "n", as: Int.self) ?? 0
            console.print(ImportBench.markdown(outcome.results, merge: outcome.merge, engine: app.engine.rawValue, enterprises: enterprises))
            // The numbers measured are printed; a refused import still fails the command.
            if !outcome.refused.isEmpty {
                console.error("未计时（文件被拒绝）：" + outcome.refused.joined(separator: "、"))
                throw ExitCode(1)
            }
            return
        }
        guard signature.work == "search" else {
            context.console.error("未知的基准：\(signature.work)（可用：search、bulletin、dashboard、import）")
            throw ExitCode(2)
        }
        let enterprises = try await sql.raw("SELECT COUNT(*) AS n FROM enterprises").first(decodingColumn: "n", as: Int.self) ?? 0
        let console = context.console
        let rows = try await SearchBench.run(on: sql, perLength: max(1, signature.terms ?? 100), baselineEvery: max(1, signature.baselineEvery ?? 10)) {
            console.print($0)
        }
        console.print(SearchBench.markdown(rows, engine: app.engine.rawValue, enterprises: enterprises))
    }
}
