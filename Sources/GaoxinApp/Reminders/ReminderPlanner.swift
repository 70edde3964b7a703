import Foundation
import GaoxinDomain
import SQLKit

/// Once a day (from `ReminderConfig.hour`, Beijing time) each active user with an e-mail address
/// gets a digest of what is overdue or coming due for their unit (`MyWork`), and the webhook gets
/// the zone's. `reminder_days` holds the days already planned, so whichever server gets there
/// first plans the day and the others do nothing; the reminders' own keys make a re-plan harmless.
enum ReminderPlanner {
    struct Outcome: Equatable {
        var planned: Bool
        var queued: Int
    }

    static func planDay(today: String, now: Date, config: ReminderConfig, on sql: any SQLDatabase) async throws -> Outcome {
        guard config.enabled else { return Outcome(planned: false, queued: 0) }
        let claimed = try await sql.raw("""
            INSERT INTO reminder_days (day, planned_at) VALUES (\(bind: today), \(bind: now.timeIntervalSince1970)) ON CONFLICT (day) DO NOTHING RETURNING day
            """).all()
        guard !claimed.isEmpty else { return Outcome(planned: false, queued: 0) }
        var queued = 0
        if config.email {
            let users = try await sql.raw("""
                SELECT u.id, u.display_name, u.email, u.roles, u.unit_id, o.name AS unit_name FROM users u JOIN units o ON o.id = u.unit_id
                WHERE u.active = \(bind: true) AND u.email IS NOT NULL AND u.email <> '' ORDER BY u.id
                """).all()
            var byUnitAndRoles: [String: MyWork] = [:]
            for user in users {
                let roles = RoleSet.decode(try user.decode(column: "roles", as: String.self))
                guard !MyWork.sources(for: roles).isEmpty else { continue }
                let unitID = try user.decode(column: "unit_id", as: Int.self)
                let cacheKey = "\(unitID)/" + roles.map(\.rawValue).sorted().joined(separator: ",")
                let work: MyWork
                if let cached = byUnitAndRoles[cacheKey] { work = cached } else {
                    work = try await MyWork.load(unitID: unitID, unitName: try user.decode(column: "unit_name", as: String.self), roles: roles, today: today, on: sql)
                    byUnitAndRoles[cacheKey] = work
                }
                guard !work.groups.isEmpty else { continue }
                let id = try user.decode(column: "id", as: Int.self)
                let digest = ReminderDigest(work, greeting: try user.decode(column: "display_name", as: String.self), publicURL: config.publicURL)
                if try await ReminderQueue.enqueue(channel: "email", recipient: try user.decode(column: "email", as: String.self), key: "email:\(id):\(today)",
                                                   subject: digest.subject, body: digest.body, now: now, on: sql) { queued += 1 }
            }
        }
        if let url = config.webhookURL {
            let work = try await MyWork.load(unitID: nil, unitName: "全区", roles: Policies.everyone, today: today, on: sql)
            if !work.groups.isEmpty {
                let digest = ReminderDigest(work, greeting: nil, publicURL: config.publicURL)
                if try await ReminderQueue.enqueue(channel: "webhook", recipient: url, key: "webhook:\(today)", subject: digest.subject, body: digest.body,
                                                   now: now, on: sql) { queued += 1 }
            }
        }
        return Outcome(planned: true, queued: queued)
    }
}

/// A digest's words: the subject with the counts, the body per register with its first items and
/// the link to the filtered list.
struct ReminderDigest: Equatable {
    let subject: String
    let body: String

    init(_ work: MyWork, greeting: String?, publicURL: String?) {
        let overdue = work.groups.map(\.overdue).reduce(0, +), soon = work.groups.map(\.dueSoon).reduce(0, +)
        subject = "【高新】\(work.unitName)待办提醒 \(work.today)：已逾期 \(overdue) 项，即将到期 \(soon) 项"
        let base = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        var lines: [String] = []
        if let greeting { lines.append("\(greeting)，您好：") }
        lines.append(work.unitId == nil ? "截至 \(work.today) 全区的待办事项：" : "截至 \(work.today) \(work.unitName)及下级单位的待办事项：")
        for group in work.groups {
            lines.append("")
            lines.append("\(group.title)：已逾期 \(group.overdue) 项，即将到期 \(group.dueSoon) 项")
            for item in group.items {
                lines.append("  · \(item.name)（\(group.dueLabel) \(item.due)\(item.state == RegisterExpiry.expired.rawValue ? "，已逾期" : "")）")
            }
            if group.overdue > 0 { lines.append("  逾期清单：\(base)\(group.overduePath)") }
        }
        lines.append("")
        lines.append("此邮件由高新产业生态工作平台按日发送。")
        body = lines.joined(separator: "\n")
    }
}
