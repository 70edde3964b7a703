import Foundation
import GaoxinDomain

/// A date a record runs out on, declared once per register: a certificate's 有效期至 (it expires)
/// or a service item's 办结时限 (a deadline, met by marking the item done). The state is never
/// stored: it is read against the request's day, so an item past its deadline shows as overdue
/// without anyone changing it, and the list filters on it in SQL.
struct RegisterTimeLimit: Sendable {
    enum Style: Sendable {
        case expiry, deadline
        /// A plan's next milestone (a project's next planned stage): past it the record is 滞后 (late).
        case schedule
        /// A listing that stays current only while its owner re-confirms it (`RegisterFreshness`): a
        /// space on offer past its confirmed-until day is 已过期 and leaves the public page.
        case confirmation
    }

    /// The date field (`YYYY-MM-DD`).
    let field: String
    let style: Style
    /// A choice field and its value that settle the deadline (an item marked done is never overdue).
    let settledBy: (field: String, values: [String])?
    /// How many days before the date a record counts as running out.
    let warningDays: Int

    static func expiry(_ field: String) -> RegisterTimeLimit {
        RegisterTimeLimit(field: field, style: .expiry, settledBy: nil, warningDays: 30)
    }

    static func deadline(_ field: String, settledWhen choice: String, equals value: String) -> RegisterTimeLimit {
        RegisterTimeLimit(field: field, style: .deadline, settledBy: (choice, [value]), warningDays: 7)
    }

    /// A deadline settled by any of several values of a choice (a lead's next step, settled once signed or dropped).
    static func deadline(_ field: String, settledWhen choice: String, in values: [String]) -> RegisterTimeLimit {
        RegisterTimeLimit(field: field, style: .deadline, settledBy: (choice, values), warningDays: 7)
    }

    /// The next planned milestone of a plan, settled when the plan is complete (a producing project).
    static func schedule(_ field: String, settledWhen choice: String, equals value: String) -> RegisterTimeLimit {
        RegisterTimeLimit(field: field, style: .schedule, settledBy: (choice, [value]), warningDays: 30)
    }

    /// A listing current until its stamped day, settled while it is not on offer (occupied, withdrawn).
    static func confirmation(_ field: String, settledWhen choice: String, in values: [String]) -> RegisterTimeLimit {
        RegisterTimeLimit(field: field, style: .confirmation, settledBy: (choice, values), warningDays: 7)
    }

    /// The JSON key and list parameter of the state.
    var key: String {
        switch style {
        case .expiry: return "validity"
        case .deadline: return "timeliness"
        case .schedule: return "schedule"
        case .confirmation: return "freshness"
        }
    }
    var labelZh: String {
        switch style {
        case .expiry: return "有效状态"
        case .deadline: return "办理时限"
        case .schedule: return "进度"
        case .confirmation: return "信息时效"
        }
    }
    var labelEn: String {
        switch style {
        case .expiry: return "Validity"
        case .deadline: return "Timeliness"
        case .schedule: return "Schedule"
        case .confirmation: return "Freshness"
        }
    }
    func label(_ lang: UILanguage) -> String { lang.t(labelZh, labelEn) }

    var states: [RegisterExpiry] { settledBy == nil ? [.valid, .expiring, .expired] : [.valid, .expiring, .expired, .settled] }

    func name(_ state: RegisterExpiry, _ lang: UILanguage) -> String {
        switch (style, state) {
        case (.expiry, .valid): return lang.t("有效", "Valid")
        case (.expiry, .expiring): return lang.t("即将到期", "Expiring")
        case (.expiry, .expired): return lang.t("已过期", "Expired")
        case (.deadline, .valid): return lang.t("按期推进", "On track")
        case (.deadline, .expiring): return lang.t("即将到期", "Due soon")
        case (.deadline, .expired): return lang.t("已逾期", "Overdue")
        case (.schedule, .valid): return lang.t("按计划", "On schedule")
        case (.schedule, .expiring): return lang.t("节点临近", "Milestone near")
        case (.schedule, .expired): return lang.t("滞后", "Late")
        case (.schedule, .settled): return lang.t("已完成", "Complete")
        case (.confirmation, .valid): return lang.t("信息有效", "Current")
        case (.confirmation, .expiring): return lang.t("待确认", "Confirm soon")
        case (.confirmation, .expired): return lang.t("已过期", "Stale")
        case (.confirmation, .settled): return lang.t("不在招商", "Not on offer")
        case (_, .settled): return lang.t("已办结", "Done")
        }
    }

    /// What each value means, for the OpenAPI document.
    var description: String {
        labelZh + "（由\(basisZh)推算）：" + states.map { "\($0.rawValue) \(name($0, .zh))" }.joined(separator: "、")
            + "；\(warningDays) 天内到期为 expiring"
    }

    private var basisZh: String {
        switch style {
        case .expiry: return "有效期"
        case .deadline: return "办结时限"
        case .schedule: return "下一计划节点"
        case .confirmation: return "确认有效期"
        }
    }

    /// nil when the record has no date (it does not run out).
    func state(of record: RegisterRecord, today: String) -> RegisterExpiry? {
        if let settledBy, let value = record.text(settledBy.field), settledBy.values.contains(value) { return .settled }
        guard let day = record.text(field) else { return nil }
        if day < today { return .expired }
        return day <= Self.warningLimit(today, days: warningDays) ? .expiring : .valid
    }

    /// The last day that counts as running out soon.
    static func warningLimit(_ today: String, days: Int) -> String {
        guard let day = CalendarDay(today) else { return today }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
              let limit = calendar.date(byAdding: .day, value: days, to: date) else { return today }
        let parts = calendar.dateComponents([.year, .month, .day], from: limit)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

/// A record's state against its time limit.
enum RegisterExpiry: String, CaseIterable, Sendable {
    case valid, expiring, expired, settled
}
