import Foundation
import GaoxinDomain

/// Validity derived from a record's expiry date (a certificate's 有效期至): never stored, read
/// against the request's day — expired, expiring within 30 days, or valid — so an expired
/// certificate shows as expired without anyone changing it.
enum RegisterExpiry: String, CaseIterable, Sendable {
    case valid, expiring, expired

    static let warningDays = 30

    var zh: String {
        switch self {
        case .valid: return "有效"
        case .expiring: return "即将到期"
        case .expired: return "已过期"
        }
    }

    var en: String {
        switch self {
        case .valid: return "Valid"
        case .expiring: return "Expiring"
        case .expired: return "Expired"
        }
    }

    /// nil when the record has no expiry date (it does not expire).
    static func of(_ record: RegisterRecord, field: String, today: String) -> RegisterExpiry? {
        guard let day = record.text(field) else { return nil }
        if day < today { return .expired }
        return day <= warningLimit(today) ? .expiring : .valid
    }

    /// The last day that counts as expiring soon.
    static func warningLimit(_ today: String) -> String {
        guard let day = CalendarDay(today) else { return today }
        var components = DateComponents(year: day.year, month: day.month, day: day.day)
        components.timeZone = TimeZone(identifier: "Asia/Shanghai")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        guard let date = calendar.date(from: components), let limit = calendar.date(byAdding: .day, value: warningDays, to: date) else { return today }
        let parts = calendar.dateComponents([.year, .month, .day], from: limit)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
