import Foundation

/// The names of GB/T 4754-2017: its 97 divisions (大类, with an English title), 473 groups (中类)
/// and 1381 classes (小类), so a code is shown as “3973 集成电路制造” wherever it appears and a code
/// that is well formed but not in the standard (3999) can be refused. Sections (门类) are
/// `IndustrySection`. The table is `IndustryCatalogueTable.swift`, generated.
public struct IndustryCatalogue: Sendable {
    public struct Entry: Hashable, Sendable {
        public let code: IndustryCode
        public let nameZh: String
        /// Divisions only: the standard's groups and classes have no English title to rely on.
        public let nameEn: String?

        /// 2 大类, 3 中类, 4 小类.
        public var level: Int { code.level }
        /// “3973 集成电路制造”.
        public var display: String { "\(code.digits) \(nameZh)" }
    }

    /// A code's name: its own entry, or — for a code the standard does not list (a stored code
    /// from an amendment or another edition) — its nearest listed ancestor's, with `exact` false
    /// so the page can show whose name it is instead of passing it off as the code's.
    public struct Name: Equatable, Sendable {
        public let entry: Entry
        public let exact: Bool
        public var zh: String { entry.nameZh }
        public var en: String? { entry.nameEn }
    }

    /// The 2017 edition, parsed on first use (a static let is initialised once, thread-safely).
    public static let standard = IndustryCatalogue(table: gbt4754_2017)

    /// Every entry in the standard's order (01, 011, 0111, 0112, …, 02, …).
    public let entries: [Entry]
    private let index: [String: Int]

    init(table: String) {
        var entries: [Entry] = []
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            entries.append(Entry(code: IndustryCode(digits: fields[0]), nameZh: fields[1], nameEn: fields.count > 2 ? fields[2] : nil))
        }
        self.entries = entries
        self.index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($0.element.code.digits, $0.offset) })
    }

    public var divisions: [Entry] { entries.filter { $0.level == 2 } }
    public var groups: [Entry] { entries.filter { $0.level == 3 } }
    public var classes: [Entry] { entries.filter { $0.level == 4 } }

    public func entry(_ code: IndustryCode) -> Entry? { index[code.digits].map { entries[$0] } }

    public func isKnown(_ code: IndustryCode) -> Bool { index[code.digits] != nil }

    /// Text as a user or a file gives it (“C3973”, “ 397 ”): false when it is not a well-formed
    /// code either.
    public func isKnown(_ text: String) -> Bool {
        guard case .success(let code) = IndustryCode.parse(text) else { return false }
        return isKnown(code)
    }

    public func name(of code: IndustryCode) -> Name? {
        if let own = entry(code) { return Name(entry: own, exact: true) }
        for level in stride(from: code.level - 1, through: 2, by: -1) {
            if let ancestor = code.truncated(to: level), let found = entry(ancestor) { return Name(entry: found, exact: false) }
        }
        return nil
    }

    public func name(of text: String) -> Name? {
        guard case .success(let code) = IndustryCode.parse(text) else { return nil }
        return name(of: code)
    }

    /// The 门类 the code's division belongs to, with its names.
    public func section(of code: IndustryCode) -> IndustrySection? { code.section.flatMap { IndustrySection(letter: $0) } }

    /// The entries one level below a code (a division's groups, a group's classes).
    public func children(of code: IndustryCode) -> [Entry] {
        // In the standard's order a code's descendants follow it directly.
        guard let start = index[code.digits] else { return [] }
        return entries[(start + 1)...].prefix { $0.code.digits.hasPrefix(code.digits) }.filter { $0.level == code.level + 1 }
    }

    /// “3973 集成电路制造”; a code the standard does not list keeps its digits and shows whose name
    /// follows, “9233（923 人民法院和人民检察院）”. English falls back to Chinese where the
    /// standard has no English title (groups and classes).
    public func display(_ code: IndustryCode, english: Bool = false) -> String {
        guard let name = name(of: code) else { return code.digits }
        let title = english ? (name.en ?? name.zh) : name.zh
        if name.exact { return "\(code.digits) \(title)" }
        let ancestor = "\(name.entry.code.digits) \(title)"
        return english ? "\(code.digits) (\(ancestor))" : "\(code.digits)（\(ancestor)）"
    }
}
