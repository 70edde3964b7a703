import Fluent
import GaoxinDomain

/// A closed month's completed investment is frozen like its enterprise and cluster figures (issue
/// 14, item 1): a create, edit or import row that would change a closed month's amount of a plan
/// (empty and 0 both mean nothing completed) is refused at that month's field, naming the old and
/// new amounts; a correction is a restatement with its reason (`InvestmentRestatement`), or waits
/// for the office to reopen the month. An unchanged row passes, so an export still imports back.
enum ClosedInvestmentMonths {
    @Sendable static func check(_ items: [RegisterBatchItem], on db: Database) async throws -> [[FieldError]] {
        let stored = Dictionary(uniqueKeysWithValues: try await RegisterStore.load(.projectInvestments, ids: items.compactMap(\.existingID), on: db).map { ($0.id, $0) })
        func amounts(_ values: RegisterValues?) -> [String: Int64] {
            guard let values, let year = values["year"]?.integer else { return [:] }
            var out: [String: Int64] = [:]
            for month in ProjectInvestmentMonths.all { out[monthText(year, month.number)] = values[month.key]?.integer ?? 0 }
            return out
        }
        let candidates = items.map { item in (new: amounts(item.values), old: amounts(item.existingID.flatMap { stored[$0]?.values })) }
        let months = Set(candidates.flatMap { Array($0.new.keys) + Array($0.old.keys) })
        let closed = try await PeriodClose.closed(among: months, on: db)
        guard !closed.isEmpty else { return items.map { _ in [] } }
        return candidates.map { candidate in
            closed.sorted().compactMap { month -> FieldError? in
                let before = candidate.old[month] ?? 0, after = candidate.new[month] ?? 0
                guard before != after, let number = Int(month.suffix(2)) else { return nil }
                return .invalid(ProjectInvestmentMonths.all[number - 1].key,
                                zh: "\(month) 已关账，完成投资不能再改（\(Wan(before).yiText) → \(Wan(after).yiText) 亿元）；如需更正，请在计划页“更正已关账月份”写明原因",
                                en: "\(month) is closed: its completed investment cannot change (\(before) → \(after)); correct it on the plan's page with a reason")
            }
        }
    }

    static func monthText(_ year: Int64, _ month: Int) -> String { "\(year)-" + (month < 10 ? "0" : "") + "\(month)" }
}
