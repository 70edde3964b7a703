import Foundation
import GaoxinDomain

/// A listing that goes stale unless its owner re-confirms it (SPEC §2.6: a space's availability —
/// the complaint users make of such maps is that they are out of date). `field` is a derived date,
/// restamped to the writing day + `days` on every create and update, so saving the record or its
/// “仍然有效” action is the confirmation; the register's `RegisterTimeLimit.confirmation` on that
/// field shows 信息有效 / 待确认 / 已过期, filters on it in SQL, and public pages leave stale ones out.
struct RegisterFreshness: Sendable {
    let field: String
    let days: Int

    /// The confirmed-until day for a write at `now` (the zone's day, Asia/Shanghai).
    func until(_ now: Date) -> String {
        guard let today = CalendarDay(DisplayFormat.day(now)) else { return DisplayFormat.day(now) }
        return today.adding(days: days).description
    }

    func stamp(_ values: inout RegisterValues, now: Date) { values[field] = .text(until(now)) }
}
