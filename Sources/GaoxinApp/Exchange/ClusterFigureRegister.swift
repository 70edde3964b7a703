import Fluent
import Foundation
import GaoxinDomain
import GaoxinSheets

/// Import of top-down cluster months (统计部门口径): a row per cluster and month, as the statistics
/// bureau's monthly table gives them. The same checks as the cluster page's month form
/// (`ClusterFigureWrites.validate`): the cluster must report top-down, the month not be in the
/// future; a unit writes only the clusters it leads. A month already entered is corrected, and an
/// unchanged one is neither rewritten nor audited. Its export is this format, so a year's table
/// can be corrected in a spreadsheet and imported back.
struct ClusterFigureRegister: ImportRegister {
    let key = "cluster-figures"
    let titleZh = "产业集群月度规上营收（统计口径）"
    let titleEn = "Cluster monthly revenue (statistics bureau)"
    let policy = Policies.clusters
    let columns = [
        RegisterColumn(key: "cluster", zh: "产业集群", en: "Cluster", required: true, example: "物联网产业集群", note: "已登记、营收口径为自上而下的集群名称"),
        RegisterColumn(key: "period", zh: "月份", en: "Month", required: true, example: "2025-08", note: "YYYY-MM，不能是未来月份"),
        RegisterColumn(key: "revenue", zh: "规上营收（万元）", en: "Revenue (10k yuan)", required: true, example: "1720000", note: "整数，单位万元（当月值，非累计）"),
        RegisterColumn(key: "note", zh: "备注", en: "Note", required: false, example: "", note: "不超过 500 字"),
    ]

    struct Item {
        let cluster: Cluster
        let period: Period
        let revenue: Int64
        let note: String?
        /// The file has a 备注 column; without one the stored note stays.
        let hasNote: Bool
    }

    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] {
        try await plan(rows, on: context.db, actor: context.actor, now: context.clock.now()).errors
    }

    func plan(_ rows: [ImportRow], on db: Database, actor: Actor, now: Date) async throws -> (errors: [ImportRowError], items: [Item]) {
        let labels = Dictionary(uniqueKeysWithValues: columns.map { ($0.key, $0.zh) })
        // Every cluster and its lead unit's path in two queries, not one per row.
        let clusters = Dictionary(try await Cluster.query(on: db).all().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let units = Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).filter(\.$id ~~ Set(clusters.values.map(\.leadUnitID))).all().map { ($0.id!, $0) })
        // What is stored, so a row that changes nothing is passed over whoever imports it and
        // whatever has become of its cluster since (an export of every month imports back).
        let named = Set(rows.compactMap { clusters[$0.value("cluster").trimmingCharacters(in: .whitespaces)]?.id })
        let stored = Dictionary(try await ClusterReportedFigure.query(on: db).filter(\.$clusterID ~~ named).all().map { ("\($0.clusterID)|\($0.period)", $0) },
                                uniquingKeysWith: { a, _ in a })
        var errors: [ImportRowError] = []
        var items: [Item] = []
        var seen: [String: Int] = [:]
        let closed = try await PeriodClose.closed(among: Set(rows.compactMap { Period($0.value("period").trimmingCharacters(in: .whitespaces))?.description }), on: db)
        for row in rows {
            func fail(_ key: String, _ reason: String) {
                errors.append(ImportRowError(row: row.number, column: labels[key] ?? key, value: row.value(key), reason: reason))
            }
            let name = row.value("cluster").trimmingCharacters(in: .whitespaces)
            guard let cluster = clusters[name] else {
                fail("cluster", name.isEmpty ? "请填写产业集群" : "找不到产业集群“\(name)”")
                continue
            }
            if let same = stored["\(cluster.id!)|\(row.value("period").trimmingCharacters(in: .whitespaces))"],
               String(same.revenue) == row.value("revenue").withoutThousandsCommas.trimmingCharacters(in: .whitespaces),
               !row.has("note") || (same.note ?? "") == row.value("note").trimmingCharacters(in: .whitespacesAndNewlines) {
                continue
            }
            guard cluster.active else { fail("cluster", "产业集群“\(name)”已停用"); continue }
            guard let path = units[cluster.leadUnitID]?.unitPath, actor.owns(path) else {
                fail("cluster", "“\(name)”不由本单位牵头，不能填报")
                continue
            }
            let raw = row.value("revenue").withoutThousandsCommas
            let revenue = Int64(raw)
            if revenue == nil, !raw.isEmpty {
                fail("revenue", Double(raw) != nil ? "应为整数（单位万元，不带小数）" : "应为数字")
                continue
            }
            do {
                let (period, amount, note) = try ClusterFigureWrites.validate(cluster, period: row.value("period"), revenue: revenue,
                                                                              note: row.value("note"), now: now)
                let key = "\(cluster.id!)|\(period)"
                if let first = seen[key] { fail("period", "与第 \(first) 行是同一集群同一月份"); continue }
                seen[key] = row.number
                if closed.contains(period.description) {
                    fail("period", "\(period) 已关账：更正已关账月份的数据须在集群页面逐条填写更正原因，不能导入")
                    continue
                }
                items.append(Item(cluster: cluster, period: period, revenue: amount, note: note, hasNote: row.has("note")))
            } catch let failed as ValidationFailed {
                for error in failed.errors { fail(error.field, error.messageZh) }
            }
        }
        return (errors, items)
    }

    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int {
        let plan = try await plan(rows, on: tx, actor: context.actor, now: context.clock.now())
        guard plan.errors.isEmpty else { throw AppError.conflict("数据在校验后发生了变化，请重新导入") }
        let ids = Set(plan.items.map { $0.cluster.id! })
        let stored = try await ClusterReportedFigure.query(on: tx).filter(\.$clusterID ~~ ids).all()
        var existing = Dictionary(stored.map { ("\($0.clusterID)|\($0.period)", $0) }, uniquingKeysWith: { a, _ in a })
        var written = 0
        for (index, item) in plan.items.enumerated() {
            let key = "\(item.cluster.id!)|\(item.period)"
            let before = existing[key].map(ClusterReportedFigureDTO.init)
            let row = existing[key] ?? ClusterReportedFigure()
            row.clusterID = item.cluster.id!
            row.period = item.period.description
            row.revenue = item.revenue
            if item.hasNote || existing[key] == nil { row.note = item.note }
            if let before, before == ClusterReportedFigureDTO(row) { continue }
            try await row.save(on: tx)
            existing[key] = row
            try await AuditLog.record(on: tx, at: context.clock.now(), actor: context.actor, address: context.address,
                                      action: before == nil ? .create : .update, entity: ClusterFigureWrites.entity, entityID: "\(item.cluster.id!)/\(item.period)",
                                      summary: "导入“\(item.cluster.name)” \(item.period) 规上营收", before: before, after: ClusterReportedFigureDTO(row))
            written += 1
            if index % 200 == 0 { await context.report("writing", index, plan.items.count) }
        }
        return written
    }

    var exportsCurrentData: Bool { true }

    /// Every top-down month (or one month), by cluster order and month.
    func currentData(period: String?, limit: Int, on db: Database) async throws -> [[SheetCell]] {
        var query = ClusterReportedFigure.query(on: db)
        if let period { query = query.filter(\.$period == period) }
        let figures = try await query.sort(\.$period).limit(limit).all()
        let clusters = Dictionary(uniqueKeysWithValues: try await Cluster.query(on: db).all().map { ($0.id!, $0) })
        return figures
            .sorted { (clusters[$0.clusterID]?.sortOrder ?? 0, clusters[$0.clusterID]?.name ?? "", $0.period) < (clusters[$1.clusterID]?.sortOrder ?? 0, clusters[$1.clusterID]?.name ?? "", $1.period) }
            .map { [.text(clusters[$0.clusterID]?.name ?? ""), .text($0.period), .integer($0.revenue), $0.note.map { .text($0) } ?? .empty] }
    }
}
