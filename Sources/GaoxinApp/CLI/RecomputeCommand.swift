import Fluent
import SQLKit
import Vapor

/// `gaoxin recompute`: makes every derived table again from the data it derives from — the
/// enterprise roll-ups (counts, monthly figures) and the search postings — in one transaction, printing what each took.
/// Writes keep them current; this is for a database changed behind the application's back.
/// `--only rollups` or `--only search` makes one kind alone: the roll-ups take seconds at province
/// scale, the postings minutes, and a repair usually needs one of them.
struct RecomputeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "only", help: "rollups（只重算汇总表）或 search（只重建搜索索引）；缺省两者都做") var only: String?
    }

    /// What one run makes again.
    enum Part: String, CaseIterable {
        case rollups, search
    }

    var help: String { "重新计算汇总表和搜索索引 (recompute roll-ups and search postings; --only rollups|search)" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let parts: [Part]
        if let only = signature.only {
            guard let part = Part(rawValue: only) else {
                context.console.error("--only 只能是 rollups 或 search")
                throw ExitCode(2)
            }
            parts = [part]
        } else {
            parts = Part.allCases
        }
        let app = context.application
        try await app.migrateDatabase()
        let started = Date()
        // In bulk-write mode: the postings' load writes gigabytes in one transaction, and a page
        // spilled from a small cache to the WAL is read back and written again at each later touch.
        try await SQLiteConnectionSetup.bulkTransaction(on: app.db) { tx in
            let sql = tx as! any SQLDatabase
            if parts.contains(.rollups) {
                for rollup in DerivedTables.rollups {
                    let started = Date()
                    try await rollup.rebuild(sql)
                    context.console.print("\(rollup.labelZh)：\(Self.seconds(since: started)) 秒")
                }
            }
            if parts.contains(.search) {
                let started = Date()
                try await SearchSource.rebuild(SearchSource.all, on: sql)
                context.console.print("搜索索引：\(Self.seconds(since: started)) 秒")
            }
        }
        context.console.print("已重新计算 (recomputed: \(parts.map(\.rawValue).joined(separator: ", "))), 共 \(Self.seconds(since: started)) 秒（含提交）")
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }
}
