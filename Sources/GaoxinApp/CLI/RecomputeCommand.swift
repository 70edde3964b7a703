import Fluent
import SQLKit
import Vapor

/// `gaoxin recompute`: makes every derived table again from the data it derives from — the
/// enterprise roll-ups (counts, monthly figures) and the search postings — in one transaction, printing what each took.
/// Writes keep them current; this is for a database changed behind the application's back.
struct RecomputeCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "重新计算汇总表和搜索索引 (recompute roll-ups and search postings)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        // In bulk-write mode: the postings' load writes gigabytes in one transaction, and a page
        // spilled from a small cache to the WAL is read back and written again at each later touch.
        try await SQLiteConnectionSetup.bulkTransaction(on: app.db) { tx in
            let sql = tx as! any SQLDatabase
            for rollup in DerivedTables.rollups {
                let started = Date()
                try await rollup.rebuild(sql)
                context.console.print("\(rollup.labelZh)：\(Self.seconds(since: started)) 秒")
            }
            let started = Date()
            try await SearchSource.rebuild(SearchSource.all, on: sql)
            context.console.print("搜索索引：\(Self.seconds(since: started)) 秒")
        }
        context.console.print("已重新计算 (recomputed)")
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }
}
