import Foundation

/// The unit a zone indicator (区域指标) is counted in. A target or a reported value is typed in
/// that unit; a number that only makes sense in another unit — 800000 for a 万平方米 indicator,
/// 320 for a percentage, 12.5 firms — is refused with the conversion spelled out, because a
/// target in the wrong unit silently turns a red light green (seed 003's 载体 80 万m², 大学生 1.6 万人).
public enum KpiMeasure: String, CaseIterable, Sendable {
    case firms, items, patents, persons, tenThousandPersons, yi, percent, tenThousandSquareMetres, perTenThousand

    public var zh: String {
        switch self {
        case .firms: return "家"
        case .items: return "个"
        case .patents: return "件"
        case .persons: return "人"
        case .tenThousandPersons: return "万人"
        case .yi: return "亿元"
        case .percent: return "%"
        case .tenThousandSquareMetres: return "万平方米"
        case .perTenThousand: return "件/万人"
        }
    }

    public var en: String {
        switch self {
        case .firms: return "firms"
        case .items: return "items"
        case .patents: return "patents"
        case .persons: return "people"
        case .tenThousandPersons: return "10k people"
        case .yi: return "100m yuan"
        case .percent: return "%"
        case .tenThousandSquareMetres: return "10k m²"
        case .perTenThousand: return "per 10k people"
        }
    }

    /// Counted in whole things.
    public var isWhole: Bool { [.firms, .items, .patents, .persons].contains(self) }

    /// Why `value` cannot be a figure in this unit (nil when it can).
    public func problem(with value: Double) -> (zh: String, en: String)? {
        if value < 0 { return ("不能为负数", "cannot be negative") }
        if isWhole, value.rounded() != value {
            return ("以“\(zh)”计，应为整数", "is counted in \(en) and must be a whole number")
        }
        switch self {
        case .percent where value > 100:
            return ("以 % 计，应在 0–100 之间（如 3.2% 填 3.2）", "is a percentage and must be from 0 to 100 (3.2 % is 3.2)")
        case .tenThousandPersons where value >= 10_000, .tenThousandSquareMetres where value >= 10_000:
            let base = self == .tenThousandPersons ? "人" : "平方米"
            return ("以“\(zh)”计：\(Self.plain(value)) \(base) 应填 \(Self.plain(value / 10_000))", "is counted in \(en): \(Self.plain(value)) is \(Self.plain(value / 10_000)) \(en)")
        case .yi where value >= 1_000_000:
            return ("以“亿元”计：\(Self.plain(value)) 万元应填 \(Self.plain(value / 10_000)) 亿元", "is counted in 100 million yuan: \(Self.plain(value)) (10k yuan) is \(Self.plain(value / 10_000))")
        default:
            return nil
        }
    }

    /// "80", "1.6", "12.35": at most two decimals, none when whole.
    static func plain(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        if hundredths.truncatingRemainder(dividingBy: 100) == 0 { return String(Int64(hundredths / 100)) }
        if hundredths.truncatingRemainder(dividingBy: 10) == 0 { return String(format: "%.1f", hundredths / 100) }
        return String(format: "%.2f", hundredths / 100)
    }
}
