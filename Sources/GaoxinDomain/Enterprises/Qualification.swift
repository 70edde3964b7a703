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
        let trimmed = text.trimming(.whitespaces)
        if let q = Qualification(rawValue: trimmed) { self = q; return }
        let wanted = Self.plain(trimmed)
        guard !wanted.isEmpty, let q = Self.byPlainName[wanted] else { return nil }
        self = q
    }

    /// A name without quotation marks and without a closing 企业: how files write it.
    static func plain(_ name: String) -> String {
        let unquoted = name.filter { !"“”\"「」".contains($0) }
        return unquoted.hasSuffix("企业") ? String(unquoted.dropLast(2)) : unquoted
    }

    /// Each kind by its plain name, and the short names used in notices and spreadsheets — worked
    /// out once: comparing every kind's name, unquoted through Foundation for each row, was two
    /// fifths of a qualifications import.
    static let byPlainName: [String: Qualification] = {
        var names: [String: Qualification] = [:]
        for kind in allCases where names[plain(kind.nameZh)] == nil { names[plain(kind.nameZh)] = kind }
        for (alias, kind) in ["高企": highTech, "专精特新": specialised, "小巨人": littleGiant, "上市公司": listed] as [String: Qualification] { names[alias] = kind }
        return names
    }()
}
