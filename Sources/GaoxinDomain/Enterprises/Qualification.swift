import Foundation

/// The recognitions an enterprise holds (SPEC §2.3), each granted on a date and some expiring.
public enum Qualification: String, CaseIterable, Codable, Sendable {
    case techSME, highTech, specialised, littleGiant, gazelle, unicorn, listed

    public var nameZh: String {
        switch self {
        case .techSME: return "科技型中小企业"
        case .highTech: return "高新技术企业"
        case .specialised: return "专精特新中小企业"
        case .littleGiant: return "专精特新“小巨人”企业"
        case .gazelle: return "瞪羚企业"
        case .unicorn: return "独角兽企业"
        case .listed: return "上市企业"
        }
    }

    public var nameEn: String {
        switch self {
        case .techSME: return "Tech-based SME"
        case .highTech: return "High-tech enterprise"
        case .specialised: return "Specialised SME"
        case .littleGiant: return "“Little giant”"
        case .gazelle: return "Gazelle"
        case .unicorn: return "Unicorn"
        case .listed: return "Listed"
        }
    }

    /// Accepts the code, the Chinese name with or without “企业”, and 小巨人 written with plain quotes.
    public init?(codeOrName text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let q = Qualification(rawValue: trimmed) { self = q; return }
        func plain(_ s: String) -> String {
            var t = s
            for mark in ["“", "”", "\"", "「", "」"] { t = t.replacingOccurrences(of: mark, with: "") }
            return t.hasSuffix("企业") ? String(t.dropLast(2)) : t
        }
        let wanted = plain(trimmed)
        // The short names used in notices and spreadsheets.
        let aliases: [String: Qualification] = ["高企": .highTech, "专精特新": .specialised, "小巨人": .littleGiant, "上市公司": .listed]
        if let alias = aliases[wanted] { self = alias; return }
        guard !wanted.isEmpty, let q = Qualification.allCases.first(where: { plain($0.nameZh) == wanted }) else { return nil }
        self = q
    }
}
