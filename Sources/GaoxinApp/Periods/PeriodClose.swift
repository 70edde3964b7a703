import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// 关账 (SPEC §3, issue 14): the office closes a month once its data is complete; a closed month's
/// figures are frozen — a correction needs a reason and is kept as a restatement (old value, new
/// value, who, why) — until the office reopens it, which the audit log records with its reason.
enum PeriodClose {
    static let entity = "period_close"
    /// Who may close and reopen a month.
    static let policy = Policies.officeRegisters
    static let restatementField = "restatementReason"

    /// The month of a path (`YYYY-MM`); any such month can be looked at, a future one or one
    /// before 1990 cannot be closed (`close`).
    static func month(_ raw: String?) throws -> Period {
        guard let period = Period(raw ?? "") else {
            throw AppError.badRequest("月份“\(raw ?? "")”格式不对，应为 YYYY-MM，如 2025-03", field: "month")
        }
        return period
    }

    static func record(_ month: Period, on db: Database) async throws -> PeriodCloseRecord? {
        try await PeriodCloseRecord.query(on: db).filter(\.$month == month.description).first()
    }

    /// Which of `months` are closed, in one query.
    static func closed(among months: Set<String>, on db: Database) async throws -> Set<String> {
        guard !months.isEmpty else { return [] }
        return Set(try await PeriodCloseRecord.query(on: db).filter(\.$month ~~ months).all().map(\.month))
    }

    /// The months among a record's figures (`entityIDs` as the audit names them, `<id>/<month>`)
    /// that carry restatements, for the badge beside the figure wherever it is shown.
    static func restatedMonths(entity: String, entityIDs: [String], on db: Database) async throws -> Set<String> {
        guard !entityIDs.isEmpty else { return [] }
        return Set(try await Restatement.query(on: db).filter(\.$entity == entity).filter(\.$entityID ~~ entityIDs).all().map(\.month))
    }

    /// A write to `month`'s figures: nothing to say when the month is open; when it is closed, the
    /// reason the correction is made (refused at `restatementReason` without one).
    static func restatementReason(_ month: Period, given raw: String?, on db: Database) async throws -> String? {
        var v = FieldValidator()
        // Checked (length, control characters) whether or not the month is closed.
        let reason = v.optionalText(restatementField, raw, label: "更正原因", labelEn: "Reason for the correction", max: 500)
        try v.throwIfInvalid()
        guard try await record(month, on: db) != nil else { return nil }
        if reason == nil {
            v.add(.invalid(restatementField, zh: "\(month) 已关账，更正该月数据须填写更正原因（将作为更正记录列入下期通报）",
                           en: "\(month) is closed: a correction needs a reason (it is listed as a restatement)"))
        }
        try v.throwIfInvalid()
        return reason
    }

    /// Records each figure that changed in a closed month, inside the write's transaction.
    static func restate(month: Period, entity: String, entityID: String, subject: String, changes: [(figure: String, old: Int64?, new: Int64?)],
                        reason: String, actor: Actor, now: Date, on tx: Database) async throws {
        for change in changes where change.old != change.new {
            let row = Restatement()
            row.month = month.description
            row.entity = entity
            row.entityID = entityID
            row.subject = subject
            row.figure = change.figure
            row.oldValue = change.old
            row.newValue = change.new
            row.reason = reason
            row.userID = actor.userID
            row.userName = actor.displayName
            row.createdAt = now
            try await row.create(on: tx)
        }
    }

    /// Closes the month when nothing is missing; otherwise refuses, naming what is.
    static func close(_ month: Period, _ req: Request) async throws {
        let actor = try req.requireActor()
        var v = FieldValidator()
        _ = IndicatorWrites.checkMonth(month.description, now: req.now, into: &v)
        if !v.errors.isEmpty { throw ValidationFailed(v.errors.map { FieldError(field: "month", code: $0.code, zh: $0.messageZh, en: $0.messageEn) }) }
        let gaps = try await PeriodGaps.find(month, on: req.sql)
        let missing = gaps.filter { $0.count > 0 }
        guard missing.isEmpty else {
            let list = missing.map { "\($0.title) \($0.count) 个" }.joined(separator: "、")
            throw ValidationFailed([.invalid("month", zh: "\(month) 的数据尚不完整，不能关账：\(list)", en: "\(month) is not complete: \(missing.map(\.titleEn).joined(separator: ", "))")])
        }
        // Closing December closes the year: its assessment is frozen with it.
        let assessment = month.month == 12
            ? try await Assessment.frozen(year: month.year, today: DisplayFormat.day(req.now), by: actor.displayName, at: req.now, on: req.db) : nil
        try await req.db.transaction { tx in
            guard try await record(month, on: tx) == nil else { throw AppError.conflict("\(month) 已经关账") }
            if let assessment { try await Assessment.store(assessment, on: tx) }
            let row = PeriodCloseRecord()
            row.month = month.description
            row.closedAt = req.now
            row.userID = actor.userID
            row.userName = actor.displayName
            try await row.create(on: tx)
            try await AuditLog.record(req, on: tx, action: .create, entity: entity, entityID: month.description, summary: "关账 \(month)",
                                      before: PeriodCloseSnapshot?.none, after: PeriodCloseSnapshot(month: month.description, reason: nil))
        }
    }

    /// Reopens a closed month, with the reason in the audit log.
    static func reopen(_ month: Period, reason raw: String?, _ req: Request) async throws {
        var v = FieldValidator()
        let reason = v.requiredText("reason", raw, label: "重新开账原因", labelEn: "Reason", max: 500)
        try v.throwIfInvalid()
        try await req.db.transaction { tx in
            guard let row = try await record(month, on: tx) else { throw AppError.conflict("\(month) 尚未关账") }
            try await row.delete(on: tx)
            if month.month == 12 { try await Assessment.unfreeze(year: month.year, on: tx) }
            try await AuditLog.record(req, on: tx, action: .delete, entity: entity, entityID: month.description, summary: "重新开账 \(month)：\(reason)",
                                      before: PeriodCloseSnapshot(month: month.description, reason: nil), after: PeriodCloseSnapshot(month: month.description, reason: reason))
        }
    }

    /// The month's state: closed or not, what is missing, its restatements.
    static func status(_ month: Period, on db: Database) async throws -> PeriodStatus {
        let sql = db as! any SQLDatabase
        let closed = try await record(month, on: db)
        let restatements = try await Restatement.query(on: db).filter(\.$month == month.description).sort(\.$id).all()
        return PeriodStatus(month: month.description, closed: closed != nil, closedAt: closed?.closedAt, closedBy: closed?.userName,
                            gaps: closed == nil ? try await PeriodGaps.find(month, on: sql) : [],
                            restatements: restatements.map(RestatementDTO.init))
    }
}

/// What the audit log keeps of a close or a reopening.
struct PeriodCloseSnapshot: Codable, Sendable {
    let month: String
    let reason: String?
}
