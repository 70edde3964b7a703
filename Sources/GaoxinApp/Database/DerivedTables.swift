import SQLKit

/// Tables made from the others — the search postings and the roll-ups — kept by writes and
/// triggers, left out of backups and made again on a restore and by `gaoxin recompute`. One list,
/// so a new roll-up is rebuilt everywhere by adding it here.
enum DerivedTables {
    struct Rollup: Sendable {
        let tables: [String]
        let labelZh: String
        let rebuild: @Sendable (any SQLDatabase) async throws -> Void
    }

    static let rollups: [Rollup] = [
        Rollup(tables: [EnterpriseCounts.table], labelZh: "企业汇总（单位 × 行业大类 × 状态 × 规模）", rebuild: { try await EnterpriseCounts.rebuild(on: $0) }),
        Rollup(tables: [MonthlyFigures.table], labelZh: "月度指标汇总（月份 × 单位 × 行业 × 规模 × 状态）", rebuild: { try await MonthlyFigures.rebuild(on: $0) }),
        Rollup(tables: [ClusterFigures.membersTable, ClusterFigures.table], labelZh: "产业集群成员与月度指标", rebuild: { try await ClusterFigures.rebuild(on: $0) }),
        Rollup(tables: [RecentRevenue.table], labelZh: "企业近 12 个月营收", rebuild: { try await RecentRevenue.rebuild(on: $0) }),
        Rollup(tables: [LeadFollowUp.table], labelZh: "招商线索最近跟进日期", rebuild: { try await LeadFollowUp.rebuild(on: $0) }),
        // Emptied: every cached figure is recomputed by the first request that wants it.
        Rollup(tables: [FigureCache.table], labelZh: "缓存的统计数（工作台）", rebuild: { try await $0.raw("DELETE FROM figure_cache").run() }),
        // Counters of the public pages' throttle: minutes old, worth nothing in a backup.
        Rollup(tables: [PublicRateLimit.table], labelZh: "公开页面访问计数（限流）", rebuild: { try await $0.raw("DELETE FROM public_hits").run() }),
        // The public forms' signing key: made again on first use (forms drawn before become stale).
        Rollup(tables: [PublicFormStamp.secretsTable], labelZh: "公开表单签名密钥", rebuild: { try await $0.raw("DELETE FROM server_secrets").run() }),
        // A bulk figures write's marker, only ever present inside its own transaction.
        Rollup(tables: [StagedFigures.deferrals], labelZh: "批量写入的汇总延迟标记", rebuild: { try await $0.raw("DELETE FROM rollup_deferrals").run() }),
    ]

    static let names: Set<String> = Set([SearchIndex.table, SearchIndex.recent, SearchIndex.filings] + rollups.flatMap(\.tables))

    /// Every roll-up and the search postings again, from the rows as they are.
    static func rebuildAll(on sql: any SQLDatabase) async throws {
        try await SearchSource.rebuild(SearchSource.all, on: sql)
        for rollup in rollups { try await rollup.rebuild(sql) }
    }
}
