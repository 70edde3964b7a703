import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// Moving a project to another stage (the only way its stage and reached days change once it
/// exists): the rule of `ProjectStageTransition`, the day checked against signing, the earlier
/// stages and today, then the project, its stage history row and its audit row in one transaction.
enum ProjectStageWrites {
    struct Move: Sendable {
        var stage: String
        var on: String
        var reason: String
    }

    struct Change: Sendable, Codable, Equatable {
        var from: String
        var to: String
        var on: String
        var reason: String?
        var by: String
        var at: Date

        enum CodingKeys: String, CodingKey { case from, to, on, reason, by, at }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(on, forKey: .on)
            try container.encode(reason, forKey: .reason)  // null for a plain step forward
            try container.encode(by, forKey: .by)
            try container.encode(at, forKey: .at)
        }
    }

    static func move(_ record: RegisterRecord, _ move: Move, _ req: Request) async throws -> RegisterRecord {
        let declaration = RegisterDeclaration.projects
        let actor = try req.requireActor()
        try await RegisterWrites.requireOwnership(declaration, record, actor: actor, on: req.db)
        let today = DisplayFormat.day(req.now)
        let from = record.text("stage").flatMap(ProjectStage.init) ?? .signed
        var errors: [FieldError] = []
        let reason = move.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.unicodeScalars.count > 500 { errors.append(.tooLong("reason", label: "原因", labelEn: "Reason", max: 500)) }
        guard let to = ProjectStage(rawValue: move.stage.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationFailed([FieldError(field: "stage", code: "required", zh: "请选择阶段", en: "Choose a stage")] + errors)
        }
        if let refusal = ProjectStageTransition.check(from: from, to: to, reason: reason, isAdministrator: actor.has(.admin)) {
            errors.append(.invalid(refusal == .same ? "stage" : refusal == .backwardsNeedsAdministrator ? "stage" : "reason", zh: refusal.messageZh, en: refusal.messageEn))
        }
        let day = CalendarDay(move.on.trimmingCharacters(in: .whitespaces))?.description
        if to > from {
            if day == nil {
                errors.append(.invalid("on", zh: "请填写到达该阶段的日期（YYYY-MM-DD）", en: "Give the day the stage was reached (YYYY-MM-DD)"))
            } else if let day {
                let earlier = ProjectStage.allCases.filter { $0 < to && $0 <= from }.compactMap { record.text($0.reachedKey) }.max()
                if day > today { errors.append(.invalid("on", zh: "日期不能晚于今天", en: "The day cannot be after today")) }
                else if let earlier, day < earlier { errors.append(.invalid("on", zh: "日期不能早于上一阶段的日期 \(earlier)", en: "The day cannot come before the previous stage's, \(earlier)")) }
            }
        }
        if !errors.isEmpty { throw ValidationFailed(errors) }

        var values = record.values
        values["stage"] = .text(to.rawValue)
        if to > from, let day { values[to.reachedKey] = .text(day) }
        // Moving back forgets the days of the stages undone.
        for stage in ProjectStage.allCases where stage > to && stage != .signed { values[stage.reachedKey] = nil }
        declaration.derive?(&values)
        let change = Change(from: from.rawValue, to: to.rawValue, on: to > from ? day! : today, reason: reason.isEmpty ? nil : reason,
                            by: actor.displayName, at: req.now)
        try await req.db.transaction { tx in
            try await RegisterStore.update(declaration, id: record.id, values, now: req.now, on: tx)
            try await (tx as! any SQLDatabase).insert(into: "project_stage_changes")
                .columns("project_id", "from_stage", "to_stage", "changed_on", "reason", "user_id", "user_name", "created_at")
                .values(SQLBind(record.id), SQLBind(change.from), SQLBind(change.to), SQLBind(change.on), SQLBind(change.reason),
                        SQLBind(actor.userID), SQLBind(actor.displayName), SQLBind(req.now))
                .run()
            let after = try await RegisterStore.find(declaration, id: record.id, on: tx)!
            try await AuditLog.record(req, on: tx, action: .update, entity: declaration.entity, entityID: "\(record.id)",
                                      summary: "项目“\(RegisterWrites.name(declaration, record))”阶段：\(from.zh) → \(to.zh)" + (reason.isEmpty ? "" : "（\(reason)）"),
                                      before: RegisterDTO(declaration: declaration, record: record.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
        }
        return try await RegisterStore.find(declaration, id: record.id, today: today, on: req.db)!
    }

    /// The project's stage history, oldest first.
    static func history(_ projectID: Int, on db: Database) async throws -> [Change] {
        try await (db as! any SQLDatabase).raw("""
            SELECT from_stage, to_stage, changed_on, reason, user_name, created_at FROM project_stage_changes WHERE project_id = \(bind: projectID) ORDER BY id
            """).all().map { row in
            Change(from: try row.decode(column: "from_stage", as: String.self), to: try row.decode(column: "to_stage", as: String.self),
                   on: try row.decode(column: "changed_on", as: String.self), reason: try row.decode(column: "reason", as: String?.self),
                   by: try row.decode(column: "user_name", as: String.self), at: try row.decode(column: "created_at", as: Date.self))
        }
    }
}
