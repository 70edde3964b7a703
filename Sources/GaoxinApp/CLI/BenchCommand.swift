import Foundation
import SQLKit
import Vapor

/// `gaoxin bench search` (release build, on a database seeded with `seed-demo --scale province`):
/// prints a Markdown table for BENCHMARKS.md. Timings are measured, never asserted.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "work", help: "search") var work: String
        @Option(name: "terms", help: "每种长度的搜索词数，默认 100") var terms: Int?
        @Option(name: "baseline-every", help: "每几个词跑一次基线 LIKE 扫描，默认 10") var baselineEvery: Int?
    }

    var help: String { "性能基准 (benchmarks: search)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let sql = app.db as! any SQLDatabase
        guard signature.work == "search" else {
            context.console.error("未知的基准：\(signature.work)（可用：search）")
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
