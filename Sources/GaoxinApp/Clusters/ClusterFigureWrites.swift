import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Top-down months of a cluster: entered (or corrected) and removed by whoever may write the
/// cluster, checked and audited in the same transaction. A bottom-up cluster takes none — its
/// months are its enterprises' (`ClusterFigures`).
enum ClusterFigureWrites {
    static let entity = "cluster_reported_figure"

    /// Checks a month and its revenue (万元); the cluster must report top-down.
    static func validate(_ cluster: Cluster, period rawPeriod: String, revenue: Int64?, note: String?, now: Date) throws -> (Period, Int64, String?) {
        var v = FieldValidator()
        if cluster.source == .bottomUp {
            v.add(.invalid("revenue", zh: "“\(cluster.name)”的营收口径是企业汇总（自下而上），由企业月度数据自动汇总，不能直接填报；如按统计部门口径填报，请先把营收口径改为自上而下",
                           en: "\(cluster.name) sums its enterprises' figures (bottom-up); change its figures source to top-down to enter months"))
        }
        let period = IndicatorWrites.checkMonth(rawPeriod, now: now, into: &v)
        if let revenue {
            v.check(revenue >= 0, .invalid("revenue", zh: "规上营收不能为负数", en: "Revenue cannot be negative"))
            v.check(revenue < IndicatorWrites.moneyLimit, .invalid("revenue", zh: "规上营收数值过大，请确认单位", en: "Revenue is too large"))
        } else {
            v.add(.required("revenue", label: "规上营收", labelEn: "Revenue"))
        }
        let note = v.optionalText("note", note, label: "备注", labelEn: "Note", max: 500)
        try v.throwIfInvalid()
        return (period!, revenue!, note)
    }

    /// Enters the month or corrects it.
    @discardableResult
    static func save(_ cluster: Cluster, period rawPeriod: String, revenue: Int64?, note: String?, restatementReason: String? = nil,
                     _ req: Request) async throws -> ClusterReportedFigure {
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        let (period, revenue, note) = try validate(cluster, period: rawPeriod, revenue: revenue, note: note, now: req.now)
        let reason = try await PeriodClose.restatementReason(period, given: restatementReason, on: req.db)
        return try await req.db.transaction { tx in
            let existing = try await find(cluster.id!, period.description, on: tx)
            let before = existing.map(ClusterReportedFigureDTO.init)
            let row = existing ?? ClusterReportedFigure()
            row.clusterID = cluster.id!
            row.period = period.description
            row.revenue = revenue
            row.note = note
            if let before, before == ClusterReportedFigureDTO(row) { return row }
            try await row.save(on: tx)
            try await AuditLog.record(req, on: tx, action: before == nil ? .create : .update, entity: entity, entityID: "\(cluster.id!)/\(period)",
                                      summary: "\(before == nil ? "填报" : "修改")“\(cluster.name)” \(period) 规上营收" + (reason.map { "（更正已关账月份：\($0)）" } ?? ""),
                                      before: before, after: ClusterReportedFigureDTO(row))
            if let reason {
                try await PeriodClose.restate(month: period, entity: entity, entityID: "\(cluster.id!)/\(period)", subject: cluster.name,
                                              changes: [(figure: "规上营收（万元）", old: before?.revenue, new: revenue)], reason: reason,
                                              actor: try req.requireActor(), now: req.now, on: tx)
            }
            return row
        }
    }

    static func delete(_ cluster: Cluster, period: String, _ req: Request) async throws {
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        try await req.db.transaction { tx in
            // Inside the transaction: a close committed meanwhile is seen.
            if let month = Period(period), try await PeriodClose.record(month, on: tx) != nil {
                throw AppError.conflict("\(month) 已关账，不能删除该月数据；如需更正，请填报新的数值并说明更正原因")
            }
            guard let row = try await find(cluster.id!, period, on: tx) else { throw AppError.notFound("该月份的填报数据") }
            let before = ClusterReportedFigureDTO(row)
            try await row.delete(on: tx)
            try await AuditLog.record(req, on: tx, action: .delete, entity: entity, entityID: "\(cluster.id!)/\(period)",
                                      summary: "删除“\(cluster.name)” \(period) 规上营收", before: before, after: NoSnapshot?.none)
        }
    }

    static func find(_ clusterID: Int, _ period: String, on db: Database) async throws -> ClusterReportedFigure? {
        try await ClusterReportedFigure.query(on: db).filter(\.$clusterID == clusterID).filter(\.$period == period).first()
    }
}
